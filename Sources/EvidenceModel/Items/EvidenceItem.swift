import Foundation

/// One piece of evidence held in a case: the stored copy of an original, its hash and what we know of it.
public struct EvidenceItem: Codable, Sendable, Equatable, Identifiable {
    /// 1-based, in the order items were added; never reused.
    public var id: Int64
    public var sha256: String
    public var size: Int64
    public var mediaType: String
    public var kind: EvidenceKind
    public var kindReason: String
    /// Where the original was, as the case records it: by default the path below what was given to `add`,
    /// starting with that file's or folder's name (`WhatsApp Chat/IMG-0001.jpg`), never the home folder;
    /// the absolute path when the case records full paths (`init --record-full-paths`) and in cases made before.
    public var originalPath: String
    /// The original's absolute path on the computer that added it, kept in the case's private index only to find
    /// the files beside a chat export in a later `add`; never sealed. `nil` in cases made before it existed, whose
    /// ``originalPath`` is absolute.
    public var sourcePath: String?
    /// The original's file name as the user had it (not normalised).
    public var originalName: String
    /// When `add` copied it (UTC).
    public var acquiredAt: Instant
    /// The original's modification time from the file system, if it had one.
    public var modifiedAt: Instant?
    public var note: String?
    public var sensitive: Bool
    public var timestamps: [EvidenceTimestamp]
    public var best: EvidenceTimestamp?
    public var warnings: [EvidenceWarning]
    /// The item this one came out of (a photo inside a WhatsApp export, an e-mail attachment), if any.
    public var parentID: Int64?
    /// For a chat export: the conversation it holds.
    public var conversation: ConversationSummary?
    /// For an e-mail: its headers.
    public var email: EmailSummary?
    /// For a file sent in a conversation: the messages that refer to it.
    public var linkedMessages: [MessageLink]?
    /// Files derived from this one (normalised messages), sealed beside it.
    public var derived: [DerivedFile]?
    /// For a still image: its PDQ perceptual hash (64 hex digits, see ``PDQHash``), what hash-based blocking
    /// (StopNCII, ThreatExchange) asks for. Absent when the image could not be decoded or was added before PDQ.
    public var pdq: String?
    /// The PDQ quality score, 0 to 100, beside ``pdq``.
    public var pdqQuality: Int?
    /// For a video: the MD5 of the file, which video hash lists still ask for. Never used to check integrity.
    public var md5: String?
    /// The person shown was a minor when the picture or video was made: a takedown then goes to child protection,
    /// never to StopNCII (which is for adults). Absent unless set.
    public var minorAtTime: Bool?
    /// Where the person saw it: the address of the post, profile or message (`--url`). Absent unless given.
    public var sourceURL: String?
    /// The service it was seen on or sent through, as the person names it (`--platform Instagram`).
    public var platform: String?
    /// The account that posted or sent it, as the platform shows it (`--account @someone`).
    public var account: String?
    /// What it shows or why it matters, in the person's words (`--description`); unlike ``note``, one text that a
    /// later `annotate --description` replaces.
    public var description: String?

    public init(id: Int64, sha256: String, size: Int64, mediaType: String, kind: EvidenceKind, kindReason: String,
                originalPath: String, originalName: String, acquiredAt: Instant, modifiedAt: Instant?, note: String?,
                sensitive: Bool, timestamps: [EvidenceTimestamp], best: EvidenceTimestamp?, warnings: [EvidenceWarning],
                parentID: Int64? = nil) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.kind = kind
        self.kindReason = kindReason
        self.originalPath = originalPath
        self.originalName = originalName
        self.acquiredAt = acquiredAt
        self.modifiedAt = modifiedAt
        self.note = note
        self.sensitive = sensitive
        self.timestamps = timestamps
        self.best = best
        self.warnings = warnings
        self.parentID = parentID
    }
}

extension Instant: Codable {
    /// Encoded as RFC 3339 in UTC with the digits it needs, so JSON stays readable and exact.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.format(self, offsetSeconds: 0, precision: nanoseconds == 0 ? .second : .nanosecond))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 date-time: \(text)")
        }
        self = parsed.instant
    }
}
