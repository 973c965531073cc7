/// What a chat export holds, recorded on its item.
public struct ConversationSummary: Codable, Sendable, Equatable {
    /// The app the export came from; encoded as its text (`whatsapp`, `telegram`, `instagram`, `messenger`, `sms`).
    public var platform: ChatPlatform
    public var title: String
    public var participants: [String]
    public var messageCount: Int
    /// The first and last message times (RFC 3339), when the export has any.
    public var firstMessageAt: String?
    public var lastMessageAt: String?
    /// Each attachment name the messages use (exactly as the export writes it) → the item holding that file.
    public var attachmentItems: [String: Int64]
    /// Each attachment name → the `index` of every message that names it.
    public var attachmentMessages: [String: [Int]]
    /// Attachment names the messages use whose file was not in the export: kept as a warning, never an error.
    public var missingAttachments: [String]

    /// A value from all its parts.
    package init(platform: ChatPlatform, title: String, participants: [String], messageCount: Int, firstMessageAt: String? = nil, lastMessageAt: String? = nil, attachmentItems: [String: Int64], attachmentMessages: [String: [Int]], missingAttachments: [String]) {
        self.platform = platform
        self.title = title
        self.participants = participants
        self.messageCount = messageCount
        self.firstMessageAt = firstMessageAt
        self.lastMessageAt = lastMessageAt
        self.attachmentItems = attachmentItems
        self.attachmentMessages = attachmentMessages
        self.missingAttachments = missingAttachments
    }
}

/// What an e-mail says about itself, recorded on its item.
public struct EmailSummary: Codable, Sendable, Equatable {
    public var from: String?
    public var to: String?
    public var cc: String?
    public var subject: String?
    public var messageID: String?
    /// Each attachment's file name → the item holding it.
    public var attachmentItems: [String: Int64]

    /// A value from all its parts.
    package init(from: String? = nil, to: String? = nil, cc: String? = nil, subject: String? = nil, messageID: String? = nil, attachmentItems: [String: Int64]) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.messageID = messageID
        self.attachmentItems = attachmentItems
    }
}

/// On a file that came with a conversation: which messages of which conversation item refer to it.
public struct MessageLink: Codable, Sendable, Equatable {
    /// The conversation's item.
    public var item: Int64
    /// The `index` of each message (in the derived JSON Lines) that names this file.
    public var messages: [Int]

    /// A value from all its parts.
    package init(item: Int64, messages: [Int]) {
        self.item = item
        self.messages = messages
    }
}

/// A file EvidenceKit derived from an item, sealed beside it (never in place of it): the normalised messages
/// of a chat export, as JSON Lines.
public struct DerivedFile: Codable, Sendable, Equatable {
    /// What it is: `messages`.
    public var role: String
    /// Appended to the item's payload name: `.messages.jsonl`.
    public var suffix: String
    public var sha256: String
    public var size: Int64
    public var mediaType: String

    /// A value from all its parts.
    package init(role: String, suffix: String, sha256: String, size: Int64, mediaType: String) {
        self.role = role
        self.suffix = suffix
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
    }
}
