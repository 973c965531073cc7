import EvidenceModel
import Foundation

/// Telegram Desktop's HTML export ("Export chat history" with format **HTML**, the default): `messages.html`,
/// `messages2.html`, … each a page of up to 1,000 messages, read as a tree by ``HTMLDocument`` — never by
/// searching the markup as text.
///
/// Each `div.message` of `div.history` is one record: `service` ones are app lines (the day separators, whose ids
/// are negative, are layout and are not records); the others carry the time in the `title` of `div.date`
/// (`28.11.2023 14:03:22 UTC+01:00`, the offset of the exporting computer, read as `embedded`; older exports
/// write no offset and are read as wall clock in the case's zone with a warning), the sender in `div.from_name`
/// (a `joined` message continues the previous sender's), the text in `div.text` (`br` = line break), media
/// as links in `div.media_wrap`, and the answered message in `div.reply_to`.
package enum TelegramHTMLParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.telegram]

    /// The platform when the bytes are a page of this export, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        let head = Array(bytes.prefix(1 << 16))
        guard head.firstIndex(of: Array("<html".utf8), from: 0) != nil
                || head.firstIndex(of: Array("<!DOCTYPE html".utf8), from: 0) != nil,
              prefixContains(head, all: ["class=\"page_header\""]),
              prefixContains(head, all: ["class=\"history\""]) else { return nil }
        return .telegram
    }

    /// Streams the page's messages in order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        var reader = Reader(bytes: bytes, name: name, options: options)
        var sawHistory = false
        // Each message (and the page header) is handed over as it closes: a page is read with the memory of one
        // message, however many it holds.
        let document = try HTMLDocument(bytes: bytes, records: { node in
            if node.name == "div" && node.hasClass("history") { sawHistory = true }
            return node.name == "div" && (node.hasClass("page_header") || (sawHistory && node.hasClass("message")))
        }, onRecord: { part, element in
            if part[element].hasClass("page_header") {
                if let title = part.firstElement(under: element, where: { $0.hasClass("text") }) {
                    reader.title = trimmed(part.text(of: title))
                }
            } else if let message = reader.message(element, in: part) {
                try onMessage(message)
            }
        })
        guard sawHistory else {
            throw ChatParseError(code: .unexpectedStructure, reason: "no <div class=\"history\">: not a page of a "
                                    + "Telegram Desktop HTML export", fileName: name, line: 1)
        }
        if document.droppedNodes > 0 {
            reader.warnings.append(EvidenceWarning(code: .tooManyItems, message: "\(name): more than "
                + "\(HTMLDocument.maximumNodes) HTML nodes; the rest of the page was not read."))
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        return ConversationInfo(platform: .telegram, title: reader.title.isEmpty ? "Telegram" : reader.title,
                                participants: reader.participants, warnings: reader.warnings, sourceName: name,
                                messageCount: reader.index)
    }

    /// `text` without the page layout's white space (ASCII spaces, tabs and line breaks) at either end; a no-break
    /// space or any other character the person wrote stays.
    static func trimmed(_ text: String) -> String {
        let u = text.utf8
        guard let first = u.firstIndex(where: { !HTMLTokenizer.isSpace($0) }),
              let last = u.lastIndex(where: { !HTMLTokenizer.isSpace($0) }) else { return "" }
        if first == u.startIndex && u.index(after: last) == u.endIndex { return text }
        return String(decoding: u[first...last], as: UTF8.self)
    }

    /// `dd.MM.yyyy HH:mm:ss`, then ` UTC±hh:mm` in exports since Telegram Desktop 3.x.
    static func time(_ title: String) -> (LocalDateTime, offsetSeconds: Int?)? {
        let u = Array(title.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at &+ count <= u.count else { return nil }
            var value = 0
            for c in u[at..<(at &+ count)] {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value &* 10 &+ Int(c &- 0x30)
            }
            return value
        }
        guard u.count >= 19, u[2] == 0x2E, u[5] == 0x2E, u[10] == 0x20, u[13] == 0x3A, u[16] == 0x3A,
              let day = number(0, 2), let month = number(3, 2), let year = number(6, 4),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        if u.count == 19 { return (local, nil) }
        // ` UTC+01:00`
        guard u.count == 29, Array(u[19..<23]) == Array(" UTC".utf8), u[23] == 0x2B || u[23] == 0x2D, u[26] == 0x3A,
              let h = number(24, 2), let m = number(27, 2), h <= 14, m < 60
        else { return nil }
        return (local, (u[23] == 0x2D ? -1 : 1) * (h * 3600 + m * 60))
    }

    struct Reader {
        let bytes: [UInt8]
        let name: String
        let options: ChatParseOptions
        var title = ""
        var index = 0
        var lastAuthor: String?
        var participants: [String] = []
        var warnings: [EvidenceWarning] = []
        var lines = LineCounter()
        var resolver: WallClockResolver
        var wallClockWarned = false
        var missingMedia: MissingMediaCheck
        var unreadable: UnreadableMessageCheck

        init(bytes: [UInt8], name: String, options: ChatParseOptions) {
            self.bytes = bytes
            self.name = name
            self.options = options
            resolver = WallClockResolver(zone: options.timeZone, field: "title")
            missingMedia = MissingMediaCheck(available: options.availableMediaNames, place: "the export folder")
            unreadable = UnreadableMessageCheck(fileName: name)
        }

        mutating func message(_ element: Int, in document: HTMLDocument) -> ChatMessage? {
            func child(_ of: Int, _ test: (HTMLDocument.Node) -> Bool) -> Int? {
                document[of].children.first { !document[$0].isText && test(document[$0]) }
            }
            func trimmedText(_ node: Int) -> String { TelegramHTMLParser.trimmed(document.text(of: node)) }
            let node = document[element]
            let id = node.attribute("id").flatMap { $0.hasPrefix("message") ? String($0.dropFirst(7)) : nil }
            let source = lines.range(node.range, in: bytes)
            let body = child(element) { $0.hasClass("body") }
            if node.hasClass("service") {
                // Day separators (negative ids) are the page's layout, not something that happened.
                if id?.hasPrefix("-") == true { return nil }
                let text = body.map(trimmedText) ?? ""
                defer { index &+= 1 }
                return ChatMessage(index: index, timestamp: nil, author: nil, text: text, kind: .system,
                                   source: source, messageID: id)
            }
            var timestamp: EvidenceTimestamp?
            var author: String?
            var text: String?
            var attachments: [ChatAttachment] = []
            var omitted = false
            var replyTo: String?
            if let body {
                if let date = child(body, { $0.hasClass("date") }), let title = document[date].attribute("title"),
                   let (local, offset) = TelegramHTMLParser.time(title) {
                    if let offset {
                        timestamp = .embedded(local, offsetSeconds: offset, source: .chat, field: "title",
                                              role: .message)
                    } else {
                        timestamp = resolver.timestamp(local, precision: .second)
                        if !wallClockWarned {
                            wallClockWarned = true
                            warnings.append(EvidenceWarning(
                                code: .telegramWallClock,
                                message: "\(name): the times carry no UTC offset (an older Telegram Desktop); they are "
                                    + "the exporting computer's wall clock and were read in "
                                    + "\(options.timeZone.identifier)."))
                        }
                    }
                }
                if let from = child(body, { $0.hasClass("from_name") }) {
                    author = trimmedText(from)
                } else if node.hasClass("joined") {
                    author = lastAuthor
                }
                // A forwarded message keeps the forwarder as author; its text and media sit in `div.forwarded`.
                let content = child(body, { $0.hasClass("forwarded") }) ?? body
                if let t = child(content, { $0.hasClass("text") }) { text = trimmedText(t) }
                if let media = child(content, { $0.hasClass("media_wrap") }) {
                    for link in document.elements(under: media, where: { $0.name == "a" && $0.attribute("href") != nil }) {
                        guard let href = document[link].attribute("href"), !href.hasPrefix("#"),
                              !href.contains("://") else { continue }
                        let found = missingMedia.found(href, line: source.lineStart, warnings: &warnings)
                        attachments.append(ChatAttachment(name: href, found: found))
                    }
                    if attachments.isEmpty,
                       let description = document.firstElement(under: media, where: { $0.hasClass("description") }),
                       trimmedText(description).hasPrefix("Not included") {
                        omitted = true
                    }
                }
                if let reply = child(body, { $0.hasClass("reply_to") }),
                   let link = document.firstElement(under: reply, where: { $0.name == "a" }),
                   let href = document[link].attribute("href"), href.hasPrefix("#go_to_message") {
                    replyTo = String(href.dropFirst("#go_to_message".count))
                }
            }
            if let author, !author.isEmpty {
                lastAuthor = author
                if !participants.contains(author), participants.count < 100_000 { participants.append(author) }
            }
            var missing: [String] = []
            if author == nil { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if text == nil && attachments.isEmpty && !omitted { missing.append("text or attachment") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let kind: ChatMessageKind = omitted && (text ?? "").isEmpty ? .mediaOmitted : .message
            defer { index &+= 1 }
            return ChatMessage(index: index, timestamp: timestamp, author: author, text: text ?? "",
                               attachments: attachments, kind: kind, source: source, messageID: id, replyTo: replyTo)
        }
    }
}
