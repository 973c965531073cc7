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

    /// The word-at-a-time check for strings with nothing to escape says what a byte-by-byte one says: every byte
    /// JSON escapes, and the bytes on either side of each, at every position of strings up to three words long,
    /// among ASCII and multi-byte neighbours (whose bytes have the high bit set).
    @Test func theWordAtATimeEscapeCheckFindsEveryEscapedByte() {
        let escaped: [UInt8] = Array(0..<0x20) + [0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F]
        var checked = 0
        for filler in ["a", "é", "🌸"] {
            for length in 0..<25 {
                let base = Array(String(repeating: filler, count: length).utf8.prefix(length))
                guard String(validating: base, as: UTF8.self) != nil else { continue }
                #expect(ConversationJSONLines.needsNoEscape(String(decoding: base, as: UTF8.self)))
                for position in 0...base.count {
                    for byte in escaped {
                        var bytes = base
                        bytes.insert(byte, at: position)
                        let text = String(decoding: bytes, as: UTF8.self)
                        let expected = !text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                        #expect(ConversationJSONLines.needsNoEscape(text) == expected, "\(bytes)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }
}
