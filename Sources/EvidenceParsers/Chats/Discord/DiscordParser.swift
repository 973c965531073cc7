import EvidenceModel
import Foundation

/// A Discord data package's messages of one channel: `messages/c<channel id>/messages.json` (an array of
/// `{"ID", "Timestamp", "Contents", "Attachments"}`), or `messages.csv` with those four columns in older packages.
///
/// The package holds only the messages its owner sent, so every message's author is the owner (`--me`, default
/// `Me`). `Attachments` is a space-separated list of Discord CDN links (the files are not in the package), kept as
/// the attachment names. Each message's `ID` is a Discord snowflake that encodes the instant the server created it:
/// it is compared with `Timestamp`, and a disagreement is a warning.
package enum DiscordParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.discord]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000
    static let csvHeader = Array("ID,Timestamp,Contents,Attachments".utf8)

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        if isCSV(bytes) { return .discord }
        var p = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while p < bytes.count, HTMLTokenizer.isSpace(bytes[p]) { p &+= 1 }
        guard p < bytes.count, bytes[p] == 0x5B,
              prefixContains(bytes, all: ["\"ID\"", "\"Timestamp\"", "\"Contents\""]) else { return nil }
        return .discord
    }

    static func isCSV(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: csvHeader) || bytes.starts(with: [0xEF, 0xBB, 0xBF] + csvHeader)
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        var reader = Reader(name: name, options: options, bytes: bytes)
        if isCSV(bytes) {
            var csv = CSVRecords(bytes: bytes)
            _ = try csv.next(name: name)  // the header
            while let record = try csv.next(name: name) {
                guard reader.index < maximumMessages else {
                    throw ChatParseError(code: .unexpectedStructure, reason: "more than \(maximumMessages) messages",
                                         fileName: name, line: record.lines.lowerBound)
                }
                let f = record.fields
                let message = reader.message(id: f.first, timestamp: f.count > 1 ? f[1] : nil,
                                             contents: f.count > 2 ? f[2] : nil, attachments: f.count > 3 ? f[3] : nil,
                                             source: SourceRange(byteStart: record.range.lowerBound,
                                                                 byteEnd: record.range.upperBound,
                                                                 lineStart: record.lines.lowerBound,
                                                                 lineEnd: record.lines.upperBound))
                try onMessage(message)
            }
        } else {
            let scanner = JSONScanner(b: bytes, name: name)
            var lines = LineCounter()
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            start = scanner.skipSpace(start)
            try scanner.forEachElement(start) { element in
                guard reader.index < maximumMessages else {
                    throw scanner.error("more than \(maximumMessages) messages", at: element.lowerBound)
                }
                let (value, cut) = try scanner.decode(element, stringBudget: options.maximumMessageTextBytes)
                guard let o = value as? [String: Any] else {
                    throw scanner.error("a message must be a JSON object", at: element.lowerBound)
                }
                let source = lines.range(element, in: bytes)
                if let cut {
                    reader.warnings.append(cut.warning(message: reader.index, line: source.lineStart,
                                                       budget: options.maximumMessageTextBytes))
                }
                let message = reader.message(id: JSONValue.string(o["ID"]), timestamp: o["Timestamp"] as? String,
                                             contents: o["Contents"] as? String,
                                             attachments: o["Attachments"] as? String, source: source)
                try onMessage(message)
            }
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        if reader.disagreements > DiscordParser.Reader.maximumDisagreementWarnings {
            reader.warnings.append(EvidenceWarning(code: .sourcesDisagree, message: "\(name): "
                + "\(reader.disagreements - Reader.maximumDisagreementWarnings) more messages whose Timestamp and ID "
                + "disagree likewise."))
        }
        return ConversationInfo(platform: .discord, title: "Discord", participants: reader.index > 0
                                    ? [options.ownerLabel] : [],
                                warnings: reader.warnings, sourceName: name, messageCount: reader.index)
    }

    /// `2023-04-30 21:10:43.123000+00:00` (the offset and the fraction are optional; without an offset the time is
    /// the server's UTC).
    static func timestamp(_ text: String) -> (instant: Instant, hasOffset: Bool, fraction: Bool)? {
        let u = Array(text.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at &+ count <= u.count else { return nil }
            var value = 0
            for c in u[at..<(at &+ count)] {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value &* 10 &+ Int(c &- 0x30)
            }
            return value
        }
        guard u.count >= 19, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x20 || u[10] == 0x54, u[13] == 0x3A,
              u[16] == 0x3A, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var p = 19
        var milliseconds = 0
        var fraction = false
        if p < u.count, u[p] == 0x2E {
            var digits = 0
            p &+= 1
            while p < u.count, u[p] >= 0x30, u[p] <= 0x39, digits < 9 {
                if digits < 3 { milliseconds = milliseconds * 10 + Int(u[p] &- 0x30) }
                digits &+= 1
                p &+= 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 { for _ in digits..<3 { milliseconds *= 10 } }
            fraction = true
        }
        var offset = 0
        var hasOffset = false
        if p < u.count {
            guard u.count == p &+ 6, u[p] == 0x2B || u[p] == 0x2D, u[p &+ 3] == 0x3A,
                  let h = number(p &+ 1, 2), let m = number(p &+ 4, 2), h <= 14, m < 60 else { return nil }
            offset = (u[p] == 0x2D ? -1 : 1) * (h * 3600 + m * 60)
            hasOffset = true
        }
        let seconds = local.instant(atOffsetSeconds: offset).unixSeconds
        return (Instant(unixMilliseconds: seconds * 1000 + Int64(milliseconds)), hasOffset, fraction)
    }

    /// The instant a Discord snowflake was made: its top 42 bits are milliseconds since 2015-01-01T00:00:00Z.
    static func snowflakeInstant(_ id: String) -> Instant? {
        guard let value = UInt64(id), value >> 22 > 0 else { return nil }
        return Instant(unixMilliseconds: Int64(value >> 22) + 1_420_070_400_000)
    }

    struct Reader {
        static let maximumDisagreementWarnings = 20
        let name: String
        let options: ChatParseOptions
        let bytes: [UInt8]
        var index = 0
        var warnings: [EvidenceWarning] = []
        var unreadable: UnreadableMessageCheck
        var disagreements = 0

        init(name: String, options: ChatParseOptions, bytes: [UInt8]) {
            self.name = name
            self.options = options
            self.bytes = bytes
            unreadable = UnreadableMessageCheck(fileName: name)
        }

        mutating func message(id: String?, timestamp text: String?, contents: String?, attachments: String?,
                              source: SourceRange) -> ChatMessage {
            var timestamp: EvidenceTimestamp?
            if let text, let parsed = DiscordParser.timestamp(text) {
                timestamp = .utc(parsed.instant, source: .chat, field: "Timestamp", role: .message,
                                 precision: parsed.fraction ? .millisecond : .second)
                if let id, let made = DiscordParser.snowflakeInstant(id),
                   abs(made.unixMilliseconds - parsed.instant.unixMilliseconds) > 1000 {
                    disagreements &+= 1
                    if disagreements <= Reader.maximumDisagreementWarnings {
                        warnings.append(EvidenceWarning(
                            code: .sourcesDisagree,
                            message: "\(name): message \(index + 1) (line \(source.lineStart)): its Timestamp \(text) "
                                + "and the time its ID encodes (\(RFC3339.format(made, offsetSeconds: 0, precision: .millisecond))) "
                                + "are more than a second apart."))
                    }
                }
            }
            var missing: [String] = []
            if timestamp == nil { missing.append("time") }
            if contents == nil && attachments == nil { missing.append("text or attachment") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let files = (attachments ?? "").split(separator: " ").map { ChatAttachment(name: String($0)) }
            defer { index &+= 1 }
            return ChatMessage(index: index, timestamp: timestamp, author: options.ownerLabel, text: contents ?? "",
                               attachments: files, kind: .message, source: source, messageID: id)
        }
    }
}
