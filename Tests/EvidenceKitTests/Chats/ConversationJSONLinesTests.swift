import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Conversation JSON Lines")
struct ConversationJSONLinesTests {
    static let fixtures = [
        ("WhatsApp/android-en-GB.txt", ChatPlatform.whatsapp), ("WhatsApp/android-dst.txt", .whatsapp),
        ("WhatsApp/ios-en-US.txt", .whatsapp), ("Telegram/result-single.json", .telegram),
        ("Telegram/result-full.json", .telegram), ("Meta/instagram-message_1.json", .instagram),
        ("SMS/sms-backup.xml", .sms),
    ]

    @Test(arguments: fixtures)
    func whatWeWriteWeReadBack(fixture: String, platform: ChatPlatform) throws {
        let bytes = try TestSupport.fixtureBytes("Chats/\(fixture)")
        let c = try ChatParsers.parse(bytes: bytes, name: fixture, platform: platform,
                                      options: ChatParseOptions(timeZone: brussels,
                                                                availableMediaNames: ["photos/photo_1@25-12-2023_14-05-00.jpg"]))
        let encoded = ConversationJSONLines.encode(c.messages)
        let decoded = try ConversationJSONLines.decode(encoded)
        #expect(decoded.count == c.messages.count)
        for (a, b) in zip(decoded, c.messages) {
            #expect(a.index == b.index && a.author == b.author && a.text == b.text && a.kind == b.kind)
            #expect(a.timestamp == b.timestamp)
            #expect(a.attachments == b.attachments && a.source == b.source && a.edited == b.edited)
            #expect(a.messageID == b.messageID && a.replyTo == b.replyTo && a.thread == b.thread)
        }
        // The streaming writer, flushing often, writes the same bytes.
        var streamed: [UInt8] = []
        var writer = ConversationJSONLines.Writer { streamed += $0 }
        writer.flushThreshold = 100
        for m in c.messages { try writer.writeOrFlush(m) }
        try writer.flush()
        #expect(streamed == encoded)
    }

    @Test func controlCharactersAreEscaped() throws {
        let m = ChatMessage(index: 0, timestamp: nil, author: nil, text: "a\u{0}b\u{1F}\"\\\t\r\n",
                            kind: .system, source: SourceRange(byteStart: 0, byteEnd: 1, lineStart: 1, lineEnd: 1))
        let line = ConversationJSONLines.encode([m])
        #expect(String(decoding: line, as: UTF8.self).contains(#""text":"a\u0000b\u001f\"\\\t\r\n""#))
        #expect(try ConversationJSONLines.decode(line).first?.text == m.text)
    }

    @Test func aBrokenLineIsNamed() {
        let bytes = Array("{\"index\":0}\nnot json\n".utf8)
        do {
            _ = try ConversationJSONLines.decode(bytes, name: "m.jsonl")
            Issue.record("must fail")
        } catch let e as ChatParseError {
            #expect(e.line == 1)
        } catch {
            Issue.record("\(error)")
        }
    }
}
