import EvidenceModel
import EvidenceSystem
import Foundation

/// The one progress line every long command (`add`, `seal`, `verify`) draws on standard error: files and bytes done,
/// the rate and the time left, redrawn in place.
///
/// It is drawn only on a terminal (a log or a pipe gets nothing extra), never under `--quiet`, only once the command
/// has run for two seconds (a quick command stays as it was), at most ten times a second, and it is wiped before the
/// command prints its result. `EVIDENCEKIT_PROGRESS_AFTER` (seconds) changes the two seconds, for tests.
final class ProgressLine: @unchecked Sendable {
    private let verb: String
    private let start = ContinuousClock.now
    private let delay: Duration
    private let lock = NSLock()
    private var lastDrawn: ContinuousClock.Instant?
    private var visible = false

    /// A line for `verb` ("adding"), or `nil` when standard error is not a terminal or `--quiet` was given.
    static func onTerminal(_ verb: String) -> ProgressLine? {
        guard !Console.isQuiet, FileSystem.isTerminal(2) else { return nil }
        return ProgressLine(verb)
    }

    private init(_ verb: String) {
        self.verb = verb
        let seconds = ProcessInfo.processInfo.environment["EVIDENCEKIT_PROGRESS_AFTER"].flatMap(Double.init) ?? 2
        delay = .milliseconds(Int(max(0, seconds) * 1000))
    }

    /// ``update(_:)`` as a closure to hand to `add`, `seal` or `verify`.
    var observer: @Sendable (WorkProgress) -> Void {
        { [self] progress in update(progress) }
    }

    /// Redraws the line when it is due.
    func update(_ progress: WorkProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - start >= delay, lastDrawn.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        lastDrawn = now
        visible = true
        write("\r\u{1B}[K" + Self.text(verb, progress, elapsed: now - start))
    }

    /// Wipes the line, if it shows, so a line of the command's own output starts clean; the next due update draws
    /// it again below.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if visible { write("\r\u{1B}[K") }
        visible = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `verifying: 1,204 of 5,002 files, 0.12 of 1.17 GB, 850 MB/s, about 2 s left`.
    static func text(_ verb: String, _ progress: WorkProgress, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.bytes) / seconds : 0
        var parts = ["\(verb): \(grouped(progress.items)) of \(grouped(progress.totalItems)) files",
                     "\(gigabytes(progress.bytes)) of \(gigabytes(progress.totalBytes)) GB",
                     "\(Int(rate / 1e6)) MB/s"]
        if rate > 0 {
            let left = Double(max(0, progress.totalBytes - progress.bytes)) / rate
            parts.append(left < 60 ? "about \(Int(left.rounded(.up))) s left" : "about \(Int((left / 60).rounded(.up))) min left")
        }
        return parts.joined(separator: ", ")
    }

    private static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    private static func gigabytes(_ bytes: Int64) -> String {
        let value = Double(bytes) / 1e9
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
