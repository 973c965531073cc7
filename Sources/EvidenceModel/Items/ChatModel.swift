import Foundation

/// The app a conversation was exported from. The raw values are fixed vocabulary used in derived files and in
/// the manifest.
///
/// Extensible like ``WarningCode`` rather than an enum: a manifest sealed by a later version that reads another
/// app still decodes here, so a verifier of today never rejects a bundle of tomorrow for naming a new platform.
/// Encoded as its text alone (`"whatsapp"`).
public struct ChatPlatform: StableCode {
    /// The stable text of the platform, e.g. `whatsapp`.
    public var rawValue: String
    /// A platform from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// WhatsApp's "Export chat" text (alone or in its zip).
    public static let whatsapp = ChatPlatform(rawValue: "whatsapp")
    /// Telegram Desktop's JSON export.
    public static let telegram = ChatPlatform(rawValue: "telegram")
    /// Instagram's "Download your information" message JSON.
    public static let instagram = ChatPlatform(rawValue: "instagram")
    /// Facebook Messenger's "Download your information" message JSON.
    public static let messenger = ChatPlatform(rawValue: "messenger")
    /// An "SMS Backup & Restore" XML file.
    public static let sms = ChatPlatform(rawValue: "sms")
    /// Snapchat's "My Data" download (`json/chat_history.json`, `json/snap_history.json`).
    public static let snapchat = ChatPlatform(rawValue: "snapchat")
    /// A Discord data package's `messages/c<channel>/messages.json` (or the older `messages.csv`).
    public static let discord = ChatPlatform(rawValue: "discord")
    /// An X (Twitter) archive's `data/direct-messages.js` or `data/direct-messages-group.js`.
    public static let x = ChatPlatform(rawValue: "x")
    /// TikTok's "Download your data": the direct messages of `user_data_tiktok.json` or `Direct Messages.txt`.
    public static let tiktok = ChatPlatform(rawValue: "tiktok")
    /// An e-mail file (`.eml`) or mailbox (`.mbox`) read as a list of messages (`evidence chat parse`).
    public static let email = ChatPlatform(rawValue: "email")
}

/// The order of the three numbers in a date such as `03/04/2023`.
public enum DateOrder: String, Codable, Sendable, CaseIterable {
    /// Day, month, year (`25/12/2023`): most of Europe, Latin America, Africa, Asia.
    case dmy
    /// Month, day, year (`12/25/2023`): the United States and a few others.
    case mdy
    /// Year, month, day (`2023-12-25`): ISO-style locales (Sweden, Lithuania, China, Japan …).
    case ymd
}

/// The small context a chat parser needs: nothing here touches the file system, clock or locale.
public struct ChatParseOptions: Sendable {
    /// The IANA zone applied to wall-clock times (WhatsApp lines); epoch-based formats ignore it.
    public var timeZone: TimeZone
    /// Forces the order of day and month in WhatsApp dates instead of inferring it from the whole file.
    public var dateOrder: DateOrder?
    /// The label of the phone's owner for sent SMS; `"Me"` when `nil` or empty.
    public var me: String?
    /// The media file names present beside the export (the entries of a WhatsApp `.zip`, the files of a
    /// Telegram folder). `nil` when unknown: attachments are then neither found nor missing.
    public var availableMediaNames: Set<String>?
    /// Names for account ids the export writes instead of names (an X archive's owner, from `data/account.js`,
    /// as `@username`); an id not listed stays the id.
    public var accountNames: [String: String] = [:]
    /// Most bytes of text read from one message of a JSON export (Telegram, Instagram, Messenger): 16 MiB, a
    /// thousand times the longest message the apps let a person send. A longer message is cut there with a warning;
    /// the original export, sealed unchanged, still holds it byte for byte. Tests lower it to stay quick.
    package var maximumMessageTextBytes = 16 << 20

    /// Options for one parse; only `timeZone` is required.
    public init(timeZone: TimeZone, dateOrder: DateOrder? = nil, me: String? = nil,
                availableMediaNames: Set<String>? = nil) {
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.me = me
        self.availableMediaNames = availableMediaNames
    }

    /// The label used for messages sent by the phone's owner.
    public var ownerLabel: String {
        if let me, !me.isEmpty { return me }
        return "Me"
    }
}

/// What a line or record of an export is.
public enum ChatMessageKind: String, Codable, Sendable, CaseIterable {
    /// Something a person wrote (possibly with attachments).
    case message
    /// A line the app wrote itself: encryption notice, "X added Y", "X left", a call, a title change.
    case system
    /// The export left the media out (`<Media omitted>`, `image omitted` …): something was sent, its bytes are not here.
    case mediaOmitted = "media-omitted"
    /// The author deleted the message; only the app's notice remains.
    case deleted
}

/// A file a message refers to, named exactly as the export names it.
public struct ChatAttachment: Hashable, Codable, Sendable {
    /// The name (or relative path) as written in the export: `IMG-20231225-WA0003.jpg`, `photos/photo_1.jpg`.
    public var name: String
    /// The media type the export states, when it states one (`image/jpeg` in Telegram, SMS MMS parts).
    public var mediaType: String?
    /// Whether the file is present beside the export; `nil` when the caller did not say which files are present.
    public var found: Bool?

    /// An attachment reference as the export names it.
    public init(name: String, mediaType: String? = nil, found: Bool? = nil) {
        self.name = name
        self.mediaType = mediaType
        self.found = found
    }
}

