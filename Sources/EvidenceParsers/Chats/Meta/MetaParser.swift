import EvidenceModel
import Foundation

/// Instagram and Facebook Messenger "Download your information" JSON (`message_1.json`, `message_2.json` …).
///
/// Meta writes every string as its UTF-8 bytes escaped one by one as Latin-1 code points (`"Ã©"` for `é`); names,
/// contents and reactions are repaired back to the text the person wrote. Messages stay in the file's order
/// (newest first): the transcript of the original is not re-sorted.
package enum MetaParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.instagram, .messenger]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        // `participants` is not always there (older exports, files other tools cut apart), so a file whose
        // messages carry Meta's own sender and time keys is recognised by those alone; the newer end-to-end
        // encrypted Messenger export writes them in camel case, with `isUnsent` on each message in some files and
        // only the thread's `threadName` in others.
        guard (try? JSONScanner(b: bytes, name: name).rootObject()) != nil,
              prefixContains(bytes, all: ["\"messages\""]),
              prefixContains(bytes, all: ["\"participants\"", "\"sender_name\""])
                || prefixContains(bytes, all: ["\"participants\"", "\"thread_path\""])
                || prefixContains(bytes, all: ["\"sender_name\"", "\"timestamp_ms\""])
                || prefixContains(bytes, all: ["\"senderName\"", "\"timestamp\"", "\"isUnsent\""])
                || prefixContains(bytes, all: ["\"senderName\"", "\"timestamp\"", "\"threadName\""])
        else { return nil }
        let lower = name.lowercased()
        if lower.contains("instagram") { return .instagram }
        if lower.contains("facebook") || lower.contains("messenger") { return .messenger }
        if prefixContains(bytes, all: ["instagram.com"]) || prefixContains(bytes, all: ["\"is_geoblocked_for_viewer\""])
            || prefixContains(bytes, all: ["your_instagram_activity"]) {
            return .instagram
        }
        return .messenger
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                             options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let scanner = JSONScanner(b: bytes, name: name)
        let root = try scanner.members(try scanner.rootObject())
        let budget = options.maximumMessageTextBytes
        var participants: [String] = []
        if let p = root.first(where: { $0.key == "participants" }),
           let list = try scanner.decode(p.value, stringBudget: budget).value as? [Any] {
            for entry in list {
                if let object = entry as? [String: Any], let n = object["name"] as? String {
                    participants.append(TextDecoding.repairingLatin1Mojibake(n))
                } else if let n = entry as? String {
                    participants.append(TextDecoding.repairingLatin1Mojibake(n))
                }
            }
        }
        var title = participants.joined(separator: ", ")
        if let t = root.first(where: { $0.key == "title" || $0.key == "threadName" }),
           let s = try scanner.decode(t.value, stringBudget: budget).value as? String {
            title = TextDecoding.repairingLatin1Mojibake(s)
        }
        guard let messages = root.first(where: { $0.key == "messages" }) else {
            throw ChatParseError(code: .unexpectedStructure, reason: "no \"messages\" at the top level: not an "
                                    + "Instagram or Messenger export", fileName: name, line: 1)
        }
        var index = 0
        var lines = LineCounter()
        var warnings: [EvidenceWarning] = []
        var missingMedia = MissingMediaCheck(available: options.availableMediaNames)
        var unreadable = UnreadableMessageCheck(fileName: name)
        try scanner.forEachElement(messages.value.lowerBound) { element in
            guard index < maximumMessages else {
                throw scanner.error("more than \(maximumMessages) messages", at: element.lowerBound)
            }
            let (value, cut) = try scanner.decode(element, stringBudget: budget)
            guard let o = value as? [String: Any] else {
                throw scanner.error("a message must be a JSON object", at: element.lowerBound)
            }
            let source = lines.range(element, in: bytes)
            if let cut { warnings.append(cut.warning(message: index, line: source.lineStart, budget: budget)) }
            // The classic export writes snake case (`timestamp_ms`, `sender_name`, `content`); the end-to-end
            // encrypted Messenger export camel case (`timestamp` in milliseconds, `senderName`, `text`).
            let timeField = o["timestamp_ms"] != nil ? "timestamp_ms" : "timestamp"
            let timestamp = JSONValue.int64(o[timeField]).map {
                EvidenceTimestamp.utc(Instant(unixMilliseconds: $0), source: .chat, field: timeField, role: .message,
                                      precision: .millisecond)
            }
            let author = (o["sender_name"] as? String ?? o["senderName"] as? String)
                .map(TextDecoding.repairingLatin1Mojibake)
            if let author, !participants.contains(author), participants.count < 10_000 { participants.append(author) }
            let content = o["content"] as? String ?? o["text"] as? String
            var text = content.map(TextDecoding.repairingLatin1Mojibake) ?? ""
            var attachments: [ChatAttachment] = []
            for key in ["photos", "videos", "audio_files", "gifs", "files", "media"] {
                for item in o[key] as? [Any] ?? [] {
                    if let uri = (item as? [String: Any])?["uri"] as? String {
                        attachments.append(attachment(uri, line: source.lineStart, missingMedia: &missingMedia,
                                                      warnings: &warnings))
                    }
                }
            }
            if let sticker = o["sticker"] as? [String: Any], let uri = sticker["uri"] as? String {
                attachments.append(attachment(uri, line: source.lineStart, missingMedia: &missingMedia,
                                              warnings: &warnings))
            }
            if text.isEmpty, let share = o["share"] as? [String: Any], let link = share["link"] as? String {
                text = TextDecoding.repairingLatin1Mojibake(link)
            }
            var kind = ChatMessageKind.message
            let type = o["type"] as? String
            if (o["is_unsent"] as? Bool ?? o["isUnsent"] as? Bool) == true
                || (o["is_unsent"] as? NSNumber)?.boolValue == true {
                kind = .deleted
            } else if let type, ["Subscribe", "Unsubscribe", "Call"].contains(type) {
                kind = .system
            }
            var missing: [String] = []
            if author == nil { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if content == nil && attachments.isEmpty && text.isEmpty && kind == .message {
                missing.append("text or attachment")
            }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let message = ChatMessage(index: index, timestamp: timestamp, author: kind == .system ? nil : author,
                                      text: text, attachments: attachments, kind: kind, source: source)
            index += 1
            try onMessage(message)
        }
        unreadable.finish(warnings: &warnings)
        return ConversationInfo(platform: platform, title: title, participants: participants, warnings: warnings,
                                sourceName: name, messageCount: index)
    }

    static func attachment(_ uri: String, line: Int, missingMedia: inout MissingMediaCheck,
                           warnings: inout [EvidenceWarning]) -> ChatAttachment {
        let name = TextDecoding.repairingLatin1Mojibake(uri)
        return ChatAttachment(name: name, found: missingMedia.found(name, line: line, warnings: &warnings))
    }
}
