import EvidenceModel
import Foundation

/// The direct messages of an X (Twitter) archive ("Download an archive of your data"): `data/direct-messages.js`
/// and `data/direct-messages-group.js`.
///
/// Each file is JavaScript: `window.YTD.direct_messages.part0 = ` followed by a JSON array of
/// `{"dmConversation": {"conversationId", "messages": [...]}}`. A message is `{"messageCreate": {"id", "senderId",
/// "recipientId", "text", "mediaUrls", "urls", "reactions", "createdAt"}}`; group files add events
/// (`joinConversation`, `participantsJoin`, `participantsLeave`, `conversationNameUpdate`). Senders are account
/// ids; the archive's own account (`data/account.js`) is resolved to its `@username` when the caller passes it in
/// ``ChatParseOptions/accountNames``. Each message's ``ChatMessage/thread`` is its conversation id.
package enum XArchiveParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.x]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        guard let start = jsonStart(bytes), prefixContains(bytes, all: ["window.YTD.direct_messages"]),
              start < bytes.count, bytes[start] == 0x5B else { return nil }
        return .x
    }

    /// Where the JSON starts: after `window.YTD.<name>.part<n> = `.
    static func jsonStart(_ b: [UInt8]) -> Int? {
        var p = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard b.starts(with: Array("window.YTD.".utf8), at: p) else { return nil }
        p &+= 11
        while p < b.count, p < 200, b[p] != 0x3D, b[p] != 0x0A { p &+= 1 }
        guard p < b.count, b[p] == 0x3D else { return nil }
        p &+= 1
        while p < b.count, HTMLTokenizer.isSpace(b[p]) { p &+= 1 }
        return p
    }

    /// The archive owner's account id and `@username` from `data/account.js`, for ``ChatParseOptions/accountNames``.
    package static func accounts(fromAccountJS bytes: [UInt8]) -> [String: String] {
        guard let start = jsonStart(bytes),
              let list = try? JSONSerialization.jsonObject(with: Data(bytes[start...])) as? [Any] else { return [:] }
        var names: [String: String] = [:]
        for entry in list {
            guard let account = (entry as? [String: Any])?["account"] as? [String: Any],
                  let id = JSONValue.string(account["accountId"]), let username = account["username"] as? String
            else { continue }
            names[id] = "@\(username)"
        }
        return names
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let scanner = JSONScanner(b: bytes, name: name)
        guard let start = jsonStart(bytes) else {
            throw ChatParseError(code: .unexpectedStructure, reason: "no \"window.YTD… = \" at the start: not a file "
                                    + "of an X archive", fileName: name, line: 1)
        }
        var reader = Reader(scanner: scanner, options: options)
        try scanner.forEachElement(start) { entry in
            let members = try scanner.members(entry.lowerBound)
            guard let conversation = members.first(where: { $0.key == "dmConversation" }) else { return }
            let fields = try scanner.members(conversation.value.lowerBound)
            var thread: String?
            if let id = fields.first(where: { $0.key == "conversationId" }) {
                thread = JSONValue.string(try scanner.decode(id.value))
            }
            guard let messages = fields.first(where: { $0.key == "messages" }) else { return }
            try scanner.forEachElement(messages.value.lowerBound) { element in
                guard reader.index < maximumMessages else {
                    throw scanner.error("more than \(maximumMessages) messages", at: element.lowerBound)
                }
                let (value, cut) = try scanner.decode(element, stringBudget: options.maximumMessageTextBytes)
                guard let wrapper = value as? [String: Any], let (event, body) = wrapper.first,
                      let o = body as? [String: Any] else {
                    throw scanner.error("a message must be an object holding one event", at: element.lowerBound)
                }
                let message = reader.message(event: event, o, range: element, thread: thread)
                if let cut {
                    reader.warnings.append(cut.warning(message: reader.index, line: message.source.lineStart,
                                                       budget: options.maximumMessageTextBytes))
                }
                reader.index += 1
                try onMessage(message)
            }
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        return ConversationInfo(platform: .x, title: "X direct messages", participants: reader.participants,
                                warnings: reader.warnings, sourceName: name, messageCount: reader.index)
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

        init(scanner: JSONScanner, options: ChatParseOptions) {
            self.scanner = scanner
            self.options = options
            missingMedia = MissingMediaCheck(available: options.availableMediaNames, place: "direct_messages_media/")
            unreadable = UnreadableMessageCheck(fileName: scanner.name)
        }

        func person(_ id: String?) -> String? {
            guard let id else { return nil }
            return options.accountNames[id] ?? id
        }

        mutating func message(event: String, _ o: [String: Any], range: Range<Int>, thread: String?) -> ChatMessage {
            let source = lines.range(range, in: scanner.b)
            var timestamp: EvidenceTimestamp?
            if let created = o["createdAt"] as? String, let parsed = RFC3339.parse(created), parsed.offsetSeconds == 0 {
                timestamp = .utc(parsed.instant, source: .chat, field: "createdAt", role: .message,
                                 precision: .millisecond)
            }
            let id = JSONValue.string(o["id"])
            guard event == "messageCreate" else {
                // A group event: who did what, as the archive names it (`participantsJoin` …).
                var parts = [event]
                if let initiator = person(JSONValue.string(o["initiatingUserId"])) { parts.append("by \(initiator)") }
                if let ids = o["userIds"] as? [Any] {
                    parts.append(ids.compactMap { person(JSONValue.string($0)) }.joined(separator: ", "))
                }
                if let name = o["name"] as? String { parts.append("\"\(name)\"") }
                if timestamp == nil {
                    unreadable.check(index: index, line: source.lineStart, missing: ["time"], warnings: &warnings)
                }
                return ChatMessage(index: index, timestamp: timestamp, author: nil, text: parts.joined(separator: " "),
                                   kind: .system, source: source, messageID: id, thread: thread)
            }
            let author = person(JSONValue.string(o["senderId"]))
            if let author, !participants.contains(author), participants.count < 100_000 { participants.append(author) }
            if let recipient = person(JSONValue.string(o["recipientId"])), !participants.contains(recipient),
               participants.count < 100_000 {
                participants.append(recipient)
            }
            var attachments: [ChatAttachment] = []
            for url in o["mediaUrls"] as? [Any] ?? [] {
                guard let url = url as? String else { continue }
                // The archive stores each file as `direct_messages_media/<message id>-<file name>`.
                let local = "direct_messages_media/\(id ?? "")-\((url as NSString).lastPathComponent)"
                let found = missingMedia.found(local, line: source.lineStart, warnings: &warnings)
                attachments.append(ChatAttachment(name: local, found: found))
            }
            let text = o["text"] as? String
            var missing: [String] = []
            if author == nil { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if text == nil && attachments.isEmpty { missing.append("text or attachment") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            return ChatMessage(index: index, timestamp: timestamp, author: author, text: text ?? "",
                               attachments: attachments, kind: .message, source: source, messageID: id, thread: thread)
        }
    }
}
