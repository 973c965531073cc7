import Foundation
import GRDB
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace

/// The commit of `add`: a batch is recorded in one transaction, carrying the next item number and the journal's end
/// from one file to the next, and falls back to a savepoint per file when a file fails.
@Suite struct AddCommitTests {
    static let now = Instant(unixSeconds: 1_772_701_200)

    /// Twelve files of distinct random bytes, then two duplicates (of the first and of the fifth), named so that
    /// the walk's order is the order below.
    static func originals(in directory: URL) throws -> [URL] {
        var generator = SeededGenerator(seed: 12)
        var files: [URL] = []
        var contents: [[UInt8]] = []
        for number in 0..<14 {
            let bytes = number < 12 ? (0..<(1_000 + 97 * number)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                : contents[number == 12 ? 0 : 4]
            contents.append(bytes)
            let file = directory.appendingPathComponent(String(format: "file_%02d.bin", number))
            try Data(bytes).write(to: file)
            files.append(file)
        }
        return files
    }

    static func makeCase(_ folder: URL) throws -> EvidenceCase {
        try EvidenceCase.create(at: folder, title: "Commit", timeZone: "Europe/Brussels", identifier: "commit-test",
                                actor: "tester", now: now)
    }

    /// The item records and journal entries (after `case-created`, whose details differ with each case's key)
    /// of a case, as stored.
    static func records(of evidenceCase: EvidenceCase) throws -> (items: [String], journal: [CustodyJournal.Entry]) {
        let items = try evidenceCase.index.database.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM item ORDER BY id")
        }
        let lines = try evidenceCase.custodyJournal().split(separator: UInt8(ascii: "\n")).map { Array($0) }
        let journal = try lines.dropFirst().map { line in
            var entry = try #require(CustodyJournal.entry(inLine: line))
            entry.prev = ""
            return entry
        }
        return (items, journal)
    }

    /// One `add` of fourteen files (several per batch) records the same items and journal entries as fourteen
    /// `add`s of one file each (one file per transaction, every number and journal end read from the index).
    @Test func aBatchRecordsWhatOneFileAtATimeRecords() throws {
        let directory = try TestSupport.temporaryDirectory("commit-batch")
        let files = try Self.originals(in: directory)
        let batched = try Self.makeCase(directory.appendingPathComponent("batched"))
        let report = try batched.add(files, now: { Self.now })
        #expect(report.added.count == 12)
        let single = try Self.makeCase(directory.appendingPathComponent("single"))
        for file in files { _ = try single.add([file], now: { Self.now }) }

        let batchedRecords = try Self.records(of: batched)
        let singleRecords = try Self.records(of: single)
        #expect(batchedRecords.items.count == 12)
        #expect(batchedRecords.items == singleRecords.items)
        #expect(batchedRecords.journal == singleRecords.journal)
        #expect(batchedRecords.journal.map(\.action) == Array(repeating: "item-added", count: 12)
                + ["duplicate-seen", "duplicate-seen"])
        #expect(try batched.items().map(\.id) == Array(1...12))
        #expect(CustodyJournal.problems(inJournal: try batched.custodyJournal()).isEmpty)
    }

    /// A file the index refuses inside the batch's transaction fails alone: the batch is recorded again with a
    /// savepoint per file, the other files are items numbered in order, and the journal's chain holds.
    @Test func aFileRefusedInTheTransactionFailsOnlyThatFile() throws {
        let directory = try TestSupport.temporaryDirectory("commit-refused")
        let files = Array(try Self.originals(in: directory).prefix(12))
        let evidenceCase = try Self.makeCase(directory.appendingPathComponent("case"))
        try evidenceCase.index.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_file_09 BEFORE INSERT ON item
                WHEN instr(NEW.json, '"originalName":"file_09.bin"') > 0
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        let report = try evidenceCase.add(files, now: { Self.now })

        let failed = report.outcomes.compactMap { outcome -> String? in
            if case .failed(let path, let reason) = outcome { return "\(URL(fileURLWithPath: path).lastPathComponent): \(reason)" }
            return nil
        }
        #expect(failed.count == 1)
        #expect(failed.first?.hasPrefix("file_09.bin: ") == true && failed.first?.contains("refused by the test") == true)
        let items = try evidenceCase.items()
        #expect(items.map(\.originalName) == files.map(\.lastPathComponent).filter { $0 != "file_09.bin" })
        #expect(items.map(\.id) == Array(1...11))
        let journal = try Self.records(of: evidenceCase).journal
        #expect(journal.map { $0.details["originalName"] } == items.map(\.originalName))
        #expect(journal.map { $0.details["item"] } == items.map { String($0.id) })
        #expect(CustodyJournal.problems(inJournal: try evidenceCase.custodyJournal()).isEmpty)
    }

    /// The store's folder of a stored copy, cut from its path by bytes, is the path's folder, in a case folder whose
    /// name ends in a combining mark (where the stored copy's first `/` would join a grapheme if cut by characters).
    @Test func theStoreFolderIsTheStoredCopysFolder() throws {
        let directory = try TestSupport.temporaryDirectory("commit-folder")
        let evidenceCase = try Self.makeCase(directory.appendingPathComponent("Cas\u{65}\u{301}"))
        for sha256 in [String(repeating: "0", count: 64), String(repeating: "af", count: 32)] {
            let object = evidenceCase.storedCopyPath(sha256: sha256)
            #expect(evidenceCase.storeFolder(ofStoredCopy: object, sha256: sha256)
                    == (object as NSString).deletingLastPathComponent)
            #expect(evidenceCase.storeFolder(ofStoredCopy: object, sha256: sha256).hasSuffix("/objects/sha256/\(sha256.prefix(2))"))
        }
    }
}
