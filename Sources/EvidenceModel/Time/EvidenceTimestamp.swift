import Foundation

/// Where a time came from. The raw values are the manifest's vocabulary and never change.
public enum TimestampSource: String, Codable, Sendable, CaseIterable {
    case exif
    case xmp
    case pngTime = "png-time"
    case quicktime
    /// IPTC-IIM in a JPEG's Photoshop resources (`DateCreated`/`TimeCreated`, `DigitalCreationDate`/`Time`).
    case iptc
    /// An ID3v2 tag of an MP3 (`TDRC`, the recording time).
    case id3
    case filename
    case filesystem
    case chat
    case emailHeader = "email-header"
    case acquired
    case declared
    case tsa
}

/// Where the UTC offset of a time came from.
public enum ZoneBasis: String, Codable, Sendable {
    /// The source wrote the offset itself (EXIF `OffsetTimeOriginal`, an RFC 5322 `Date`, an XMP value with `+01:00`).
    case embedded
    /// The source gave a wall-clock reading only; the case's IANA zone was applied.
    case assumed
    /// The source is defined to be UTC (PNG `tIME`, QuickTime `mvhd`, GPS, Unix epoch values).
    case utc
}

/// How finely a source states a time. A date-only source is never shown as a time of day.
public enum TimePrecision: String, Codable, Sendable, Comparable, CaseIterable {
    case day, hour, minute, second, millisecond, microsecond, nanosecond

    public static func < (lhs: TimePrecision, rhs: TimePrecision) -> Bool {
        lhs.fineness < rhs.fineness
    }

    /// The position of the precision in `allCases`, coarsest first: ranking an item's times compares precisions
    /// many times per file, and looking each up in `allCases` built that array every time.
    package var fineness: Int {
        switch self {
        case .day: 0
        case .hour: 1
        case .minute: 2
        case .second: 3
        case .millisecond: 4
        case .microsecond: 5
        case .nanosecond: 6
        }
    }
}

/// One trace of time found on (or declared for) a piece of evidence, with its provenance.
///
/// For example, an iPhone photo yields `exif / DateTimeOriginal / 2023-12-25T14:03:22+01:00 / embedded`,
/// an Android screenshot without metadata `filename / Screenshot_yyyyMMdd-HHmmss / … / assumed`.
public struct EvidenceTimestamp: Hashable, Sendable {
    public var source: TimestampSource
    /// The field or pattern inside the source: `DateTimeOriginal`, `tIME`, `mvhd.creation_time`, `Date` …
    public var field: String
    /// What moment this time stands for; decides trust (see ``TimestampRole``). Not encoded: read back from
    /// `source` and `field`.
    public var role: TimestampRole
    public var instant: Instant
    /// The UTC offset the time was observed in (or assumed in), in seconds.
    public var offsetSeconds: Int
    public var zone: ZoneBasis
    /// The IANA zone applied when `zone` is `assumed` (e.g. `Europe/Brussels`).
    public var zoneName: String?
    public var precision: TimePrecision
    /// Anything odd about this one reading: a DST gap or repeat, an out-of-range value clamped …
    public var warnings: [String]

    /// A timestamp from all its parts.
    public init(source: TimestampSource, field: String, role: TimestampRole, instant: Instant, offsetSeconds: Int,
                zone: ZoneBasis, zoneName: String? = nil, precision: TimePrecision, warnings: [String] = []) {
        self.source = source
        self.field = field
        self.role = role
        self.instant = instant
        self.offsetSeconds = offsetSeconds
        self.zone = zone
        self.zoneName = zoneName
        self.precision = precision
        self.warnings = warnings
    }

    /// A time the source defines as UTC.
    public static func utc(_ instant: Instant, source: TimestampSource, field: String, role: TimestampRole,
                           precision: TimePrecision = .second) -> EvidenceTimestamp {
        EvidenceTimestamp(source: source, field: field, role: role, instant: instant, offsetSeconds: 0, zone: .utc,
                          precision: precision)
    }

    /// A wall-clock reading whose offset the source wrote beside it.
    public static func embedded(_ local: LocalDateTime, offsetSeconds: Int, source: TimestampSource, field: String,
                                role: TimestampRole, precision: TimePrecision = .second) -> EvidenceTimestamp {
        EvidenceTimestamp(source: source, field: field, role: role, instant: local.instant(atOffsetSeconds: offsetSeconds),
                          offsetSeconds: offsetSeconds, zone: .embedded, precision: precision)
    }

