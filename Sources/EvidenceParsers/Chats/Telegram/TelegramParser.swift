import EvidenceModel
import Foundation

/// Telegram Desktop's "Export chat history" / "Export Telegram data" JSON (`result.json`).
///
/// Both shapes are read: a single chat (`name`, `type`, `id`, `messages`) and the full export, where the chats are
/// under `chats.list` (each message then carries its chat's name in ``ChatMessage/thread``).
/// `date_unixtime` is the instant and is used whenever present; `date` is only the exporting computer's wall clock and
/// is used (as an assumed local time, with a warning) for old exports that lack `date_unixtime`.
package enum TelegramParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.telegram]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        guard (try? JSONScanner(b: bytes, name: name).rootObject()) != nil else { return nil }
        if prefixContains(bytes, all: ["\"messages\"", "\"date_unixtime\""]) { return .telegram }
        if prefixContains(bytes, all: ["\"chats\"", "\"list\"", "\"about\""]) { return .telegram }
        if prefixContains(bytes, all: ["\"messages\"", "\"from_id\""]) { return .telegram }
        return nil
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                             options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let scanner = JSONScanner(b: bytes, name: name)
        let root = try scanner.members(try scanner.rootObject())
        let budget = options.maximumMessageTextBytes
        var state = State(scanner: scanner, options: options)
        var title = "Telegram"
        if let chats = root.first(where: { $0.key == "chats" }) {
            title = "Telegram export"
            let list = try scanner.members(chats.value.lowerBound).first { $0.key == "list" }
            guard let list else {
                throw scanner.error("\"chats\" has no \"list\" of chats", at: chats.value.lowerBound)
            }
            try scanner.forEachElement(list.value.lowerBound) { chat in
                let members = try scanner.members(chat.lowerBound)
                var thread = "chat"
                if let n = members.first(where: { $0.key == "name" }),
                   let s = try scanner.decode(n.value, stringBudget: budget).value as? String {
                    thread = s
                } else if let id = members.first(where: { $0.key == "id" }),
                          let s = JSONValue.string(try scanner.decode(id.value, stringBudget: budget).value) {
                    thread = "chat \(s)"
                }
                if let messages = members.first(where: { $0.key == "messages" }) {
                    try state.readMessages(messages.value, thread: thread, onMessage: onMessage)
                }
            }
        } else if let messages = root.first(where: { $0.key == "messages" }) {
            if let n = root.first(where: { $0.key == "name" }),
               let chatName = try scanner.decode(n.value, stringBudget: budget).value as? String {
                title = chatName
            }
            try state.readMessages(messages.value, thread: nil, onMessage: onMessage)
        } else {
            throw ChatParseError(code: .unexpectedStructure, reason: "neither \"messages\" nor \"chats\" at the top "
                                    + "level: not a Telegram Desktop export", fileName: name, line: 1)
        }
        state.unreadable.finish(warnings: &state.warnings)
        return ConversationInfo(platform: .telegram, title: title, participants: state.participants,
                                warnings: state.warnings, sourceName: name, messageCount: state.index)
    }

    struct State {
        let scanner: JSONScanner
        let options: ChatParseOptions
        var resolver: WallClockResolver
        var index = 0
        var participants: [String] = []
        var seen: Set<String> = []
        var warnings: [EvidenceWarning] = []
        var lines = LineCounter()
        var wallClockWarned = false
        var missingMedia: MissingMediaCheck
        var unreadable: UnreadableMessageCheck

        init(scanner: JSONScanner, options: ChatParseOptions) {
            self.unreadable = UnreadableMessageCheck(fileName: scanner.name)
            self.scanner = scanner
            self.options = options
            self.resolver = WallClockResolver(zone: options.timeZone, field: "date")
            self.missingMedia = MissingMediaCheck(available: options.availableMediaNames, place: "the export folder")
        }

        mutating func readMessages(_ range: Range<Int>, thread: String?,
                                   onMessage: (ChatMessage) throws -> Void) throws {
            try scanner.forEachElement(range.lowerBound) { element in
                guard index < TelegramParser.maximumMessages else {
                    throw scanner.error("more than \(TelegramParser.maximumMessages) messages", at: element.lowerBound)
                }
                let budget = options.maximumMessageTextBytes
                let (value, cut) = try scanner.decode(element, stringBudget: budget)
                guard let object = value as? [String: Any] else {
                    throw scanner.error("a message must be a JSON object", at: element.lowerBound)
                }
                let message = try makeMessage(object, range: element, thread: thread)
                if let cut { warnings.append(cut.warning(message: index, line: message.source.lineStart, budget: budget)) }
                index += 1
                try onMessage(message)
            }
        }

        mutating func makeMessage(_ o: [String: Any], range: Range<Int>, thread: String?) throws -> ChatMessage {
            let source = lines.range(range, in: scanner.b)
            var timestamp: EvidenceTimestamp?
            if let seconds = JSONValue.int64(o["date_unixtime"]) {
                timestamp = .utc(Instant(unixSeconds: seconds), source: .chat, field: "date_unixtime", role: .message)
            } else if let date = o["date"] as? String, let parsed = RFC3339.parseLenient(date) {
                timestamp = resolver.timestamp(parsed.local, precision: .second)
                if !wallClockWarned {
                    wallClockWarned = true
                    warnings.append(EvidenceWarning(
                        code: .telegramWallClock,
                        message: "This export has no date_unixtime; its dates are the exporting computer's wall clock "
                            + "and were read in \(options.timeZone.identifier)."))
                }
            }
            let type = o["type"] as? String ?? "message"
            let text = Self.text(o["text"])
            var kind = ChatMessageKind.message
            var author: String?
            var body = text
            if type == "service" {
                kind = .system
                let actor = o["actor"] as? String ?? JSONValue.string(o["actor_id"]) ?? ""
                let action = o["action"] as? String ?? "service"
                if body.isEmpty {
                    var parts = [actor, action].filter { !$0.isEmpty }
                    if let title = o["title"] as? String { parts.append("\"\(title)\"") }
                    if let members = o["members"] as? [Any] {
                        parts.append(members.compactMap { $0 as? String }.joined(separator: ", "))
                    }
                    body = parts.joined(separator: " ")
                }
            } else {
                author = o["from"] as? String ?? JSONValue.string(o["from_id"])
                if let author, !author.isEmpty, !seen.contains(author), participants.count < 100_000 {
                    seen.insert(author)
                    participants.append(author)
                }
            }
            var attachments: [ChatAttachment] = []
            var omitted = false
            for (key, defaultType) in [("photo", "image/jpeg"), ("file", nil as String?)] {
                guard let path = o[key] as? String else { continue }
                if path.hasPrefix("(File not included") || path.hasPrefix("(File exceeds maximum size") {
                    omitted = true
                    continue
                }
                let mediaType = key == "file" ? (o["mime_type"] as? String) : defaultType
                let found = missingMedia.found(path, line: source.lineStart, warnings: &warnings)
                attachments.append(ChatAttachment(name: path, mediaType: mediaType, found: found))
            }
            if omitted && attachments.isEmpty && kind == .message && body.isEmpty { kind = .mediaOmitted }
            var missing: [String] = []
            if kind != .system && author == nil { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if o["text"] == nil && attachments.isEmpty && kind == .message { missing.append("text or attachment") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let edited = o["edited"] != nil || o["edited_unixtime"] != nil
            let reply = JSONValue.string(o["reply_to_message_id"])
            return ChatMessage(index: index, timestamp: timestamp, author: author, text: body,
                               attachments: attachments, kind: kind, source: source, edited: edited,
                               messageID: JSONValue.string(o["id"]), replyTo: reply, thread: thread)
        }

        /// `text` is a string, or an array of strings and entity objects (`{"type": "bold", "text": "…"}`).
        static func text(_ value: Any?) -> String {
            if let s = value as? String { return s }
            guard let parts = value as? [Any] else { return "" }
            var out = ""
            for part in parts {
                if let s = part as? String {
                    out += s
                } else if let entity = part as? [String: Any], let s = entity["text"] as? String {
                    out += s
                }
            }
            return out
        }
    }
}
