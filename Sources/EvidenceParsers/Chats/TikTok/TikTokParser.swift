import EvidenceModel
import Foundation

/// TikTok's "Download your data": the direct messages in the JSON form (`user_data_tiktok.json`, older
/// `user_data.json`) and in the TXT form (`Direct Messages.txt` inside the TXT download).
///
/// JSON: `Direct Message` (or `Direct Messages`) → `Direct Messages` (or `Chat History`) → `ChatHistory`, an object
/// keyed `Chat History with <username>:` whose arrays hold `{"Date", "From", "Content"}`. TXT: a block per
/// conversation, `>>> Chat History with <username>::`, then one line per message,
/// `2024-05-01 20:15:03 UTC <sender>: <text>`.
///
/// The times are UTC: the TXT form of the same download writes `UTC` after each of them, and the JSON form holds the
/// same values without the suffix. Each message's ``ChatMessage/thread`` is the other person's username.
package enum TikTokParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.tiktok]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000
    static let blockOpener = Array(">>> Chat History with ".utf8)

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        if isText(bytes) { return .tiktok }
        guard (try? JSONScanner(b: bytes, name: name).rootObject()) != nil else { return nil }
        // The messages may sit megabytes in (after the watch history): the download is known by its sections.
        if prefixContains(bytes, all: ["\"ChatHistory\"", "Chat History with "]) { return .tiktok }
        let activity = prefixContains(bytes, all: ["\"Your Activity\""]) || prefixContains(bytes, all: ["\"Activity\""])
        let tiktokSection = ["\"Watch History\"", "\"Video Browsing History\"", "\"FavoriteVideoList\"",
                             "\"ItemFavoriteList\""].contains { prefixContains(bytes, all: [$0]) }
        return activity && tiktokSection ? .tiktok : nil
    }

    static func isText(_ b: [UInt8]) -> Bool {
        var p = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while p < b.count, HTMLTokenizer.isSpace(b[p]) { p &+= 1 }
        return b.starts(with: blockOpener, at: p)
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        var reader = Reader(name: name, bytes: bytes)
        if isText(bytes) {
            try reader.readText(onMessage: onMessage)
        } else {
            try reader.readJSON(budget: options.maximumMessageTextBytes, onMessage: onMessage)
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        return ConversationInfo(platform: .tiktok, title: reader.threads.count == 1 ? reader.threads[0] : "TikTok",
                                participants: reader.participants, warnings: reader.warnings, sourceName: name,
                                messageCount: reader.index)
    }

    /// `2024-05-01 20:15:03` (the TXT form adds ` UTC`, which the caller strips).
    static func date(_ u: ArraySlice<UInt8>) -> Instant? {
        let u = Array(u)
        func number(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for c in u[at..<(at &+ count)] {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value &* 10 &+ Int(c &- 0x30)
            }
            return value
        }
        guard u.count == 19, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x20, u[13] == 0x3A, u[16] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2),
              let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return local.instant(atOffsetSeconds: 0)
    }

    struct Reader {
        let name: String
        let bytes: [UInt8]
        var index = 0
        var participants: [String] = []
        var threads: [String] = []
        var warnings: [EvidenceWarning] = []
        var unreadable: UnreadableMessageCheck

        init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
            unreadable = UnreadableMessageCheck(fileName: name)
        }

        mutating func note(author: String?, thread: String?) {
            if let author, !author.isEmpty, !participants.contains(author), participants.count < 100_000 {
                participants.append(author)
            }
            if let thread, !threads.contains(thread), threads.count < 100_000 { threads.append(thread) }
        }

        mutating func readJSON(budget: Int, onMessage: (ChatMessage) throws -> Void) throws {
            let scanner = JSONScanner(b: bytes, name: name)
            var level = try scanner.members(try scanner.rootObject())
            for keys in [["Direct Message", "Direct Messages"], ["Direct Messages", "Chat History"], ["ChatHistory"]] {
                guard let next = level.first(where: { keys.contains($0.key) }) else {
                    warnings.append(EvidenceWarning(code: .messageUnreadable, message: "\(name): no "
                        + "\(keys.map { "\"\($0)\"" }.joined(separator: " or ")) section: this download holds no "
                        + "direct messages (they were not ticked, or there are none)."))
                    return
                }
                level = try scanner.members(next.value.lowerBound)
            }
            var lines = LineCounter()
            for conversation in level {
                var thread = conversation.key
                if thread.hasPrefix("Chat History with ") { thread.removeFirst("Chat History with ".count) }
                while thread.hasSuffix(":") { thread.removeLast() }
                try scanner.forEachElement(conversation.value.lowerBound) { element in
                    guard index < TikTokParser.maximumMessages else {
                        throw scanner.error("more than \(TikTokParser.maximumMessages) messages", at: element.lowerBound)
                    }
                    let (value, cut) = try scanner.decode(element, stringBudget: budget)
                    guard let o = value as? [String: Any] else {
                        throw scanner.error("a message must be a JSON object", at: element.lowerBound)
                    }
                    let source = lines.range(element, in: bytes)
                    if let cut { warnings.append(cut.warning(message: index, line: source.lineStart, budget: budget)) }
                    let date = (o["Date"] as? String).flatMap { TikTokParser.date(ArraySlice($0.utf8)) }
                    try deliver(date: date, author: o["From"] as? String, text: o["Content"] as? String,
                                thread: thread, source: source, onMessage: onMessage)
                }
            }
        }

        mutating func readText(onMessage: (ChatMessage) throws -> Void) throws {
            let b = bytes
            var p = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var line = 1
            var thread: String?
            // The message being read: its first line's start, lines, and where its text begins.
            var open: (start: Int, line: Int, date: Instant?, author: String?, textStart: Int)?
            var end = p
            var lastLine = 1
            func finish() throws {
                guard let m = open else { return }
                open = nil
                var contentEnd = end
                while contentEnd > m.textStart, b[contentEnd &- 1] == 0x0A || b[contentEnd &- 1] == 0x0D {
                    contentEnd &-= 1
                }
                let text = b.textJoiningLinesWithLF(from: m.textStart, to: max(m.textStart, contentEnd))
                try deliver(date: m.date, author: m.author, text: text, thread: thread,
                            source: SourceRange(byteStart: m.start, byteEnd: max(m.start, contentEnd),
                                                lineStart: m.line, lineEnd: lastLine), onMessage: onMessage)
            }
            while p < b.count {
                let lineEnd = b.firstIndex(of: 0x0A, from: p) ?? b.count
                var contentEnd = lineEnd
                if contentEnd > p, b[contentEnd &- 1] == 0x0D { contentEnd &-= 1 }
                if b.starts(with: TikTokParser.blockOpener, at: p, end: contentEnd) {
                    try finish()
                    var nameEnd = contentEnd
                    while nameEnd > p &+ TikTokParser.blockOpener.count, b[nameEnd &- 1] == 0x3A { nameEnd &-= 1 }
                    thread = b.text(from: p &+ TikTokParser.blockOpener.count, to: nameEnd)
                } else if contentEnd &- p >= 24, b[p &+ 19] == 0x20, b.starts(with: Array(" UTC ".utf8), at: p &+ 19),
                          let date = TikTokParser.date(b[p..<(p &+ 19)]),
                          let colon = b.firstIndex(of: Array(": ".utf8), from: p &+ 24, to: contentEnd)
                            ?? (contentEnd > p &+ 24 && b[contentEnd &- 1] == 0x3A ? contentEnd &- 1 : nil) {
                    try finish()
                    open = (p, line, date, b.text(from: p &+ 24, to: colon), min(colon &+ 2, contentEnd))
                    lastLine = line
                    end = contentEnd
                } else if open != nil, contentEnd > p {
                    // A line that starts no message continues the one before (a message with line breaks).
                    lastLine = line
                    end = contentEnd
                } else if open == nil, contentEnd > p {
                    warnings.append(EvidenceWarning(code: .textBeforeFirstMessage, message: "\(name): line \(line) "
                        + "belongs to no message and was skipped."))
                }
                p = lineEnd &+ 1
                line &+= 1
            }
            try finish()
        }

        mutating func deliver(date: Instant?, author: String?, text: String?, thread: String?, source: SourceRange,
                              onMessage: (ChatMessage) throws -> Void) throws {
            guard index < TikTokParser.maximumMessages else {
                throw ChatParseError(code: .unexpectedStructure, reason: "more than \(TikTokParser.maximumMessages) "
                                        + "messages", fileName: name, line: source.lineStart)
            }
            note(author: author, thread: thread)
            var missing: [String] = []
            if author == nil || author?.isEmpty == true { missing.append("sender") }
            if date == nil { missing.append("time") }
            if text == nil { missing.append("text") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            let timestamp = date.map {
                EvidenceTimestamp.utc($0, source: .chat, field: "Date", role: .message)
            }
            let message = ChatMessage(index: index, timestamp: timestamp, author: author, text: text ?? "",
                                      kind: .message, source: source, thread: thread)
            index &+= 1
            try onMessage(message)
        }
    }
}
