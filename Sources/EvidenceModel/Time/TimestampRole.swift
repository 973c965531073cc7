/// What moment a timestamp stands for: the moment the evidence came to be, a later change, a conversation's
/// bounds, one message, a mail server's hop, or the moment the file entered the case. The role decides trust:
/// only ``capture`` times (and a chat export's ``conversationStart``) are candidates for "when it happened", are
/// compared with each other for disagreement, and save a screenshot or photo from the `no-date` warning.
///
/// Whoever makes a timestamp sets its role (the EXIF reader knows `ModifyDate` is a modification, the mail reader
/// that a `Received` header is a relay hop). The role is not written to the manifest, the case index or the
/// derived message lines: those formats are fixed and already name the source and field. So a timestamp read
/// back from storage gets its role from ``init(readingBack:field:)``, the one place that maps field text to a
/// role; a test checks that every timestamp the parsers make reads back with the role it was made with. The field
/// text of a conversation's bounds is produced by the role (``conversationFieldName``), so those two strings
/// exist once.
public enum TimestampRole: Sendable, Hashable, CaseIterable {
    /// Written (or asserted) for the moment the content came to be: a camera's or phone's capture time, a
    /// file-name pattern, an e-mail's `Date`, a declared time.
    case capture
    /// A later change: an edit, a save, a file-system modification time.
    case modification
    /// The first message of a conversation (or of a mailbox).
    case conversationStart
    /// The last message of a conversation (or of a mailbox).
    case conversationEnd
    /// The time of one message inside a conversation.
    case message
    /// A mail server's stamp on the way (`Received`).
    case relay
    /// When the file entered the case (or a later attestation that it existed).
    case acquisition

    /// The field text a conversation's first or last time carries (`first message`, `last message`); `nil` for
    /// the other roles, whose field names the source's own field.
    package var conversationFieldName: String? {
        switch self {
        case .conversationStart: "first message"
        case .conversationEnd: "last message"
        default: nil
        }
    }

    /// The role of a timestamp read back from storage, which names only its source and field. Mirrors what the
    /// parsers set; unknown fields of a media source read as modifications, as they ranked before roles existed.
    public init(readingBack source: TimestampSource, field: String) {
        if let bound = [TimestampRole.conversationStart, .conversationEnd].first(where: { $0.conversationFieldName == field }),
           source == .chat || source == .emailHeader {
            self = bound
            return
        }
        switch source {
        case .filename, .declared:
            self = .capture
        case .filesystem:
            self = .modification
        case .acquired, .tsa:
            self = .acquisition
        case .chat:
            self = .message
        case .emailHeader:
            self = field == "Date" ? .capture : .relay
        case .exif:
            self = field == "DateTimeOriginal" || field == "CreateDate" || field.hasPrefix("GPS") ? .capture : .modification
        case .xmp:
            self = ["exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate", "exif:DateTimeDigitized"]
                .contains(field) ? .capture : .modification
        case .quicktime:
            self = field == "com.apple.quicktime.creationdate" || field.hasSuffix(".creation_time") ? .capture : .modification
        case .pngTime:
            self = field == "Creation Time" ? .capture : .modification
        case .iptc, .id3:
            // Every IPTC and ID3 time we read stands for creation or recording.
            self = .capture
        }
    }
}
