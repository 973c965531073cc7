import EvidenceModel
import Foundation

/// The hash pass of one verification on two threads, started before all it needs is known.
///
/// The payload files are listed in `manifest-sha256.txt`, read first; the most bytes each may hold (its size in the
/// signed manifest) is known only once the signed manifest is read, which for thousands of items takes as long as
/// hashing many of them. So one thread starts hashing payload files as soon as they are listed (``start(early:)``),
/// each up to the size its container gives it, while the calling thread reads and checks the signed manifest; then
/// both threads take what is left (``finish(_:meter:)``).
///
/// Results are exactly those of hashing every file once with its final limit: a file hashed early counts only if it
/// was read whole without error and is no longer than its final limit (reading it with that limit gives the same
/// bytes, so the same digest); any other early result is thrown away and the file hashed again with its final limit.
/// Only files read as they are stored are hashed early (unpacked, or stored in the zip): a file is never inflated past
/// what its final limit allows, so a zip bomb costs no more than before.
final class HashPass: @unchecked Sendable {
    typealias Outcome = Result<(digest: String, size: Int64), any Error>

    private let source: any BagSource
    private let condition = NSCondition()
    /// Every job handed out or waiting, by number; `results` has one slot per job.
    private var jobs: [HashJob] = []
    private var results: [Outcome?] = []
    /// Numbers of the jobs not yet taken, in the order to take them; `waiting[head...]` are left.
    private var waiting: [Int] = []
    private var head = 0
    /// No more jobs will come: a worker that finds none left stops.
    private var closed = false
    private var earlyJobs: [String: Int] = [:]
    private var meter: ProgressMeter?
    /// By job: whether its work is shown to the meter. An early job is only once ``finish(_:meter:)`` has it among
    /// the files to hash: one that turns out not to be (the signed manifest does not list it) is not progress.
    private var metered: [Bool] = []
    /// By job: the bytes read and whether it ended before a meter was given, credited to it when it is.
    private var unmeteredBytes: [Int64] = []
    private var endedUnmetered: [Bool] = []
    private let earlyWorker = DispatchGroup()
    private var started = false

    init(source: any BagSource) {
        self.source = source
    }

    /// Starts hashing `early` (payload files, each with the size its container gives it as limit) on another thread.
    func start(early: [HashJob]) {
        condition.lock()
        for job in early where earlyJobs[job.path] == nil {
            earlyJobs[job.path] = jobs.count
            waiting.append(jobs.count)
            append(job, metered: false)
        }
        condition.unlock()
        startEarlyWorker()
    }

    /// Hashes `jobs` (every file to hash, with its final limit) on both threads, using what was hashed early where it
    /// gives the same result; returns the results by path.
    ///
    /// - Parameter meter: Told of every file and chunk hashed, including those hashed before this call.
    func finish(_ finalJobs: [HashJob], meter: ProgressMeter?) -> [String: Outcome] {
        // Jobs not hashed early go first, before the early ones still waiting: the summary and the journal, the
        // largest tag files, are then not left for last on one thread.
        var covered: [(job: HashJob, early: Int)] = []
        condition.lock()
        var added: [Int] = []
        var (bytes, items): (Int64, Int) = (0, 0)
        for job in finalJobs {
            if job.inspection == nil, let early = earlyJobs[job.path] {
                covered.append((job, early))
                metered[early] = true
                bytes += unmeteredBytes[early]
                if endedUnmetered[early] { items += 1 }
            } else {
                added.append(jobs.count)
                append(job, metered: true)
            }
        }
        // Early jobs no final one covers are not started: nothing would use their results.
        waiting = added + waiting[head...].filter { metered[$0] }
        head = 0
        closed = true
        self.meter = meter
        condition.broadcast()
        condition.unlock()
        if let meter {
            meter.add(bytes: Int(clamping: bytes))
            for _ in 0..<items { meter.finishItem() }
        }
        startEarlyWorker()
        work(reader: (try? source.reopened()) ?? source)
        earlyWorker.wait()

        var outcomes: [String: Outcome] = [:]
        var again: [HashJob] = []
        for index in added {
            outcomes[jobs[index].path] = results[index]
        }
        for (job, early) in covered {
            if case .success(let hashed)? = results[early], hashed.size <= job.limit {
                outcomes[job.path] = .success(hashed)
            } else {
                again.append(job)
            }
        }
        // Read with another limit than its final one and not whole, or failed: hashed again as it would have been.
        if !again.isEmpty {
            for (path, outcome) in HashPass(source: source).finish(again, meter: nil) { outcomes[path] = outcome }
        }
        return outcomes
    }

    private func startEarlyWorker() {
        condition.lock()
        let first = !started
        started = true
        condition.unlock()
        guard first else { return }
        DispatchQueue.global().async(group: earlyWorker) { [self] in work(reader: source) }
    }

    /// Takes jobs until none are left and no more will come.
    private func work(reader: any BagSource) {
        while let number = take() {
            let job = job(numbered: number)
            let outcome = Outcome {
                try reader.sha256(job.path, limit: job.limit, inspection: job.inspection) {
                    self.progressed(bytes: $0, job: number)
                }
            }
            condition.lock()
            results[number] = outcome
            let meter = metered[number] ? self.meter : nil
            if self.meter == nil { endedUnmetered[number] = true }
            condition.unlock()
            meter?.finishItem()
        }
    }

    /// Adds `job` as the next number (the caller holds the lock).
    private func append(_ job: HashJob, metered isMetered: Bool) {
        jobs.append(job)
        results.append(nil)
        metered.append(isMetered)
        unmeteredBytes.append(0)
        endedUnmetered.append(false)
    }

    private func job(numbered number: Int) -> HashJob {
        condition.lock()
        defer { condition.unlock() }
        return jobs[number]
    }

    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while head == waiting.count {
            if closed { return nil }
            condition.wait()
        }
        head += 1
        return waiting[head - 1]
    }

    private func progressed(bytes count: Int, job number: Int) {
        condition.lock()
        let meter = metered[number] ? self.meter : nil
        if self.meter == nil { unmeteredBytes[number] += Int64(count) }
        condition.unlock()
        meter?.add(bytes: count)
    }
}