/// Where a message sits in the original export: a half-open byte range and the 1-based lines it spans.
///
/// For a JSON or XML export the range covers the message's object or element.
public struct SourceRange: Hashable, Codable, Sendable {
    /// Offset of the first byte, from 0.
    public var byteStart: Int
    /// Offset just past the last byte (half-open range); line terminators after the last line are not included.
    public var byteEnd: Int
    /// First line, from 1.
    public var lineStart: Int
    /// Last line, inclusive.
    public var lineEnd: Int

    /// A range into the original export.
    public init(byteStart: Int, byteEnd: Int, lineStart: Int, lineEnd: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.lineStart = lineStart
        self.lineEnd = lineEnd
    }
}

/// One message of a conversation, as the export wrote it.
public struct ChatMessage: Codable, Sendable {
    /// Position in the export, from 0, in the export's own order.
    public var index: Int
    /// The time the export gives; `nil` only when the record carries none.
    public var timestamp: EvidenceTimestamp?
    /// Who wrote it; `nil` for lines the app wrote itself.
    public var author: String?
    /// The text exactly as written: no Unicode normalisation, line breaks as in the file.
    public var text: String
    /// Files the message refers to, named as the export names them.
    public var attachments: [ChatAttachment]
    /// What the line is: a message, an app line, omitted media or a deletion notice.
    public var kind: ChatMessageKind
    /// Where the message sits in the original export.
    public var source: SourceRange
    /// The export says the message was edited after it was sent.
    public var edited: Bool
    /// The platform's identifier of the message (Telegram `id`), when it has one.
    public var messageID: String?
    /// The identifier of the message this one answers (Telegram `reply_to_message_id`).
    public var replyTo: String?
    /// The chat this message belongs to when one export holds several (Telegram's full export).
    public var thread: String?
    /// The name an app line was written under, kept apart from its text: iOS WhatsApp writes the encryption notice
    /// and group events as if the chat (or the actor) said them (`Family: ‎Carol left`). Not an author.
    public var writtenUnder: String?

    /// A message as a parser read it.
    public init(index: Int, timestamp: EvidenceTimestamp?, author: String?, text: String,
                attachments: [ChatAttachment] = [], kind: ChatMessageKind, source: SourceRange,
                edited: Bool = false, messageID: String? = nil, replyTo: String? = nil, thread: String? = nil,
                writtenUnder: String? = nil) {
        self.index = index
        self.timestamp = timestamp
        self.author = author
        self.text = text
        self.attachments = attachments
        self.kind = kind
        self.source = source
        self.edited = edited
        self.messageID = messageID
        self.replyTo = replyTo
        self.thread = thread
        self.writtenUnder = writtenUnder
    }
}

extension ChatMessage {
    /// The text in Unicode Normalization Form C, for search and comparison only.
    ///
    /// The evidence is ``text``, byte for byte as the export wrote it: an "é" typed as "e" plus a combining accent
    /// stays two code points there. A search for "é" must still find it, so indexes use this form instead.
    public var searchText: String { text.precomposedNFC }
}

/// Everything about a conversation except its messages: what a streaming parse returns at the end.
public struct ConversationInfo: Codable, Sendable {
    /// The app the export came from.
    public var platform: ChatPlatform
    /// The chat's name as the export gives it (WhatsApp: from the file name; Telegram: `name`; Meta: `title`).
    public var title: String
    /// Authors in the order they first appear (plus any the export lists up front).
    public var participants: [String]
    /// Things a reader should know: an assumed date order, missing media, repaired characters.
    public var warnings: [EvidenceWarning]
    /// The export's file name as given to the parser.
    public var sourceName: String
    /// How many messages were delivered.
    public var messageCount: Int

    /// The summary a parser returns after its last message.
    public init(platform: ChatPlatform, title: String, participants: [String], warnings: [EvidenceWarning],
                sourceName: String, messageCount: Int) {
        self.platform = platform
        self.title = title
        self.participants = participants
        self.warnings = warnings
        self.sourceName = sourceName
        self.messageCount = messageCount
    }
}

/// A parsed chat export: who, what, when, and where in the original file each message came from.
public struct Conversation: Codable, Sendable {
    /// The app the export came from.
    public var platform: ChatPlatform
    /// The chat's name as the export gives it.
    public var title: String
    /// Authors in the order they first appear (plus any the export lists up front).
    public var participants: [String]
    /// In the export's own order (Instagram's newest-first stays newest-first).
    public var messages: [ChatMessage]
    /// Things a reader should know: an assumed date order, missing media, repaired characters.
    public var warnings: [EvidenceWarning]
    /// The export's file name as given to the parser.
    public var sourceName: String

    /// A conversation from its parts.
    public init(platform: ChatPlatform, title: String, participants: [String], messages: [ChatMessage],
                warnings: [EvidenceWarning], sourceName: String) {
        self.platform = platform
        self.title = title
        self.participants = participants
        self.messages = messages
        self.warnings = warnings
        self.sourceName = sourceName
    }

    /// Joins a streaming parse's summary and the messages it delivered.
    public init(info: ConversationInfo, messages: [ChatMessage]) {
        self.init(platform: info.platform, title: info.title, participants: info.participants, messages: messages,
                  warnings: info.warnings, sourceName: info.sourceName)
    }
}

/// Why a chat export could not be read, and where (the same error type as e-mail parsing).
public typealias ChatParseError = ExportParseError