    /// A wall-clock reading with no offset, placed in the case's zone; DST gaps and repeats become warnings.
    public static func assumed(_ local: LocalDateTime, in zone: TimeZone, source: TimestampSource, field: String,
                               role: TimestampRole, precision: TimePrecision = .second) -> EvidenceTimestamp {
        let resolution = local.resolve(in: zone)
        var warnings: [String] = []
        // Formatted only when needed: this runs once per chat line, millions of times for a large export.
        var shown: String { String(format: "%02d:%02d", local.hour, local.minute) }
        var day: String { String(format: "%04d-%02d-%02d", local.year, local.month, local.day) }
        switch resolution.kind {
        case .unique:
            break
        case .repeated(let other):
            warnings.append(
                "\(shown) occurred twice on \(day) in \(zone.identifier) (clocks went back); the first occurrence "
                    + "(\(RFC3339.offsetText(resolution.offsetSeconds))) was used, the other would be "
                    + "\(RFC3339.offsetText(other)).")
        case .skipped(let gap):
            let moved = LocalDateTime(resolution.instant, offsetSeconds: resolution.offsetSeconds)
            warnings.append(
                "\(shown) did not exist on \(day) in \(zone.identifier) (clocks went forward by \(gap / 60) minutes); "
                    + "read as \(String(format: "%02d:%02d", moved.hour, moved.minute))"
                    + "\(RFC3339.offsetText(resolution.offsetSeconds)).")
        }
        return EvidenceTimestamp(source: source, field: field, role: role, instant: resolution.instant,
                                 offsetSeconds: resolution.offsetSeconds, zone: .assumed,
                                 zoneName: zone.identifier, precision: precision, warnings: warnings)
    }

    /// A time a person states for an item (`--declared-time`), source `declared`: `2026-03-03T21:40` is placed in
    /// `zone` (marked `assumed`), `2026-03-03T21:40+01:00` keeps its offset (`embedded`), `2026-03-03` is a whole day.
    ///
    /// - Returns: `nil` when `text` is not such a date and time.
    public static func declared(_ text: String, field: String, zone: TimeZone) -> EvidenceTimestamp? {
        guard let parsed = RFC3339.parseLenient(text) else { return nil }
        if let offset = parsed.offsetSeconds {
            return .embedded(parsed.local, offsetSeconds: offset, source: .declared, field: field, role: .capture,
                             precision: parsed.precision)
        }
        return .assumed(parsed.local, in: zone, source: .declared, field: field, role: .capture,
                        precision: parsed.precision)
    }

    /// RFC 3339 text of the time as observed, e.g. `2023-12-25T14:03:22+01:00`; a day-precision time shows
    /// midnight of that day.
    public var value: String { RFC3339.format(instant, offsetSeconds: offsetSeconds, precision: precision) }

    /// The observed wall-clock reading.
    public var local: LocalDateTime { LocalDateTime(instant, offsetSeconds: offsetSeconds) }

    /// Wall-clock seconds since 1970 that RFC 3339 can write with four year digits: 0001-01-01 to 9999-12-31.
    private static let writableLocalSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// True when ``value`` can be written and read back: the wall-clock reading falls in the years 0001–9999 and
    /// the offset is less than a day. A time that fails this is dropped with a warning where it is read, never
    /// stored: one such time would make the record that holds it unreadable.
    public var isWritable: Bool {
        guard abs(offsetSeconds) < 86_400 else { return false }
        let (local, overflow) = instant.unixSeconds.addingReportingOverflow(Int64(offsetSeconds))
        return !overflow && Self.writableLocalSeconds.contains(local)
    }

    /// The same instant as the first or last time of a conversation or mailbox: the role is set, and the field
    /// text (`first message`, `last message`) is written from it.
    package func asConversationBound(_ role: TimestampRole) -> EvidenceTimestamp {
        var bound = self
        bound.role = role
        bound.field = role.conversationFieldName ?? field
        return bound
    }
}

extension EvidenceTimestamp: Codable {
    private enum CodingKeys: String, CodingKey {
        case source, field, value, zone, zoneName, precision, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(field, forKey: .field)
        try container.encode(value, forKey: .value)
        try container.encode(zone, forKey: .zone)
        try container.encodeIfPresent(zoneName, forKey: .zoneName)
        try container.encode(precision, forKey: .precision)
        if !warnings.isEmpty { try container.encode(warnings, forKey: .warnings) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .value)
        guard let parsed = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container,
                                                   debugDescription: "not an RFC 3339 date-time: \(text)")
        }
        let source = try container.decode(TimestampSource.self, forKey: .source)
        let field = try container.decode(String.self, forKey: .field)
        self.init(source: source, field: field, role: TimestampRole(readingBack: source, field: field),
                  instant: parsed.instant, offsetSeconds: parsed.offsetSeconds,
                  zone: try container.decode(ZoneBasis.self, forKey: .zone),
                  zoneName: try container.decodeIfPresent(String.self, forKey: .zoneName),
                  precision: try container.decode(TimePrecision.self, forKey: .precision),
                  warnings: try container.decodeIfPresent([String].self, forKey: .warnings) ?? [])
    }
}
