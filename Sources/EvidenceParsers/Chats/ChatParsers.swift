import EvidenceModel
import Foundation

/// One chat-export format: how to recognise it from its bytes, and how to parse it message by message.
///
/// To add a platform (Snapchat `chat_history.json`, Signal, Discord), write one type conforming to this
/// protocol in its own folder and add it to ``ChatParsers/all``.
public protocol ChatExportParser {
    /// The platforms this parser produces.
    static var platforms: [ChatPlatform] { get }

    /// The platform of an export recognised from its content (the name is only a tie-breaker), or `nil`.
    static func recognise(bytes: [UInt8], name: String) -> ChatPlatform?

    /// Where the files an export names are, relative to the export's own folder: `""` (beside it) for most,
    /// `".."` for Snapchat, whose `json/chat_history.json` names media in `chat_media/` beside `json/`.
    static var mediaRoot: String { get }

    /// Parses the whole export, handing each message to `onMessage` in the export's order, and returns the rest.
    ///
    /// - Throws: ``ChatParseError`` naming the file and line; anything `onMessage` throws.
    static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                      options: ChatParseOptions, onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo
}

extension ChatExportParser {
    /// Most exports name their files relative to their own folder.
    public static var mediaRoot: String { "" }
}

/// The registered chat parsers and the two ways to run them: collect a ``Conversation`` or stream messages.
public enum ChatParsers {
    /// Every parser, in the order detection tries them.
    public static var all: [any ChatExportParser.Type] {
        [
            TelegramParser.self,
            TelegramHTMLParser.self,
            MetaHTMLParser.self,
            MetaParser.self,
            SnapchatParser.self,
            DiscordParser.self,
            XArchiveParser.self,
            TikTokParser.self,
            SMSBackupParser.self,
            WhatsAppParser.self,
        ]
    }

    /// The parser for a platform.
    public static func parser(for platform: ChatPlatform) -> (any ChatExportParser.Type)? {
        all.first { $0.platforms.contains(platform) }
    }

    /// Where the files an export of `platform` names are, relative to the export's folder (see
    /// ``ChatExportParser/mediaRoot``).
    public static func mediaRoot(for platform: ChatPlatform) -> String {
        parser(for: platform)?.mediaRoot ?? ""
    }

    /// Parses a whole export into memory.
    ///
    /// For example:
    /// ```swift
    /// let conversation = try ChatParsers.parse(bytes: bytes, name: "_chat.txt", platform: .whatsapp,
    ///                                          options: ChatParseOptions(timeZone: brussels))
    /// ```
    /// - Throws: ``ChatParseError`` naming the file and line.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                             options: ChatParseOptions) throws -> Conversation {
        var messages: [ChatMessage] = []
        let info = try stream(bytes: bytes, name: name, platform: platform, options: options) { messages.append($0) }
        return Conversation(info: info, messages: messages)
    }

    /// Parses an export without keeping its messages: each goes to `onMessage` as soon as it is read, so a
    /// million-line export needs little more memory than its own bytes.
    ///
    /// - Throws: ``ChatParseError`` naming the file and line; anything `onMessage` throws.
    public static func stream(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                              onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        // Several parsers may read one platform (Telegram's JSON and HTML): the one that recognises the bytes.
        let candidates = all.filter { $0.platforms.contains(platform) }
        guard let parser = candidates.first(where: { $0.recognise(bytes: bytes, name: name) == platform })
            ?? candidates.first else {
            throw ChatParseError(code: .unsupported, reason: "no parser for \(platform.rawValue) exports",
                                 fileName: name)
        }
        // A time outside the years 0001–9999 (one forged `date_unixtime`) is dropped here, for every platform:
        // the message is kept without it and named in a warning, so no stored record holds an unreadable time.
        var outOfRange: [EvidenceWarning] = []
        var outOfRangeCount = 0
        var info = try parser.parse(bytes: bytes, name: name, platform: platform, options: options) { message in
                guard let stamp = message.timestamp, !stamp.isWritable else { return try onMessage(message) }
                var kept = message
                kept.timestamp = nil
                outOfRangeCount += 1
                if outOfRange.count < 20 { outOfRange.append(EvidenceWarning(
                    code: .dateOutOfRange,
                    message: "Message \(message.index + 1) (line \(message.source.lineStart)): its \(stamp.field) "
                        + "(Unix time \(stamp.instant.unixSeconds) s) is outside the years 0001–9999; the time was "
                        + "dropped, the message is kept.")) }
                try onMessage(kept)
        }
        info.warnings += outOfRange
        if outOfRangeCount > outOfRange.count {
            info.warnings.append(EvidenceWarning(code: .dateOutOfRange, message: "\(outOfRangeCount - outOfRange.count) more "
                                                 + "messages have a time outside the years 0001–9999, dropped likewise."))
        }
        return info
    }
}

/// Recognises a chat export from its content.
public enum ChatExportDetector {
    /// The platform of an export, decided by its bytes (the name only separates look-alikes such as
    /// Instagram and Messenger), or `nil` when no parser recognises it.
    public static func detect(bytes: [UInt8], name: String) -> ChatPlatform? {
        for parser in ChatParsers.all {
            if let platform = parser.recognise(bytes: bytes, name: name) { return platform }
        }
        return nil
    }
}
