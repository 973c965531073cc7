import EvidenceModel
import Foundation

/// A time read from inside a file, before any zone is applied: the wall-clock reading, and either the
/// offset the file wrote beside it, or the fact that the source is defined as UTC, or neither.
public struct EmbeddedTime: Hashable, Sendable {
    /// The source vocabulary entry (`exif`, `xmp`, `png-time`, `quicktime`).
    public var source: TimestampSource
    /// The field as exiftool names it (`DateTimeOriginal`, `GPSDateStamp+GPSTimeStamp`, `photoshop:DateCreated`,
    /// `tIME`, `mvhd.creation_time` …), so that readers can check it with a stock tool.
    public var field: String
    /// What moment the field stands for, as the parser that read it knows.
    public var role: TimestampRole
    /// The reading as written (in UTC when `isUTC`).
    public var local: LocalDateTime
    /// The UTC offset written in the file, when there was one.
    public var offsetSeconds: Int?
    /// True when the format defines the value as UTC (PNG `tIME`, GPS, QuickTime `mvhd`).
    public var isUTC: Bool
    /// How finely the source states the time (sub-seconds raise it).
    public var precision: TimePrecision

    /// A reading; with neither `offsetSeconds` nor `isUTC` the zone will be assumed.
    public init(source: TimestampSource, field: String, role: TimestampRole, local: LocalDateTime,
                offsetSeconds: Int? = nil, isUTC: Bool = false, precision: TimePrecision = .second) {
        self.source = source
        self.field = field
        self.role = role
        self.local = local
        self.offsetSeconds = offsetSeconds
        self.isUTC = isUTC
        self.precision = precision
    }

    /// The timestamp this reading gives once `zone` is assumed for readings that carry no offset.
    public func timestamp(assuming zone: TimeZone) -> EvidenceTimestamp {
        if isUTC {
            return .utc(local.instant(atOffsetSeconds: 0), source: source, field: field, role: role,
                        precision: precision)
        }
        if let offsetSeconds {
            return .embedded(local, offsetSeconds: offsetSeconds, source: source, field: field, role: role,
                             precision: precision)
        }
        return .assumed(local, in: zone, source: source, field: field, role: role, precision: precision)
    }
}

/// What one format parser found: times, the clues kind detection uses, and warnings about damage.
public struct MediaMetadata: Sendable {
    /// Every time found, in file order.
    public var times: [EmbeddedTime] = []
    /// Camera maker and model (EXIF `Make`/`Model`), absent on screenshots.
    public var make: String?
    /// Camera model (EXIF `Model`).
    public var model: String?
    /// The writing program (EXIF `Software`, PNG `Software` text).
    public var software: String?
    /// EXIF or XMP `UserComment`: iOS writes `Screenshot` there.
    public var userComment: String?
    /// Pixel size when the format states it cheaply.
    public var width: Int?
    /// Pixel height, when stated.
    public var height: Int?
    /// Damage found while reading; each names the structure and offset concerned.
    public var warnings: [EvidenceWarning] = []
    /// A more precise media type than the first bytes showed, from the structure: a TIFF whose IFD0 has
    /// `DNGVersion` is `image/x-adobe-dng`, an MP4 whose only tracks are sound is `audio/mp4`.
    public var refinedMediaType: String?

    /// Nothing found yet.
    public init() {}

    /// Adds what another parser (EXIF inside PNG, XMP inside JPEG …) found, keeping first-found clues.
    public mutating func merge(_ other: MediaMetadata) {
        times.append(contentsOf: other.times)
        make = make ?? other.make
        model = model ?? other.model
        software = software ?? other.software
        userComment = userComment ?? other.userComment
        width = width ?? other.width
        height = height ?? other.height
        refinedMediaType = refinedMediaType ?? other.refinedMediaType
        warnings.append(contentsOf: other.warnings)
    }

    mutating func warn(_ code: WarningCode, _ message: String) {
        // Hostile files could repeat one problem thousands of times; a few say enough.
        guard warnings.count < 50 else { return }
        warnings.append(EvidenceWarning(code: code, message: message))
    }

    /// An embedded block (EXIF inside a PNG, the whole file for the inspector) that could not be read: a warning
    /// with the same code text, since the outer file was still read.
    mutating func warn(_ error: MediaParseError) {
        warn(WarningCode(rawValue: error.code.rawValue), error.reason)
    }
}

