/// The stable, machine-readable code of an ``EvidenceWarning``: what programs match on, while the message is for
/// people. Extensible like ``ExportParseError/Code``: a bundle sealed by a later version may carry codes this one
/// does not name, and they read back unchanged.
///
/// Encoded as its text alone (`"no-date"`), so the manifest, the case index and `--json` output hold exactly the
/// strings they held when codes were plain strings. The codes and their meaning are listed for people in
/// `Docs/media-timestamps.md` (section 7) and `Docs/chat-exports.md`.
public struct WarningCode: StableCode {
    /// The stable text of the code, e.g. `no-date`.
    public var rawValue: String
    /// A code from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    // MARK: Times

    /// A screenshot, photo or video has no capture time at all.
    public static let noDate = WarningCode(rawValue: "no-date")
    /// Two capture times of one item are further apart than the ranking's tolerance.
    public static let sourcesDisagree = WarningCode(rawValue: "sources-disagree")
    /// An assumed local time fell in a daylight-saving gap or repeat of the case's zone.
    public static let localTimeDST = WarningCode(rawValue: "local-time-dst")
    /// A date field (metadata, e-mail `Date`) holds something that is not a valid date; it was ignored.
    public static let badDate = WarningCode(rawValue: "bad-date")
    /// The file's format has no place for a recording time (Ogg Opus and Vorbis, AMR): the times shown come from
    /// outside the file (its name, the file system, the chat that carried it, a declared time).
    public static let formatHasNoTime = WarningCode(rawValue: "format-has-no-time")
    /// An EXIF `OffsetTime*` value is not `±HH:MM`, or a date is followed by text that is not an offset; the time
    /// was read without it.
    public static let badOffsetTime = WarningCode(rawValue: "bad-offset-time")

    // MARK: Damaged or unusual media files

    /// The file is 0 bytes.
    public static let emptyFile = WarningCode(rawValue: "empty-file")
    /// The file's first bytes match no format the tool reads.
    public static let unrecognisedContent = WarningCode(rawValue: "unrecognised-content")
    /// The file ends inside a structure (segment, chunk, box, IFD, header); what came before was read.
    public static let truncated = WarningCode(rawValue: "truncated")
    /// An ISO BMFF video has no movie header (`moov`), so no time can be read from it.
    public static let noMoov = WarningCode(rawValue: "no-moov")
    /// A HEIF/AVIF file has no `meta` box.
    public static let noMeta = WarningCode(rawValue: "no-meta")
    /// An embedded block (EXIF inside a JPEG, PNG, WebP or HEIF) lacks its own header.
    public static let notThisFormat = WarningCode(rawValue: "not-this-format")
    /// An EXIF IFD, EXIF value or HEIF item points outside its data; it was skipped.
    public static let badOffset = WarningCode(rawValue: "bad-offset")
    /// An EXIF IFD points back to one already read; the loop was not followed.
    public static let ifdLoop = WarningCode(rawValue: "ifd-loop")
    /// A PNG chunk's CRC does not match (damaged or edited); its content was still read.
    public static let badCRC = WarningCode(rawValue: "bad-crc")
    /// A JPEG marker is malformed; the rest of the segments were not read.
    public static let badMarker = WarningCode(rawValue: "bad-marker")
    /// An ISO BMFF box is malformed, or a box that must be there is missing.
    public static let badBox = WarningCode(rawValue: "bad-box")
    /// A PNG chunk claims more bytes than a chunk may hold.
    public static let badLength = WarningCode(rawValue: "bad-length")
    /// A PNG text chunk is malformed or uses an unknown compression; it was ignored.
    public static let badText = WarningCode(rawValue: "bad-text")
    /// A compressed PNG text chunk cannot be inflated.
    public static let badCompression = WarningCode(rawValue: "bad-compression")
    /// A compressed PNG text chunk would inflate beyond the limit; it was not (fully) read.
    public static let decompressionLimit = WarningCode(rawValue: "decompression-limit")
    /// A HEIF item is stored in a way this tool does not read.
    public static let unsupported = WarningCode(rawValue: "unsupported")
    /// A still image could not be decoded (damaged, more pixels than the decoder's limit, too small), so it has no
    /// PDQ perceptual hash.
    public static let notPerceptuallyHashed = WarningCode(rawValue: "no-pdq")
    /// A structure is larger than the limit against hostile files; it was skipped.
    public static let tooLarge = WarningCode(rawValue: "too-large")
    /// An EXIF IFD has more entries than the limit; the rest were not read.
    public static let tooManyEntries = WarningCode(rawValue: "too-many-entries")
    /// A JPEG has more segments before its image data than the limit; the rest were not read.
    public static let tooManySegments = WarningCode(rawValue: "too-many-segments")
    /// A PNG or WebP file has more chunks than the limit; the rest were not read.
    public static let tooManyChunks = WarningCode(rawValue: "too-many-chunks")
    /// An ISO BMFF level has more boxes than the limit; the rest were not read.
    public static let tooManyBoxes = WarningCode(rawValue: "too-many-boxes")
    /// A HEIF file has more Exif/XMP items than the limit; the rest were not read.
    public static let tooManyItems = WarningCode(rawValue: "too-many-items")
    /// An XMP packet nests deeper than the limit; the rest was skipped.
    public static let tooDeep = WarningCode(rawValue: "too-deep")
    /// An XMP packet has more tags than the limit; the rest was skipped.
    public static let tooComplex = WarningCode(rawValue: "too-complex")

