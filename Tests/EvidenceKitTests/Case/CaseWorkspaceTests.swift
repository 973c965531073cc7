import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite struct CaseWorkspaceTests {
    @Test func addCopiesHashesAndSkipsClutter() throws {
        let directory = try TestSupport.temporaryDirectory("add")
        let originals = try CaseFixtures.makeOriginals(in: directory)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Test",
                                                   timeZone: "Europe/Brussels")
        let report = try evidenceCase.add([originals], options: AddOptions(note: "reçue le 3 mars", sensitive: true))
        let items = try evidenceCase.items()
        #expect(items.map(\.originalName).sorted() == ["Screenshot_20260303-214512.png", "note: menace?.txt", "video-part.bin"])
        for item in items {
            // Recorded below the folder given to `add`; the absolute path stays in the case's private index.
            #expect(item.originalPath == "originals/" + (item.originalName == "video-part.bin" ? "nested/" : "") + item.originalName)
            let (digest, size) = try SHA256.hash(fileAt: try #require(item.sourcePath))
            #expect(item.sha256 == digest.hex)
            #expect(item.size == Int64(size))
            #expect(try SHA256.hash(fileAt: evidenceCase.storedCopy(sha256: item.sha256).path).digest == digest)
            #expect(item.note == "reçue le 3 mars")
            #expect(item.sensitive)
            #expect(item.timestamps.contains { $0.source == .acquired })
            #expect(item.timestamps.contains { $0.source == .filesystem })
        }
        #expect(items.first { $0.originalName.hasSuffix(".png") }?.mediaType == "image/png")
        let skipped = report.outcomes.compactMap { outcome -> String? in
            if case .skipped(let path, _) = outcome { return (path as NSString).lastPathComponent } else { return nil }
        }
        #expect(Set(skipped) == [".DS_Store", "outside"])
    }

    @Test func sameContentIsRecognisedNotStoredTwice() throws {
        let directory = try TestSupport.temporaryDirectory("dup")
        let (evidenceCase, originals) = try CaseFixtures.makeCase(in: directory)
        let copy = directory.appendingPathComponent("copy-of-screenshot.png")
        try FileManager.default.copyItem(at: originals.appendingPathComponent("Screenshot_20260303-214512.png"), to: copy)
        let report = try evidenceCase.add([copy])
        #expect(report.added.isEmpty)
        guard case .duplicate(let existing, let path, _) = report.outcomes.first else {
            Issue.record("expected a duplicate, got \(report.outcomes)")
            return
        }
        #expect(existing.originalName == "Screenshot_20260303-214512.png")
        #expect(path == copy.path)
        #expect(try evidenceCase.items().count == 3)
        let journal = String(decoding: try evidenceCase.custodyJournal(), as: UTF8.self)
        #expect(journal.contains("\"action\":\"duplicate-seen\""))

        // Adding it again as sensitive, with a note, marks the existing item: nothing the person said is lost.
        let again = try evidenceCase.add([copy], options: AddOptions(note: "aussi envoyée par WhatsApp", sensitive: true))
        #expect(again.added.isEmpty)
        let marked = try #require(try evidenceCase.items().first { $0.id == existing.id })
        #expect(marked.sensitive)
        #expect(marked.note == "reçue le 3 mars\naussi envoyée par WhatsApp")
        #expect(CustodyJournal.problems(inJournal: try evidenceCase.custodyJournal()).isEmpty)
    }

    @Test func theCaseItselfIsNeverAdded() throws {
        let directory = try TestSupport.temporaryDirectory("self")
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let before = try evidenceCase.items().count
        let report = try evidenceCase.add([evidenceCase.folder, evidenceCase.folder.appendingPathComponent("case.json")])
        #expect(report.added.isEmpty)
        #expect(report.outcomes.count == 2)
        #expect(try evidenceCase.items().count == before)
    }

    @Test func originalsAreNotModified() throws {
        let directory = try TestSupport.temporaryDirectory("orig")
        let originals = try CaseFixtures.makeOriginals(in: directory)
        let file = originals.appendingPathComponent("nested/video-part.bin")
        let past = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
        let before = try Data(contentsOf: file)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T", timeZone: "UTC")
        _ = try evidenceCase.add([originals])
        _ = try evidenceCase.seal(to: directory.appendingPathComponent("out.zip"), sealedAt: Instant(unixSeconds: 1_772_000_000))
        #expect(try Data(contentsOf: file) == before)
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(after == past)
        let item = try #require(try evidenceCase.items().first { $0.originalName == "video-part.bin" })
        #expect(item.modifiedAt == Instant(unixSeconds: 1_700_000_000))
    }

    @Test func initRefusesUnknownZoneAndNonEmptyFolder() throws {
        let directory = try TestSupport.temporaryDirectory("init")
        #expect(throws: CaseError.self) {
            try EvidenceCase.create(at: directory.appendingPathComponent("a"), title: "T", timeZone: "Europe/Bruxelles")
        }
        try Data("x".utf8).write(to: directory.appendingPathComponent("file"))
        #expect(throws: CaseError.self) {
            try EvidenceCase.create(at: directory, title: "T", timeZone: "Europe/Brussels")
        }
    }

    @Test func keyFileIsPrivateAndExternalKeyIsUsed() throws {
        let directory = try TestSupport.temporaryDirectory("key")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T", timeZone: "UTC")
        let attributes = try FileManager.default.attributesOfItem(atPath: evidenceCase.folder.appendingPathComponent("keys/signer.key.pem").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let external = try Ed25519PrivateKey.generate()
        let keyPath = directory.appendingPathComponent("police.pem")
        try external.writePEM(toNewFileAt: keyPath.path)
        let second = try EvidenceCase.create(at: directory.appendingPathComponent("case2"), title: "T", timeZone: "UTC", externalKey: keyPath)
        #expect(try second.signingKey().publicKey == external.publicKey)
        #expect(!FileManager.default.fileExists(atPath: second.folder.appendingPathComponent("keys/signer.key.pem").path))
    }

    @Test func journalChainsAndDetectsEdits() throws {
        let directory = try TestSupport.temporaryDirectory("journal")
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let journal = try evidenceCase.custodyJournal()
        #expect(CustodyJournal.problems(inJournal: journal).isEmpty)
        let lines = journal.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == 4)
        #expect(lines[0].contains("\"action\":\"case-created\""))
        #expect(lines[0].contains("\"prev\":\"\(CustodyJournal.genesis)\""))

        // Edit an old entry in the database itself: the chain breaks and sealing is refused.
        try evidenceCase.index.database.write { db in
            try db.execute(sql: "UPDATE custody SET line = replace(line, 'case-created', 'case-creeated') WHERE seq = 1")
        }
        let problems = CustodyJournal.problems(inJournal: try evidenceCase.custodyJournal())
        #expect(problems.contains { $0.line == 2 })
        #expect(throws: CaseError.self) {
            try evidenceCase.seal(to: directory.appendingPathComponent("x.zip"), sealedAt: Instant(unixSeconds: 1_772_000_000))
        }

        // Removing the last entry leaves the chain whole, but an item without its journal entry is noticed.
        let second = try CaseFixtures.makeCase(in: try TestSupport.temporaryDirectory("journal-tail")).0
        #expect(try second.integrityProblems().isEmpty)
        try second.index.database.write { db in try db.execute(sql: "DELETE FROM custody WHERE seq = (SELECT MAX(seq) FROM custody)") }
        #expect(try second.integrityProblems().contains { $0.contains("no item-added entry") })
        #expect(throws: CaseError.self) {
            try second.seal(to: directory.appendingPathComponent("y.zip"), sealedAt: Instant(unixSeconds: 1_772_000_000))
        }

        // Deleting an entry breaks it too.
        var remaining = lines
        remaining.remove(at: 1)
        let deleted = CustodyJournal.problems(inJournal: Array((remaining.joined(separator: "\n") + "\n").utf8))
        #expect(!deleted.isEmpty)
    }
}
