import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// `evidence add` killed with SIGKILL half way through 500 files leaves a consistent case.
@Suite struct InterruptedAddTests {
    @Test func killedAddLeavesAConsistentCase() throws {
        let directory = try TestSupport.temporaryDirectory("kill")
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        // 256 KiB each (128 MB in all): enough work that the kill lands while copies are still being made.
        // One random block, made distinct per file by its first bytes, so no two files are duplicates.
        var generator = SeededGenerator(seed: 7)
        var block = [UInt8](repeating: 0, count: 256 << 10)
        block.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        for number in 0..<500 {
            withUnsafeBytes(of: UInt64(number).littleEndian) { block.replaceSubrange(0..<8, with: $0) }
            try Data(block).write(to: originals.appendingPathComponent(String(format: "IMG_%04d.bin", number)))
        }
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Kill test", timeZone: "Europe/Brussels")

        // Wait until a good number of items are in, then kill it without warning.
        try Self.addKilled(into: caseFolder, from: originals, afterReporting: 60)

        let reopened = try EvidenceCase(opening: caseFolder)
        let items = try reopened.items()
        #expect(items.count >= 60 && items.count < 500, "killed after \(items.count) items")
        for item in items {
            let stored = reopened.storedCopy(sha256: item.sha256)
            let (digest, size) = try SHA256.hash(fileAt: stored.path)
            #expect(digest.hex == item.sha256)
            #expect(Int64(size) == item.size)
            let original = try SHA256.hash(fileAt: item.sourcePath ?? item.originalPath)
            #expect(original.digest.hex == item.sha256)
        }
        #expect(items.map(\.id) == Array(1...Int64(items.count)))
        #expect(CustodyJournal.problems(inJournal: try reopened.custodyJournal()).isEmpty)
        let added = String(decoding: try reopened.custodyJournal(), as: UTF8.self).components(separatedBy: "\"item-added\"").count - 1
        #expect(added == items.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: caseFolder.appendingPathComponent("staging").path).isEmpty)

        // Running the same add again finishes the job: what was in is recognised, the rest is added.
        let report = try reopened.add([originals])
        #expect(report.added.count == 500 - items.count)
        #expect(try reopened.items().count == 500)
        #expect(CustodyJournal.problems(inJournal: try reopened.custodyJournal()).isEmpty)
    }

    /// Many small files are committed in batches (one flush and one transaction for many files): a SIGKILL in the
    /// middle leaves whole batches recorded and nothing of the one being committed, and running the add again
    /// adds exactly the rest, none twice.
    @Test func killedBatchedAddOfManySmallFilesLeavesWholeBatches() throws {
        let directory = try TestSupport.temporaryDirectory("kill-batches")
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        let count = 2000
        var generator = SeededGenerator(seed: 11)
        for number in 0..<count {
            var bytes = [UInt8](repeating: 0, count: 2048)
            bytes.withUnsafeMutableBytes { raw in
                for index in raw.bindMemory(to: UInt64.self).indices {
                    raw.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self)
                }
            }
            try Data(bytes).write(to: originals.appendingPathComponent(String(format: "Screenshot_%05d.png", number)))
        }
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Kill batches", timeZone: "UTC")

        // Several batches in (the first ones are small), then killed without warning.
        let reported = try Self.addKilled(into: caseFolder, from: originals, afterReporting: 200)

        let reopened = try EvidenceCase(opening: caseFolder)
        let items = try reopened.items()
        // Every item reported added was committed; whatever else is in came in whole batches after it.
        #expect(items.count >= reported && items.count < count, "killed after \(items.count) items")
        #expect(items.map(\.id) == Array(1...Int64(items.count)))
        for item in items {
            let (digest, size) = try SHA256.hash(fileAt: reopened.storedCopy(sha256: item.sha256).path)
            #expect(digest.hex == item.sha256)
            #expect(Int64(size) == item.size)
        }
        #expect(CustodyJournal.problems(inJournal: try reopened.custodyJournal()).isEmpty)
        #expect(try reopened.integrityProblems().isEmpty)
        let added = String(decoding: try reopened.custodyJournal(), as: UTF8.self).components(separatedBy: "\"item-added\"").count - 1
        #expect(added == items.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: caseFolder.appendingPathComponent("staging").path).isEmpty)

        let report = try reopened.add([originals])
        #expect(report.added.count == count - items.count)
        // What was in before is seen again (a sighting), never stored as a second item.
        #expect(report.outcomes.filter { if case .duplicate = $0 { true } else { false } }.count == items.count)
        let all = try reopened.items()
        #expect(all.count == count)
        #expect(Set(all.map(\.sha256)).count == count)
        #expect(Set(all.map(\.originalName)).count == count)
        #expect(CustodyJournal.problems(inJournal: try reopened.custodyJournal()).isEmpty)
        #expect(try reopened.integrityProblems().isEmpty)
    }

    /// Runs `evidence add` of `originals` into the case and kills it with SIGKILL once it has printed `count`
    /// "added" lines (or ended); returns how many it printed.
    @discardableResult
    static func addKilled(into caseFolder: URL, from originals: URL, afterReporting count: Int) throws -> Int {
        let process = Process()
        process.executableURL = TestSupport.evidenceBinary
        process.arguments = ["add", "--case", caseFolder.path, originals.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var reported = 0
        let reader = output.fileHandleForReading
        while reported < count {
            let data = reader.availableData
            if data.isEmpty { break }
            reported += String(decoding: data, as: UTF8.self).components(separatedBy: "added ").count - 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        return reported
    }
}