    // MARK: Chat exports

    /// A message names an attachment whose file is not in the export.
    public static let missingMedia = WarningCode(rawValue: "missing-media")
    /// No date of a WhatsApp export decides the day/month order; the order was inferred.
    public static let dateOrderAssumed = WarningCode(rawValue: "date-order-assumed")
    /// A WhatsApp export starts with lines that belong to no message.
    public static let textBeforeFirstMessage = WarningCode(rawValue: "text-before-first-message")
    /// A Telegram export has no `date_unixtime`; its wall-clock dates were read in the case's zone.
    public static let telegramWallClock = WarningCode(rawValue: "telegram-wall-clock")
    /// An Instagram or Messenger HTML export prints its times as local wall clock to the minute, with no zone;
    /// they were read in the case's zone.
    public static let metaPrintedTime = WarningCode(rawValue: "meta-printed-time")
    /// An SMS backup's character reference names half of a UTF-16 surrogate pair.
    public static let loneSurrogate = WarningCode(rawValue: "lone-surrogate")
    /// A time outside the years 0001–9999 (a forged or broken value): dropped where it was read, the message or
    /// item kept, so that no stored record holds a time that cannot be written and read back.
    public static let dateOutOfRange = WarningCode(rawValue: "date-out-of-range")
    /// An item's record in the case index could not be read; the item was rebuilt from its custody-journal entry
    /// (bytes, name, size, acquisition time), marked sensitive, and its parsed times and contents are lost.
    public static let indexRecordDamaged = WarningCode(rawValue: "index-record-damaged")
    /// An XMP packet is malformed at some byte: what came before was read, the damage is skipped, the rest read on.
    public static let malformedXML = WarningCode(rawValue: "malformed-xml")
    /// A message's text was longer than any app writes (16 MiB): it is kept cut, and the sealed original export
    /// holds the whole text byte for byte.
    public static let messageTruncated = WarningCode(rawValue: "message-truncated")
    /// A record of a chat export has none of sender, time and text where the format puts them (or lacks one of
    /// them): the warning names the file and the record's position, so no empty record passes in silence.
    public static let messageUnreadable = WarningCode(rawValue: "message-unreadable")
    /// A file looks like a chat export but could not be read as one; it is kept as it is.
    public static let chatUnreadable = WarningCode(rawValue: "chat-unreadable")
    /// A file carried by an export (a zip's media) could not be extracted.
    public static let mediaUnreadable = WarningCode(rawValue: "media-unreadable")

    // MARK: E-mail

    /// A file looks like an e-mail but could not be read as one; it is kept as it is.
    public static let emailUnreadable = WarningCode(rawValue: "email-unreadable")
    /// A header line of an e-mail is not `Name: value`.
    public static let malformedHeader = WarningCode(rawValue: "malformed-header")
    /// An e-mail has more MIME parts than the limit; the rest were not read.
    public static let tooManyParts = WarningCode(rawValue: "too-many-parts")
    /// MIME parts nest deeper than the limit; the deeper ones were kept as one opaque attachment.
    public static let mimeTooDeep = WarningCode(rawValue: "mime-too-deep")
    /// A text part declares a charset this tool cannot decode; it was read as UTF-8.
    public static let unknownCharset = WarningCode(rawValue: "unknown-charset")
}
