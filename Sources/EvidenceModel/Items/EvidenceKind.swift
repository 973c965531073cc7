/// What a piece of evidence is, as a person would name it. The raw values are fixed vocabulary.
public enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    case screenshot, photo, video, audio, chat, email, document, other
}

/// Something a person should know about an item or a reading: a missing date, sources that disagree,
/// a damaged chunk. Never an error: the item is still kept.
public struct EvidenceWarning: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable code such as ``WarningCode/noDate``, ``WarningCode/sourcesDisagree``,
    /// ``WarningCode/badCRC``.
    public var code: WarningCode
    /// One sentence a victim, lawyer or analyst understands.
    public var message: String

    /// A warning with its code and message.
    public init(code: WarningCode, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// What inspecting one file tells us before it is stored: its type from its bytes, its kind (and why),
/// every timestamp it carries, the one we trust most, and warnings.
public struct ItemInspection: Sendable {
    /// An IANA media type detected from the bytes (`image/png`, `video/mp4`, `text/plain`, …).
    public var mediaType: String
    public var kind: EvidenceKind
    /// Why `kind` was chosen, in words (`XMP UserComment says "Screenshot"`, `file name pattern`, …).
    public var kindReason: String
    public var timestamps: [EvidenceTimestamp]
    public var best: EvidenceTimestamp?
    public var warnings: [EvidenceWarning]

    public init(mediaType: String, kind: EvidenceKind, kindReason: String, timestamps: [EvidenceTimestamp],
                best: EvidenceTimestamp?, warnings: [EvidenceWarning]) {
        self.mediaType = mediaType
        self.kind = kind
        self.kindReason = kindReason
        self.timestamps = timestamps
        self.best = best
        self.warnings = warnings
    }
}
