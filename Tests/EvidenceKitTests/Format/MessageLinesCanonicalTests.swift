@testable import EvidenceFormat
import EvidenceModel
import Foundation
import Testing

/// The derived message lines are written by hand with `CanonicalJSON`'s message-line escaping; these tests pin
/// their bytes to those rules and to the golden bundle's derived file.
@Suite struct MessageLinesCanonicalTests {
    static let messageCount = 20_000

    @Test func goldenMessagesReencodeToTheirBytes() throws {
        let bytes = try GeneratedValues.goldenBundleEntry("data/derived/0005-WhatsApp Chat with Lucas.txt.messages.jsonl")
        #expect(ConversationJSONLines.encode(try ConversationJSONLines.decode(bytes)) == bytes)
    }

    @Test func stringsAndIntegersAreWrittenByTheCanonicalRules() {
        let values = GeneratedValues(seed: 0x6D65_7373)
        var mismatches = 0
        for _ in 0..<Self.messageCount {
            let index = values.int(Int.min...Int.max)
            let text = values.string(maxLength: 24)
            let author = values.maybe { values.string(maxLength: 8) }
            let attachment = values.string(maxLength: 8)
            let messageID = values.string(maxLength: 8)
            let source = SourceRange(byteStart: values.int(0...Int.max), byteEnd: values.int(Int.min...0),
                                     lineStart: values.int(0...9), lineEnd: values.int(10...99))
            let message = ChatMessage(index: index, timestamp: nil, author: author, text: text,
                                      attachments: [ChatAttachment(name: attachment)], kind: .message, source: source,
                                      edited: false, messageID: messageID, replyTo: nil, thread: nil)
            var expected: [UInt8] = []
            func raw(_ text: String) { expected.append(contentsOf: text.utf8) }
            func string(_ text: String) { CanonicalJSON.appendString(text, to: &expected, escaping: .messageLines) }
            func integer(_ number: Int) { CanonicalJSON.appendInteger(Int64(number), to: &expected) }
            raw("{\"index\":"); integer(index)
            raw(",\"timestamp\":null,\"author\":")
            if let author { string(author) } else { raw("null") }
            raw(",\"text\":"); string(text)
            raw(",\"attachments\":[{\"name\":"); string(attachment)
            raw("}],\"kind\":\"message\",\"edited\":false,\"messageID\":"); string(messageID)
            raw(",\"source\":{\"byteStart\":"); integer(source.byteStart)
            raw(",\"byteEnd\":"); integer(source.byteEnd)
            raw(",\"lineStart\":"); integer(source.lineStart)
            raw(",\"lineEnd\":"); integer(source.lineEnd)
            raw("}}\n")
            let written = ConversationJSONLines.encode([message])
            if written != expected {
                mismatches += 1
                if mismatches == 1 {
                    Issue.record("\(String(decoding: written, as: UTF8.self))\n---\n\(String(decoding: expected, as: UTF8.self))")
                }
            }
        }
        #expect(mismatches == 0)
    }
}