/// Why a file could not be read as the format its parser expects (wrong signature, empty).
/// Damage further in is reported as warnings in ``MediaMetadata``, never as this error.
public struct MediaParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable, machine-readable reasons. Extensible: new codes may appear. Each becomes the ``WarningCode`` of the
    /// same text when the file around the block was still read.
    public struct Code: StableCode {
        /// The stable text of the code, e.g. `not-this-format`.
        public var rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The bytes given to the parser are empty.
        public static let empty = Code(rawValue: "empty")
        /// The bytes do not start with the format's signature (or an EXIF block lacks its TIFF header).
        public static let notThisFormat = Code(rawValue: "not-this-format")
        /// The bytes end before the format's first structure is complete.
        public static let truncated = Code(rawValue: "truncated")
        /// An ISO BMFF video has no movie header (`moov`).
        public static let noMoov = Code(rawValue: "no-moov")
        /// A HEIF/AVIF file has no `meta` box.
        public static let noMeta = Code(rawValue: "no-meta")
    }

    /// What kind of problem, for programs.
    public var code: Code
    /// One sentence saying what was wrong.
    public var reason: String
    /// The byte offset concerned.
    public var offset: UInt64

    /// An error with its code, reason and byte offset.
    public init(code: Code, reason: String, offset: UInt64 = 0) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    /// The reason and the offset, in words.
    public var description: String { "\(reason) (at byte \(offset))" }
}

/// Readers for the date-time spellings metadata uses. All return `nil` for anything invalid. ISO 8601 (XMP,
/// QuickTime, PNG `Creation Time`) is read by `ISO8601DateTime` with its `.metadata` profile.
enum MetadataTimeText {
    /// EXIF `YYYY:MM:DD HH:MM:SS` (dashes tolerated in the date). `nil` also for the blank and all-zero
    /// values cameras write when unset: check ``isUnset(_:)`` to tell those apart.
    static func exif(_ text: String) -> LocalDateTime? {
        let b = Array(text.utf8)
        guard b.count >= 19, b[4] == b[7], b[4] == UInt8(ascii: ":") || b[4] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let y = b.decimal(at: 0, count: 4), let mo = b.decimal(at: 5, count: 2),
              let d = b.decimal(at: 8, count: 2), let h = b.decimal(at: 11, count: 2),
              let mi = b.decimal(at: 14, count: 2), let s = b.decimal(at: 17, count: 2)
        else { return nil }
        return LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// The EXIF spelling with whatever follows the seconds: `2023:12:25 14:03:20+01:00` (as common writers put in
    /// a PNG `Creation Time`), `2023:12:25 14:03:20.45`, `2023:12:25 14:03:20Z`. The offset and fraction are kept;
    /// `nil` when the text is not exactly that, so that a caller never drops an offset it could not read.
    static func exifWithSuffix(_ text: String) -> ISO8601DateTime? {
        var b = Array(text.utf8)
        guard b.count > 19, b[4] == b[7], b[4] == UInt8(ascii: ":") || b[4] == UInt8(ascii: "-") else { return nil }
        b[4] = UInt8(ascii: "-")
        b[7] = UInt8(ascii: "-")
        guard let parsed = ISO8601DateTime(String(decoding: b, as: UTF8.self), profile: .metadata),
              parsed.precision >= .second
        else { return nil }
        return parsed
    }

    /// EXIF or GPS date `YYYY:MM:DD`.
    static func exifDate(_ text: String) -> LocalDateTime? {
        let b = Array(text.utf8)
        guard b.count >= 10, b[4] == b[7], b[4] == UInt8(ascii: ":") || b[4] == UInt8(ascii: "-"),
              let y = b.decimal(at: 0, count: 4), let mo = b.decimal(at: 5, count: 2),
              let d = b.decimal(at: 8, count: 2)
        else { return nil }
        return LocalDateTime(year: y, month: mo, day: d)
    }

    /// True for the "no value" spellings: empty, blanks, colons and zeros only.
    static func isUnset(_ text: String) -> Bool {
        text.utf8.allSatisfy { [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "-"), 0]
            .contains($0) }
    }

    /// `+01:00`, `-0500`, `Z`.
    static func offset(_ text: String) -> Int? {
        ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colonOptional)
    }

    /// Fraction digits (`SubSecTime`, `.123`) as nanoseconds and the precision they show.
    static func fraction(_ text: String) -> (nanoseconds: Int, precision: TimePrecision)? {
        let digits = Array(text.utf8.prefix { $0 != 0 && $0 != UInt8(ascii: " ") })
        guard (1...9).contains(digits.count), let value = digits.decimal(at: 0, count: digits.count) else {
            return nil
        }
        var nanos = value
        for _ in digits.count..<9 { nanos *= 10 }
        let precision: TimePrecision = digits.count <= 3 ? .millisecond : digits.count <= 6 ? .microsecond : .nanosecond
        return (nanos, precision)
    }

    /// RFC 1123 as the PNG specification suggests for `Creation Time`: `Mon, 25 Dec 2023 14:03:22 +0100`
    /// (the weekday is optional; `GMT`/`UTC` accepted).
    static func rfc1123(_ text: String) -> (local: LocalDateTime, offset: Int?)? {
        guard let parsed = RFC5322DateTime.parse(text), parsed.yearDigits == 4 else { return nil }
        guard parsed.zoneWritten else { return (parsed.local, nil) }
        guard let offset = parsed.offsetSeconds else { return nil }
        return (parsed.local, offset)
    }
}
