import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// One damaged export, one damaged record or a copied case folder never blocks the rest of the victim's evidence.
@Suite struct UnbrickableCaseTests {
    /// A Telegram export whose second message is dated in the year 10000 (and a third at the largest Int64).
    static let poisonedTelegram = """
        {"name":"Alex","type":"personal_chat","id":1,"messages":[
        {"id":1,"type":"message","date":"2026-03-03T21:40:00","date_unixtime":"1772570400","from":"Alex","text":"first"},
        {"id":2,"type":"message","date":"2026-03-03T21:41:00","date_unixtime":"253402300800","from":"Alex","text":"poison"},
        {"id":3,"type":"message","date":"2026-03-03T21:42:00","date_unixtime":"9223372036854775807","from":"Alex","text":"max"}
        ]}
        """

    @Test func poisonedExportStillListsSealsAndVerifies() throws {
        let directory = try TestSupport.temporaryDirectory("poison")
        let export = directory.appendingPathComponent("result.json")
        try Data(Self.poisonedTelegram.utf8).write(to: export)
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Poison", timeZone: "Europe/Brussels")

        let add = try TestSupport.evidence(["add", "--case", caseFolder.path, export.path])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("Message 2 (line 3): its date_unixtime (Unix time 253402300800 s) is outside the years 0001–9999"))
        #expect(add.stdout.contains("3 messages"), "every message is kept, only the times are dropped")

        let list = try TestSupport.evidence(["list", "--case", caseFolder.path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("result.json"))
        let item = try #require(try EvidenceCase(opening: caseFolder).items().first)
        #expect(item.timestamps.allSatisfy { $0.isWritable })
        #expect(item.warnings.filter { $0.code == .dateOutOfRange }.count == 2)

        let bundle = directory.appendingPathComponent("bundle.zip")
        let seal = try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", bundle.path,
                                             "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(seal.status == 0, "\(seal.stderr)")
        let report = try BundleVerifier().verify(bundleAt: bundle)
        #expect(report.intact, "\(report.findings)")
        let verify = try TestSupport.evidence(["verify", bundle.path])
        #expect(verify.status == 0)
    }

    @Test func timesOutsideTheWritableYearsAreDroppedByEveryChatParser() throws {
        let meta = """
            {"participants":[{"name":"A"}],"messages":[{"sender_name":"A","timestamp_ms":253402300800000,"content":"x"},
            {"sender_name":"A","timestamp_ms":1772570400000,"content":"y"}],"title":"A"}
            """
        let conversation = try ChatParsers.parse(bytes: Array(meta.utf8), name: "message_1.json", platform: .messenger,
                                                 options: ChatParseOptions(timeZone: TimeZone(identifier: "UTC")!))
        #expect(conversation.messages.count == 2)
        #expect(conversation.messages.compactMap(\.timestamp).count == 1)
        #expect(conversation.warnings.contains { $0.code == .dateOutOfRange })
    }

    @Test func writableYearsAreExactlyThoseRFC3339CanReadBack() {
        let last = EvidenceTimestamp.utc(Instant(unixSeconds: 253_402_300_799), source: .chat, field: "t", role: .message)
        let first = EvidenceTimestamp.utc(Instant(unixSeconds: -62_135_596_800), source: .chat, field: "t", role: .message)
        for stamp in [first, last] {
            #expect(stamp.isWritable)
            #expect(RFC3339.parse(stamp.value)?.instant == stamp.instant)
        }
        #expect(!EvidenceTimestamp.utc(Instant(unixSeconds: 253_402_300_800), source: .chat, field: "t", role: .message).isWritable)
        #expect(!EvidenceTimestamp.utc(Instant(unixSeconds: -62_135_596_801), source: .chat, field: "t", role: .message).isWritable)
        #expect(!EvidenceTimestamp.utc(Instant(unixSeconds: .max), source: .chat, field: "t", role: .message).isWritable)
        var shifted = last
        shifted.offsetSeconds = 3600  // 9999-12-31T23:59:59Z is year 10000 at +01:00
        #expect(!shifted.isWritable)
    }

    @Test func aDamagedRecordIsListedAndSealedByName() throws {
        let directory = try TestSupport.temporaryDirectory("damaged")
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let victim = try #require(try evidenceCase.items().first { $0.originalName.hasSuffix(".png") })
        try evidenceCase.index.database.write { db in
            try db.execute(sql: "UPDATE item SET json = ? WHERE id = ?", arguments: ["{\"broken", victim.id])
        }

        let reopened = try EvidenceCase(opening: evidenceCase.folder)
        let items = try reopened.items()
        #expect(items.count == 3)
        let rebuilt = try #require(items.first { $0.id == victim.id })
        #expect(rebuilt.originalName == victim.originalName)
        #expect(rebuilt.size == victim.size && rebuilt.sha256 == victim.sha256)
        #expect(rebuilt.sensitive, "nothing left says it is not an intimate image")
        #expect(try reopened.damagedRecords().count == 1)

        let list = try TestSupport.evidence(["list", "--case", evidenceCase.folder.path])
        #expect(list.status == 0)
        #expect(list.stderr.contains("the index record of item \(victim.id) (\(victim.originalName)) cannot be read"))

        // Sealed, not dropped: the bytes are in the bundle, the warning in the bundle and on the screen.
        let bundle = directory.appendingPathComponent("bundle.zip")
        let result = try reopened.seal(to: bundle, sealedAt: Instant(unixSeconds: 1_900_000_000))
        #expect(result.itemCount == 3)
        #expect(result.warnings.contains { $0.contains("item \(victim.id) (\(victim.originalName))") })
        #expect(try BundleVerifier().verify(bundleAt: bundle).intact)
        // The damaged record itself is kept as it was, for whoever examines the case folder.
        let json = try reopened.index.database.read { db in try String.fetchOne(db, sql: "SELECT json FROM item WHERE id = ?", arguments: [victim.id]) }
        #expect(json == "{\"broken")
    }

    @Test func aCaseCopiedWithoutItsEmptyFoldersStillAdds() throws {
        let directory = try TestSupport.temporaryDirectory("nostaging")
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        try FileManager.default.removeItem(at: evidenceCase.folder.appendingPathComponent("staging"))
        let file = directory.appendingPathComponent("later.txt")
        try Data("later".utf8).write(to: file)
        let report = try EvidenceCase(opening: evidenceCase.folder).add([file])
        #expect(report.added.count == 1, "\(report.failures)")
    }
}
