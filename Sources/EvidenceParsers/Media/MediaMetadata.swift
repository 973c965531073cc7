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
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable text of the code, e.g. `not-this-format`.
        public var rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The raw value.
        public var description: String { rawValue }

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

/// Readers for the date-time spellings metadata uses. All return `nil` for anything invalid.
enum MetadataTimeText {
    /// EXIF `YYYY:MM:DD HH:MM:SS` (dashes tolerated in the date). `nil` also for the blank and all-zero
    /// values cameras write when unset: check ``isUnset(_:)`` to tell those apart.
    static func exif(_ text: String) -> LocalDateTime? {
        let b = Array(text.utf8)
        guard b.count >= 19, b[4] == b[7], b[4] == UInt8(ascii: ":") || b[4] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2),
              let h = number(b, 11, 2), let mi = number(b, 14, 2), let s = number(b, 17, 2)
        else { return nil }
        return LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// EXIF or GPS date `YYYY:MM:DD`.
    static func exifDate(_ text: String) -> LocalDateTime? {
        let b = Array(text.utf8)
        guard b.count >= 10, b[4] == b[7], b[4] == UInt8(ascii: ":") || b[4] == UInt8(ascii: "-"),
              let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2)
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
        let b = Array(text.utf8).filter { $0 != UInt8(ascii: ":") }
        if b == [UInt8(ascii: "Z")] || b == [UInt8(ascii: "z")] { return 0 }
        guard b.count == 5, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"),
              let h = number(b, 1, 2), let m = number(b, 3, 2), h <= 18, m <= 59
        else { return nil }
        let seconds = h * 3600 + m * 60
        return b[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// Fraction digits (`SubSecTime`, `.123`) as nanoseconds and the precision they show.
    static func fraction(_ text: String) -> (nanoseconds: Int, precision: TimePrecision)? {
        let digits = Array(text.utf8.prefix { $0 != 0 && $0 != UInt8(ascii: " ") })
        guard (1...9).contains(digits.count), let value = number(digits, 0, digits.count) else { return nil }
        var nanos = value
        for _ in digits.count..<9 { nanos *= 10 }
        let precision: TimePrecision = digits.count <= 3 ? .millisecond : digits.count <= 6 ? .microsecond : .nanosecond
        return (nanos, precision)
    }

    /// ISO 8601 as XMP and QuickTime write it: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.s+]][Z|±hh:mm|±hhmm]`.
    /// Year-only and year-month values are refused (returning `nil`): they would invent a day.
    static func iso8601(_ text: String) -> (local: LocalDateTime, offset: Int?, precision: TimePrecision)? {
        let b = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2)
        else { return nil }
        if b.count == 10 {
            guard let date = LocalDateTime(year: y, month: mo, day: d) else { return nil }
            return (date, nil, .day)
        }
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let h = number(b, 11, 2), b[13] == UInt8(ascii: ":"), let mi = number(b, 14, 2)
        else { return nil }
        var index = 16
        var second = 0, nanos = 0
        var precision = TimePrecision.minute
        if index < b.count, b[index] == UInt8(ascii: ":") {
            guard let s = number(b, index + 1, 2) else { return nil }
            second = s
            precision = .second
            index += 3
            if index < b.count, b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",") {
                let start = index + 1
                var end = start
                while end < b.count, (48...57).contains(b[end]) { end += 1 }
                guard let parsed = fraction(String(decoding: b[start..<end], as: UTF8.self)) else { return nil }
                nanos = parsed.nanoseconds
                precision = parsed.precision
                index = end
            }
        }
        guard let local = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: second,
                                        nanosecond: nanos)
        else { return nil }
        if index == b.count { return (local, nil, precision) }
        guard let offset = offset(String(decoding: b[index...], as: UTF8.self)) else { return nil }
        return (local, offset, precision)
    }

    /// RFC 1123 as the PNG specification suggests for `Creation Time`: `Mon, 25 Dec 2023 14:03:22 +0100`
    /// (the weekday is optional; `GMT`/`UTC` accepted).
    static func rfc1123(_ text: String) -> (local: LocalDateTime, offset: Int?)? {
        guard let parsed = RFC5322DateTime.parse(text), parsed.yearDigits == 4 else { return nil }
        guard parsed.zoneWritten else { return (parsed.local, nil) }
        guard let offset = parsed.offsetSeconds else { return nil }
        return (parsed.local, offset)
    }

    static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard count > 0, start >= 0, start + count <= b.count else { return nil }
        var value = 0
        for byte in b[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
