@testable import EvidenceWorkspace
import EvidenceModel
import Foundation
import Testing

/// The index record of an item is written by hand (`ItemRecord`) for speed; it must be the very bytes
/// `JSONEncoder.evidenceKit(prettyPrinted: false)` wrote, so records written before and after read, compare and
/// filter (`instr` over the JSON) alike. Compared here on many generated items: every optional member sometimes
/// there and sometimes not, strings of every control character, quotes, backslashes, slashes, combining marks and
/// astral characters, dictionary keys of the same, integers at their extremes.
@Suite struct ItemRecordEncodingTests {
    static func foundationRecord(_ item: EvidenceItem) throws -> [UInt8] {
        Array(try JSONEncoder.evidenceKit(prettyPrinted: false).encode(item))
    }

    @Test func recordsAreTheBytesJSONEncoderWrites() throws {
        let values = GeneratedValues(seed: 0x6974_656D)
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let item = values.evidenceItem()
            let expected = try Self.foundationRecord(item)
            let written = ItemRecord.encode(item)
            if written != expected, mismatches.count < 3 {
                mismatches.append("expected \(String(decoding: expected, as: UTF8.self))\n"
                                  + "     got \(String(decoding: written, as: UTF8.self))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func integersAtTheirExtremesAreWrittenAsJSONEncoderWritesThem() throws {
        let values = GeneratedValues(seed: 7)
        for number in [Int64.min, Int64.min + 1, -1, 0, 1, 9, 10, 99, 100, Int64.max - 1, Int64.max] {
            var item = values.evidenceItem(everyMember: true)
            item.id = number
            item.size = number
            item.parentID = number
            item.pdqQuality = Int(number)
            item.linkedMessages = [MessageLink(item: number, messages: [Int(number), 0, -5])]
            item.conversation?.messageCount = Int(number)
            item.conversation?.attachmentItems = ["a": number, "b": 0]
            #expect(ItemRecord.encode(item) == (try Self.foundationRecord(item)))
        }
    }

    /// A member added to `EvidenceItem` later must be written by `ItemRecord` too, or it would be lost from the
    /// index without a sound: every stored property of an item with every member set is a key of its record.
    @Test func everyMemberOfAnItemIsWritten() throws {
        let item = GeneratedValues(seed: 11).evidenceItem(everyMember: true)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(ItemRecord.encode(item))) as? [String: Any])
        let members = Mirror(reflecting: item).children.compactMap(\.label)
        #expect(members.count >= 29)
        #expect(Set(members).subtracting(record.keys).isEmpty)
        #expect(ItemRecord.encode(item) == (try Self.foundationRecord(item)))
    }

    @Test func recordsOfAnAddedCaseAreTheBytesJSONEncoderWrites() throws {
        let folder = try TestSupport.temporaryDirectory("item-records")
        let evidenceCase = try EvidenceCase.create(at: folder.appendingPathComponent("case"), title: "records",
                                                   timeZone: "Europe/Brussels")
        let originals = folder.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        try Data("14/03/2024, 21:40 - Sam: \"hello\" / \\ é\n".utf8)
            .write(to: originals.appendingPathComponent("WhatsApp Chat with Sam.txt"))
        try Data(repeating: 7, count: 300).write(to: originals.appendingPathComponent("Screenshot_20240314-214000.png"))
        _ = try evidenceCase.add([originals],
                                 options: AddOptions(note: "a \"note\"\n", sourceURL: "https://x.example/p/1"))
        let rows = try evidenceCase.index.database.read { db in try String.fetchAll(db, sql: "SELECT json FROM item") }
        #expect(rows.count == 2)
        for (row, item) in zip(rows, try evidenceCase.index.items()) {
            #expect(Array(row.utf8) == (try Self.foundationRecord(item)))
        }
    }
}

extension GeneratedValues {
    /// An item with members drawn like the manifest's items; `everyMember` sets every optional one.
    func evidenceItem(everyMember: Bool = false) -> EvidenceItem {
        func optional<T>(_ make: () -> T) -> T? { everyMember ? make() : maybe(make) }
        let manifestItem = item()
        var item = EvidenceItem(
            id: int(Int64(1)...99_999), sha256: string(maxLength: 64), size: int(Int64(0)...Int64.max),
            mediaType: string(maxLength: 10), kind: pick(EvidenceKind.allCases), kindReason: string(maxLength: 20),
            originalPath: string(maxLength: 24), originalName: string(maxLength: 16), acquiredAt: instant(),
            modifiedAt: optional { instant() }, note: optional { string(maxLength: 20) }, sensitive: coin(),
            timestamps: manifestItem.timestamps, best: optional { manifestItem.best ?? timestamp() },
            warnings: manifestItem.warnings, parentID: optional { int(Int64(1)...999) })
        item.sourcePath = optional { "/" + string(maxLength: 24) }
        item.conversation = optional {
            ConversationSummary(
                platform: ChatPlatform(rawValue: string(maxLength: 8)), title: string(maxLength: 12),
                participants: strings(upTo: 3), messageCount: int(0...1_000_000),
                firstMessageAt: optional { string(maxLength: 8) }, lastMessageAt: optional { string(maxLength: 8) },
                attachmentItems: dictionary(upTo: 4) { int(Int64(1)...99) },
                attachmentMessages: dictionary(upTo: 4) { list(upTo: 3) { int(0...9) } },
                missingAttachments: strings(upTo: 2))
        }
        item.email = optional {
            EmailSummary(from: optional { string(maxLength: 8) }, to: optional { string(maxLength: 8) },
                         cc: optional { string(maxLength: 8) }, subject: optional { string(maxLength: 8) },
                         messageID: optional { string(maxLength: 8) },
                         attachmentItems: dictionary(upTo: 3) { int(Int64(1)...99) })
        }
        item.linkedMessages = optional {
            list(upTo: 2) { MessageLink(item: int(1...99), messages: list(upTo: 3) { int(0...500) }) }
        }
        item.derived = optional {
            list(upTo: 2) {
                DerivedFile(role: string(maxLength: 6), suffix: string(maxLength: 10), sha256: string(maxLength: 4),
                            size: int(0...99_999), mediaType: string(maxLength: 6))
            }
        }
        item.pdq = optional { string(maxLength: 64) }
        item.pdqQuality = optional { int(0...100) }
        item.md5 = optional { string(maxLength: 32) }
        item.minorAtTime = optional { coin() }
        item.sourceURL = optional { string(maxLength: 16) }
        item.platform = optional { string(maxLength: 8) }
        item.account = optional { string(maxLength: 8) }
        item.description = optional { string(maxLength: 20) }
        return item
    }
}
