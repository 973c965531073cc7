import EvidenceModel
import EvidenceCrypto
import Foundation

/// The derived JSON Lines file of a conversation: one JSON object per message, in the export's order.
///
/// Keys: `index`, `timestamp` (RFC 3339 or `null`), `timestampSource`, `timestampField`, `zone`, `zoneName`,
/// `precision`, `timestampWarnings`, `author` (`null` for app lines), `text`, `attachments` (`name`, `mediaType`, `found`),
/// `kind`, `edited`, `messageID`, `replyTo`, `thread`, `writtenUnder`, and `source` (`byteStart`, `byteEnd`, `lineStart`, `lineEnd`
/// into the original export). Optional keys are left out when they have no value.
///
/// For example:
/// ```
/// {"index":0,"timestamp":"2023-12-25T14:03:00+01:00","timestampSource":"chat","timestampField":"WhatsApp line","zone":"assumed","zoneName":"Europe/Brussels","precision":"minute","author":"Alice","text":"hi","attachments":[],"kind":"message","edited":false,"source":{"byteStart":0,"byteEnd":30,"lineStart":1,"lineEnd":1}}
/// ```
public enum ConversationJSONLines {
    /// The whole file for messages already in memory.
    public static func encode(_ messages: [ChatMessage]) -> [UInt8] {
        var writer = Writer { _ in }
        writer.flushThreshold = .max
        for message in messages { writer.write(message) }
        return writer.buffer
    }

