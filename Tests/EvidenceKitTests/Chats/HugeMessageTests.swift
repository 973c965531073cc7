import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat

/// A hostile JSON export whose one message holds a huge text: the text is cut at the per-message budget with a
/// warning, and the parse costs a few times the budget in memory, not a few times the file
/// (`scripts/bench-telegram-huge.sh` measures the 120 MB case in a release build).
@Suite("Chat exports with a huge message")
struct HugeMessageTests {
    static let budget = 1 << 20

    func options() -> ChatParseOptions {
        var options = ChatParseOptions(timeZone: brussels)
        options.maximumMessageTextBytes = HugeMessageTests.budget
        return options
    }

    /// A Telegram single-chat export whose first message's text is `text` as written in JSON.
    static func telegram(firstText text: [UInt8]) -> [UInt8] {
        Array(#"{"name": "Bench", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message", "date_unixtime": "1704103200", "from": "Stalker", "text": ""#.utf8)
            + text
            + Array(#""}, {"id": 2, "type": "message", "date_unixtime": "1704103260", "from": "Victim", "text": "stop"}]}"#.utf8)
    }

    @Test func telegramTextOverTheBudgetIsCutWithAWarning() throws {
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
        let bytes = Self.telegram(firstText: huge)
        #expect(ChatExportDetector.detect(bytes: bytes, name: "result.json") == .telegram)
        let c = try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram, options: options())
        #expect(c.messages.count == 2)
        #expect(c.messages[0].text.utf8.count > Self.budget - 200 && c.messages[0].text.utf8.count <= Self.budget)
        #expect(c.messages[0].text.utf8.allSatisfy { $0 == UInt8(ascii: "a") })
        #expect(c.messages[1].text == "stop" && c.messages[1].author == "Victim")
        // The message still points at its whole original, which holds the full text.
        let source = c.messages[0].source
        #expect(source.byteEnd - source.byteStart > huge.count)
        let warnings = c.warnings.filter { $0.code == .messageTruncated }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("Message 1 (line 1) holds a text of \(huge.count) bytes") == true)
        #expect(warnings.first?.message.contains("holds the full text byte for byte") == true)
    }

    /// Wherever the budget falls, the cut never splits a UTF-8 character, an escape or a surrogate pair: the
    /// message always decodes and its text is a prefix of the full text.
    @Test func cutFallsOnlyBetweenCharacters() throws {
        let unit = Array(#"é\u00e9\ud83d\ude00\"\\😀x"#.utf8)
        let written = Array(repeating: unit, count: 40).flatMap { $0 }
        let full = try ChatParsers.parse(bytes: Self.telegram(firstText: written), name: "result.json",
                                         platform: .telegram, options: ChatParseOptions(timeZone: brussels))
            .messages[0].text
        let overhead = "idtypemessagedate_unixtime1704103200fromStalkertext".utf8.count
        for budget in overhead..<(overhead + 2 * unit.count + 2) {
            var options = ChatParseOptions(timeZone: brussels)
            options.maximumMessageTextBytes = budget
            let bytes = Self.telegram(firstText: written)
            let c = try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram, options: options)
            #expect(full.hasPrefix(c.messages[0].text), "budget \(budget)")
            #expect(c.messages[0].text.count < full.count)
            #expect(c.warnings.contains { $0.code == .messageTruncated })
        }
    }

    @Test func metaContentOverTheBudgetIsCutWithAWarning() throws {
        let huge = String(repeating: "b", count: 3 << 20)
        let bytes = Array(#"{"participants": [{"name": "A"}, {"name": "B"}], "messages": [{"sender_name": "A", "timestamp_ms": 1703509620123, "content": "\#(huge)"}, {"sender_name": "B", "timestamp_ms": 1703509560000, "content": "stop"}], "title": "A", "thread_path": "inbox/a_1"}"#.utf8)
        let c = try ChatParsers.parse(bytes: bytes, name: "message_1.json", platform: .messenger, options: options())
        #expect(c.messages.map(\.author) == ["A", "B"])
        #expect(c.messages[0].text.utf8.count > Self.budget - 200 && c.messages[0].text.utf8.count <= Self.budget)
        #expect(c.messages[1].text == "stop")
        #expect(c.warnings.contains { $0.code == .messageTruncated && $0.message.hasPrefix("Message 1 ") })
    }

    /// A message that is huge for another reason than its strings (millions of numbers) is refused with a parse
    /// error naming the place, instead of being decoded into gigabytes of objects.
    @Test func messageHugeInStructureIsRefused() throws {
        let numbers = Array(repeating: Array("0,".utf8), count: 2 << 20).flatMap { $0 }
        let bytes = Array(#"{"name": "Bench", "messages": [{"id": 1, "date_unixtime": "1704103200", "from_id": "user1", "n": ["#.utf8)
            + numbers + Array("0]}]}".utf8)
        #expect(throws: ChatParseError.self) {
            _ = try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram, options: options())
        }
    }
}
