import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceVerify

/// The hash pass starts on the payload before the signed manifest gives each file's limit: its results must be those
/// of hashing every file once with its final limit, whatever the early limits were.
@Suite struct HashPassTests {
    /// A folder bag with files of 0, 100 and 5,000 bytes.
    static func folderBag(_ label: String) throws -> FolderBagSource {
        let root = try TestSupport.temporaryDirectory(label)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8).write(to: root.appendingPathComponent("bagit.txt"))
        for (name, size) in [("empty", 0), ("small", 100), ("large", 5_000)] {
            try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: root.appendingPathComponent("data/\(name)"))
        }
        return try FolderBagSource(url: root)
    }

    /// Results made comparable: digest and size, or the error's text.
    static func described(_ outcomes: [String: HashPass.Outcome]) -> [String: String] {
        outcomes.mapValues { outcome in
            switch outcome {
            case .success(let hashed): "\(hashed.digest) \(hashed.size)"
            case .failure(let error): "failed: \(error)"
            }
        }
    }

    @Test func earlyResultsAreThoseOfTheFinalLimitsWhateverTheEarlyLimits() throws {
        let source = try Self.folderBag("hash-pass")
        let paths = ["data/empty", "data/small", "data/large", "data/absent"]
        // Limits below, at and above each file's size, early and final, in every combination.
        let limits: [Int64] = [0, 99, 100, 101, 4_999, 5_000, 1 << 20]
        for earlyLimit in limits {
            for finalLimit in limits {
                let final = paths.map { HashJob(path: $0, limit: finalLimit) }
                let expected = Self.described(HashPass(source: source).finish(final, meter: nil))
                let pass = HashPass(source: source)
                pass.start(early: paths.map { HashJob(path: $0, limit: earlyLimit) })
                let outcomes = Self.described(pass.finish(final, meter: nil))
                #expect(outcomes == expected, "early limit \(earlyLimit), final limit \(finalLimit)")
                #expect(outcomes.count == paths.count)
            }
        }
        // The comparison is not vacuous: a limit below a file's size fails it, one at its size does not.
        let cut = Self.described(HashPass(source: source).finish([HashJob(path: "data/large", limit: 4_999)], meter: nil))
        #expect(cut["data/large"]?.hasPrefix("failed: ") == true)
        let whole = Self.described(HashPass(source: source).finish([HashJob(path: "data/large", limit: 5_000)], meter: nil))
        #expect(whole["data/large"]?.hasSuffix(" 5000") == true)
    }

    @Test func filesHashedBeforeTheMeterExistsAreCountedOnce() throws {
        let source = try Self.folderBag("hash-pass-meter")
        let jobs = ["data/empty", "data/small", "data/large"].map { HashJob(path: $0, limit: 1 << 20) }
        let last = LastProgress()
        let pass = HashPass(source: source)
        pass.start(early: jobs)
        Thread.sleep(forTimeInterval: 0.2) // the early thread hashes all three before the meter is given
        let meter = ProgressMeter(totalItems: jobs.count, totalBytes: 5_100) { last.set($0) }
        _ = pass.finish(jobs, meter: meter)
        #expect(last.value?.items == 3)
        #expect(last.value?.bytes == 5_100)
    }

    /// A file `manifest-sha256.txt` lists but the signed manifest does not is hashed early, yet it is not among the
    /// files to check: the meter, whose totals are those files, does not count it.
    @Test func aFileHashedEarlyThatTheSignedManifestLeavesOutIsNotCounted() throws {
        let source = try Self.folderBag("hash-pass-left-out")
        let early = ["data/empty", "data/small", "data/large"].map { HashJob(path: $0, limit: 1 << 20) }
        let final = early.filter { $0.path != "data/large" }
        let last = LastProgress()
        let pass = HashPass(source: source)
        pass.start(early: early)
        Thread.sleep(forTimeInterval: 0.2) // the early thread hashes all three before the meter is given
        let meter = ProgressMeter(totalItems: final.count, totalBytes: 100) { last.set($0) }
        let outcomes = pass.finish(final, meter: meter)
        #expect(Set(outcomes.keys) == ["data/empty", "data/small"])
        #expect(last.value?.items == 2)
        #expect(last.value?.bytes == 100)
    }

    @Test func aPayloadFileGrownAfterSealingIsCutAtItsSignedSize() throws {
        let (_, bag, _) = try SealTests.sealedAndUnzipped("hash-pass-grown")
        let listing = try String(contentsOf: bag.appendingPathComponent("manifest-sha256.txt"), encoding: .utf8)
        let path = try #require(listing.split(separator: "\n").first?.split(separator: " ", maxSplits: 1).last)
            .trimmingCharacters(in: .whitespaces)
        let file = bag.appendingPathComponent(path)
        let signedSize = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber).int64Value
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("appended".utf8))
        try handle.close()
        // Hashed early up to its new size, it is no longer than that; its signed size cuts it, as before.
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.findings == [
            VerificationFinding(.modified, path: path, "larger than the \(signedSize) bytes the bag declares; stopped reading there"),
            VerificationFinding(.modified, path: BagLayout.bagInfoFile, "Payload-Oxum says \(try Self.oxum(of: bag)) but the payload "
                + "holds \(try Self.payloadBytes(of: bag, without: path)) bytes in \(try Self.payloadCount(of: bag)) files"),
        ])
    }

    static func oxum(of bag: URL) throws -> String {
        let info = try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        return try #require(info.split(separator: "\n").first { $0.hasPrefix("Payload-Oxum: ") }).dropFirst("Payload-Oxum: ".count)
            .trimmingCharacters(in: .whitespaces)
    }

    /// What the verifier counts of the payload: every file but the one that could not be read whole.
    static func payloadBytes(of bag: URL, without skipped: String) throws -> Int64 {
        try payloadFiles(of: bag).filter { $0 != skipped }.reduce(0) { total, path in
            total + (try FileManager.default.attributesOfItem(atPath: bag.appendingPathComponent(path).path)[.size] as! NSNumber).int64Value
        }
    }

    static func payloadCount(of bag: URL) throws -> Int { try payloadFiles(of: bag).count }

    static func payloadFiles(of bag: URL) throws -> [String] {
        let data = bag.appendingPathComponent("data")
        return (FileManager.default.enumerator(atPath: data.path)?.allObjects as? [String] ?? [])
            .filter { !$0.isEmpty }
            .map { "data/\($0)" }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: bag.appendingPathComponent(path).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
    }
}

/// The last progress a meter reported, from any thread.
private final class LastProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last: WorkProgress?

    func set(_ progress: WorkProgress) {
        lock.lock()
        defer { lock.unlock() }
        if (last?.items ?? -1) <= progress.items && (last?.bytes ?? -1) <= progress.bytes { last = progress }
    }

    var value: WorkProgress? {
        lock.lock()
        defer { lock.unlock() }
        return last
    }
}