    /// Reads a file written by ``encode(_:)`` or ``Writer`` back into messages (what we write, we can read).
    ///
    /// - Throws: ``ChatParseError`` naming `name` and the line that is not a message this format wrote.
    public static func decode(_ bytes: [UInt8], name: String = "messages.jsonl") throws -> [ChatMessage] {
        var messages: [ChatMessage] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            func fail(_ why: String) -> ChatParseError {
                ChatParseError(code: .malformedJSON, reason: why, fileName: name, line: lineNumber)
            }
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            guard let index = JSONValue.int64(o["index"]), let text = o["text"] as? String,
                  let kindText = o["kind"] as? String, let kind = ChatMessageKind(rawValue: kindText),
                  let source = o["source"] as? [String: Any],
                  let byteStart = JSONValue.int64(source["byteStart"]), let byteEnd = JSONValue.int64(source["byteEnd"]),
                  let lineStart = JSONValue.int64(source["lineStart"]), let lineEnd = JSONValue.int64(source["lineEnd"])
            else { throw fail("a message needs index, text, kind and source") }
            var timestamp: EvidenceTimestamp?
            if let value = o["timestamp"] as? String {
                guard let parsed = RFC3339.parse(value),
                      let sourceName = (o["timestampSource"] as? String).flatMap(TimestampSource.init(rawValue:)),
                      let zone = (o["zone"] as? String).flatMap(ZoneBasis.init(rawValue:)),
                      let precision = (o["precision"] as? String).flatMap(TimePrecision.init(rawValue:))
                else { throw fail("the timestamp is incomplete") }
                let field = o["timestampField"] as? String ?? ""
                timestamp = EvidenceTimestamp(source: sourceName, field: field,
                                              role: TimestampRole(readingBack: sourceName, field: field),
                                              instant: parsed.instant, offsetSeconds: parsed.offsetSeconds, zone: zone,
                                              zoneName: o["zoneName"] as? String, precision: precision,
                                              warnings: o["timestampWarnings"] as? [String] ?? [])
            }
            let attachments = (o["attachments"] as? [[String: Any]] ?? []).compactMap { a -> ChatAttachment? in
                guard let n = a["name"] as? String else { return nil }
                return ChatAttachment(name: n, mediaType: a["mediaType"] as? String, found: a["found"] as? Bool)
            }
            messages.append(ChatMessage(
                index: Int(index), timestamp: timestamp, author: o["author"] as? String, text: text,
                attachments: attachments, kind: kind,
                source: SourceRange(byteStart: Int(byteStart), byteEnd: Int(byteEnd), lineStart: Int(lineStart),
                                    lineEnd: Int(lineEnd)),
                edited: o["edited"] as? Bool ?? false, messageID: o["messageID"] as? String,
                replyTo: o["replyTo"] as? String, thread: o["thread"] as? String,
                writtenUnder: o["writtenUnder"] as? String))
        }
        return messages
    }

    /// Writes messages as they are parsed, handing full buffers to `sink` (a file or standard output), so that a
    /// million messages never sit in memory as text.
    ///
    /// For example:
    /// ```swift
    /// var writer = ConversationJSONLines.Writer { chunk in try handle.write(contentsOf: chunk) }
    /// _ = try ChatParsers.stream(bytes: bytes, name: name, platform: .whatsapp, options: options) {
    ///     try writer.writeOrFlush($0)
    /// }
    /// try writer.flush()
    /// ```
    public struct Writer {
        /// Pending bytes, not yet handed to the sink.
        public private(set) var buffer: [UInt8] = []
        /// Bytes collected before ``writeOrFlush(_:)`` hands them on.
        public var flushThreshold = 1 << 18
        private let sink: ([UInt8]) throws -> Void
        private var lastMeta: [UInt8] = []
        private var lastSource = TimestampSource.chat
        private var lastZone = ZoneBasis.utc
        private var lastField = ""
        private var lastZoneName: String?
        private var lastPrecision = TimePrecision.second

        /// A writer that hands full buffers to `sink`.
        public init(sink: @escaping ([UInt8]) throws -> Void) {
            self.sink = sink
            buffer.reserveCapacity(flushThreshold + 4096)
        }

        /// Appends one message and flushes when the buffer is full.
        public mutating func writeOrFlush(_ message: ChatMessage) throws {
            write(message)
            if buffer.count >= flushThreshold { try flush() }
        }

        /// Hands pending bytes to the sink.
        public mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try sink(buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Appends one message's line without flushing.
        public mutating func write(_ m: ChatMessage) {
            raw("{\"index\":")
            int(m.index)
            raw(",\"timestamp\":")
            if let t = m.timestamp {
                buffer.append(0x22)
                RFC3339.append(t.instant, offsetSeconds: t.offsetSeconds, precision: t.precision, to: &buffer)
                buffer.append(0x22)
                // Source, field and zone repeat on every line of an export: encode them once.
                if t.source != lastSource || t.zone != lastZone || t.field != lastField || t.zoneName != lastZoneName
                    || t.precision != lastPrecision || lastMeta.isEmpty {
                    let saved = buffer
                    buffer = []
                    raw(",\"timestampSource\":")
                    string(t.source.rawValue)
                    raw(",\"timestampField\":")
                    string(t.field)
                    raw(",\"zone\":")
                    string(t.zone.rawValue)
                    if let zoneName = t.zoneName {
                        raw(",\"zoneName\":")
                        string(zoneName)
                    }
                    raw(",\"precision\":")
                    string(t.precision.rawValue)
                    lastMeta = buffer
                    buffer = saved
                    (lastSource, lastZone, lastField, lastZoneName, lastPrecision) =
                        (t.source, t.zone, t.field, t.zoneName, t.precision)
                }
                buffer.append(contentsOf: lastMeta)
                if !t.warnings.isEmpty {
                    raw(",\"timestampWarnings\":[")
                    for (i, w) in t.warnings.enumerated() {
                        if i > 0 { buffer.append(0x2C) }
                        string(w)
                    }
                    buffer.append(0x5D)
                }
            } else {
                raw("null")
            }
            raw(",\"author\":")
            if let author = m.author { string(author) } else { raw("null") }
            raw(",\"text\":")
            string(m.text)
            raw(",\"attachments\":[")
            for (i, a) in m.attachments.enumerated() {
                if i > 0 { buffer.append(0x2C) }
                raw("{\"name\":")
                string(a.name)
                if let type = a.mediaType {
                    raw(",\"mediaType\":")
                    string(type)
                }
                if let found = a.found { raw(found ? ",\"found\":true" : ",\"found\":false") }
                buffer.append(0x7D)
            }
            raw("],\"kind\":")
            string(m.kind.rawValue)
            raw(m.edited ? ",\"edited\":true" : ",\"edited\":false")
            if let id = m.messageID {
                raw(",\"messageID\":")
                string(id)
            }
            if let reply = m.replyTo {
                raw(",\"replyTo\":")
                string(reply)
            }
            if let thread = m.thread {
                raw(",\"thread\":")
                string(thread)
            }
            if let name = m.writtenUnder {
                raw(",\"writtenUnder\":")
                string(name)
            }
            raw(",\"source\":{\"byteStart\":")
            int(m.source.byteStart)
            raw(",\"byteEnd\":")
            int(m.source.byteEnd)
            raw(",\"lineStart\":")
            int(m.source.lineStart)
            raw(",\"lineEnd\":")
            int(m.source.lineEnd)
            raw("}}\n")
        }

        @inline(__always)
        private mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { buffer.append(contentsOf: $0) }
        }

        /// Appends a decimal integer as ``CanonicalJSON`` writes it. Indices and offsets are never negative; their
        /// digits are taken by dividing by the constant 10 (a multiplication), five numbers a message, where the
        /// general routine's division by a variable was a tenth of the writing time. The digits go into the buffer
        /// in one reserved run: appending them one by one, each append checking the array's capacity, was half of
        /// this function's time.
        private mutating func int(_ value: Int) {
            guard value >= 0, value < 10_000_000_000_000_000 else {
                return CanonicalJSON.appendInteger(Int64(value), to: &buffer)
            }
            let number = UInt64(value)
            buffer.append(addingCapacity: 16) { out in
                if number < 100_000_000 { return Self.digits(number, count: nil, to: &out) }
                Self.digits(number / 100_000_000, count: nil, to: &out)
                Self.digits(number % 100_000_000, count: 8, to: &out)
            }
        }

        /// Appends `value` (below 10⁸) in decimal, with leading zeros up to `count` digits when given. The digits
        /// are gathered in one word, the first in its lowest byte: no slice of the buffer is reversed in place.
        @inline(__always)
        private static func digits(_ value: UInt64, count: Int?, to out: inout OutputSpan<UInt8>) {
            var rest = value
            var word: UInt64 = 0
            var written = 0
            repeat {
                word = word &<< 8 | (0x30 &+ rest % 10)
                rest /= 10
                written &+= 1
            } while rest > 0 || written < count ?? 0
            var shift: UInt64 = 0
            for _ in 0..<written {
                out.append(UInt8(truncatingIfNeeded: word &>> shift))
                shift &+= 8
            }
        }

        /// Appends a JSON string literal by the message-line rules of ``CanonicalJSON``.
        private mutating func string(_ s: String) {
            CanonicalJSON.appendString(s, to: &buffer, escaping: .messageLines)
        }
    }
}
