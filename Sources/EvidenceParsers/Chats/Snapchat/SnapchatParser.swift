import EvidenceModel
import Foundation

/// Snapchat's "My Data" download: `json/chat_history.json` and `json/snap_history.json`, with the media saved in
/// chats under `chat_media/`.
///
/// Two generations are read. Since 2023 each file is an object keyed by conversation (a username or a group id),
/// each an array of events with `From`, `Media Type`, `Created` (`2024-04-20 01:29:22 UTC`), `Content`,
/// `Conversation Title`, `IsSender`, `Created(microseconds)`, `IsSaved` and `Media IDs`. Before, the keys were
/// `Received Saved Chat History`, `Sent Unsaved Chat History`, `Received Snap History` … with `From` (received) or
/// `To` (sent), `Media Type`, `Created` and `Text`. Events stay in the file's order, each with its conversation as
/// ``ChatMessage/thread``.
package enum SnapchatParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.snapchat]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000
    /// Media of the export sit in `chat_media/` beside `json/`, the folder of the file itself.
    public static let mediaRoot = ".."

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        guard (try? JSONScanner(b: bytes, name: name).rootObject()) != nil,
              prefixContains(bytes, all: ["\"Media Type\"", "\"Created\""]) else { return nil }
        if prefixContains(bytes, all: ["\"IsSender\""]) || prefixContains(bytes, all: ["Chat History\""])
            || prefixContains(bytes, all: ["Snap History\""]) {
            return .snapchat
        }
        return nil
    }

    /// Streams the events in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let scanner = JSONScanner(b: bytes, name: name)
        let root = try scanner.members(try scanner.rootObject())
        var reader = Reader(scanner: scanner, options: options)
        for member in root {
            let start = scanner.skipSpace(member.value.lowerBound)
            guard start < bytes.count, bytes[start] == 0x5B else {
                throw scanner.error("\"\(member.key)\" must be an array of events", at: start)
            }
            let older = member.key.hasSuffix("Chat History") || member.key.hasSuffix("Snap History")
            let thread: String? = older ? nil : member.key
            let sent = older && member.key.hasPrefix("Sent")
            try scanner.forEachElement(start) { element in
                guard reader.index < maximumMessages else {
                    throw scanner.error("more than \(maximumMessages) events", at: element.lowerBound)
                }
                let (value, cut) = try scanner.decode(element, stringBudget: options.maximumMessageTextBytes)
                guard let object = value as? [String: Any] else {
                    throw scanner.error("an event must be a JSON object", at: element.lowerBound)
                }
                let message = reader.message(object, range: element, thread: thread, sentByOwner: sent)
                if let cut {
                    reader.warnings.append(cut.warning(message: reader.index, line: message.source.lineStart,
                                                       budget: options.maximumMessageTextBytes))
                }
                reader.index += 1
                try onMessage(message)
            }
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        let title = reader.participants.count <= 3 ? reader.participants.joined(separator: ", ") : "Snapchat"
        return ConversationInfo(platform: .snapchat, title: title.isEmpty ? "Snapchat" : title,
                                participants: reader.participants, warnings: reader.warnings, sourceName: name,
                                messageCount: reader.index)
    }

    /// `2024-04-20 01:29:22 UTC`: Snapchat writes every time in UTC and says so.
    static func created(_ text: String) -> Instant? {
        let u = Array(text.utf8)
        guard u.count == 23, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x20, u[13] == 0x3A, u[16] == 0x3A,
              Array(u[19...]) == Array(" UTC".utf8) else { return nil }
        func number(_ at: Int, _ count: Int) -> Int? { Int(String(decoding: u[at..<(at + count)], as: UTF8.self)) }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2),
              let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return local.instant(atOffsetSeconds: 0)
    }

    struct Reader {
        let scanner: JSONScanner
        let options: ChatParseOptions
        var index = 0
        var participants: [String] = []
        var warnings: [EvidenceWarning] = []
        var lines = LineCounter()
        var missingMedia: MissingMediaCheck
        var unreadable: UnreadableMessageCheck
        /// `chat_media/` files by the media id in their name (`2024-04-20_b~EiQS….jpeg` → `b~EiQS…`).
        let mediaByID: [String: String]

        init(scanner: JSONScanner, options: ChatParseOptions) {
            self.scanner = scanner
            self.options = options
            missingMedia = MissingMediaCheck(available: options.availableMediaNames, place: "chat_media/")
            unreadable = UnreadableMessageCheck(fileName: scanner.name)
            var byID: [String: String] = [:]
            for path in options.availableMediaNames ?? [] where path.hasPrefix("chat_media/") {
                let file = (path as NSString).lastPathComponent
                guard let underscore = file.firstIndex(of: "_") else { continue }
                let id = (String(file[file.index(after: underscore)...]) as NSString).deletingPathExtension
                if !id.hasPrefix("thumbnail") { byID[id] = path }
            }
            mediaByID = byID
        }

        mutating func message(_ o: [String: Any], range: Range<Int>, thread: String?,
                              sentByOwner: Bool) -> ChatMessage {
            let source = lines.range(range, in: scanner.b)
            var timestamp: EvidenceTimestamp?
            if let raw = JSONValue.int64(o["Created(microseconds)"]), raw > 0 {
                // Named microseconds, the values real exports hold are milliseconds (13 digits in this century);
                // a 16-digit value is taken as the microseconds the name promises.
                let milliseconds = raw >= 100_000_000_000_000 ? raw / 1000 : raw
                timestamp = .utc(Instant(unixMilliseconds: milliseconds), source: .chat,
                                 field: "Created(microseconds)", role: .message, precision: .millisecond)
            } else if let created = (o["Created"] as? String).flatMap(SnapchatParser.created) {
                timestamp = .utc(created, source: .chat, field: "Created", role: .message)
            }
            let from = o["From"] as? String
            var author: String?
            if sentByOwner {
                author = options.ownerLabel
            } else if let from, !from.isEmpty {
                author = from
            }
            if let author, !participants.contains(author), participants.count < 100_000 { participants.append(author) }
            let mediaType = (o["Media Type"] as? String) ?? ""
            let content = o["Content"] as? String ?? o["Text"] as? String
            var attachments: [ChatAttachment] = []
            for id in ((o["Media IDs"] as? String) ?? "").split(separator: "|") {
                let id = id.trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { continue }
                let name = mediaByID[id] ?? id
                let found = missingMedia.found(name, line: source.lineStart, warnings: &warnings)
                attachments.append(ChatAttachment(name: name, found: found))
            }
            var kind = ChatMessageKind.message
            var writtenUnder: String?
            if mediaType == "STATUSERASEDMESSAGE" {
                // The sender erased the message; only the record that there was one remains.
                kind = .deleted
            } else if mediaType.hasPrefix("STATUS") {
                // Other app events (a call, someone removed) are the app speaking, under the actor's name.
                kind = .system
                writtenUnder = author
                author = nil
            } else if mediaType != "TEXT" && attachments.isEmpty && (content ?? "").isEmpty {
                // A snap (`snap_history.json` holds no content), or media the export does not carry: something
                // was sent, its bytes are not here.
                kind = .mediaOmitted
            }
            var missing: [String] = []
            if author == nil && kind != .system { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if mediaType.isEmpty { missing.append("media type") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let title = o["Conversation Title"] as? String
            return ChatMessage(index: index, timestamp: timestamp, author: author, text: content ?? "",
                               attachments: attachments, kind: kind, source: source,
                               thread: title.flatMap { $0.isEmpty ? nil : $0 } ?? thread, writtenUnder: writtenUnder)
        }
    }
}
