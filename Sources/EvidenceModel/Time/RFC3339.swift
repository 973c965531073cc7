import Foundation

/// RFC 3339 date-times with an explicit offset, written and read without Foundation's formatters
/// (which depend on the host's locale and calendar settings); reading goes through `ISO8601DateTime`,
/// the one grammar shared with the metadata readers.
public enum RFC3339 {
    /// Formats an instant as seen at a fixed offset, showing as many fraction digits as `precision` has.
    ///
    /// For example: `2023-12-25T14:03:22+01:00`, `2023-12-25T13:03:22.123Z`.
    public static func format(_ instant: Instant, offsetSeconds: Int, precision: TimePrecision = .second) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(35)
        append(instant, offsetSeconds: offsetSeconds, precision: precision, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends what ``format(_:offsetSeconds:precision:)`` gives, as UTF-8, without building a `String`
    /// (a million-message export writes one per message).
    package static func append(_ instant: Instant, offsetSeconds: Int, precision: TimePrecision = .second,
                               to out: inout [UInt8]) {
        let local = LocalDateTime(instant, offsetSeconds: offsetSeconds)
        func two(_ v: Int) {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: v / 10 % 10))
            out.append(0x30 &+ UInt8(truncatingIfNeeded: v % 10))
        }
        two(local.year / 100)
        two(local.year % 100)
        out.append(UInt8(ascii: "-"))
        two(local.month)
        out.append(UInt8(ascii: "-"))
        two(local.day)
        out.append(UInt8(ascii: "T"))
        two(local.hour)
        out.append(UInt8(ascii: ":"))
        two(local.minute)
        out.append(UInt8(ascii: ":"))
        two(local.second)
        let digits: Int
        switch precision {
        case .millisecond: digits = 3
        case .microsecond: digits = 6
        case .nanosecond: digits = 9
        default: digits = 0
        }
        if digits > 0 {
            out.append(UInt8(ascii: "."))
            var divisor = 100_000_000
            for _ in 0..<digits {
                out.append(0x30 &+ UInt8(truncatingIfNeeded: local.nanosecond / divisor % 10))
                divisor /= 10
            }
        }
        appendOffset(offsetSeconds, to: &out)
    }

    private static func appendOffset(_ offsetSeconds: Int, to out: inout [UInt8]) {
        if offsetSeconds == 0 {
            out.append(UInt8(ascii: "Z"))
            return
        }
        let magnitude = abs(offsetSeconds)
        let hours = magnitude / 3600, minutes = magnitude % 3600 / 60
        out.append(offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        if hours >= 100 {
            // Only a hostile header writes such an offset; it is shown whole, never cut to two digits.
            out.append(contentsOf: String(hours).utf8)
        } else {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: hours / 10))
            out.append(0x30 &+ UInt8(truncatingIfNeeded: hours % 10))
        }
        out.append(UInt8(ascii: ":"))
        out.append(0x30 &+ UInt8(truncatingIfNeeded: minutes / 10))
        out.append(0x30 &+ UInt8(truncatingIfNeeded: minutes % 10))
    }

    /// `Z` for UTC, otherwise `±HH:MM` (seconds in an offset are dropped, as RFC 3339 cannot say them).
    public static func offsetText(_ offsetSeconds: Int) -> String {
        var bytes: [UInt8] = []
        appendOffset(offsetSeconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A parsed RFC 3339 date-time: its instant, the offset it was written in, and the precision it showed.
    public struct Parsed: Hashable, Sendable {
        public var instant: Instant
        public var offsetSeconds: Int
        public var precision: TimePrecision
        public var local: LocalDateTime
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`/space separators and `z` are accepted.
    /// Returns `nil` for anything else, including impossible dates.
    public static func parse(_ text: String) -> Parsed? {
        guard let parsed = ISO8601DateTime(text, profile: .rfc3339), let offset = parsed.offsetSeconds else {
            return nil
        }
        return Parsed(instant: parsed.local.instant(atOffsetSeconds: offset), offsetSeconds: offset,
                      precision: parsed.precision, local: parsed.local)
    }

    /// Parses a wall-clock reading with an optional offset: `2023-12-25T14:00`, `2023-12-25 14:00:05`,
    /// `2023-12-25T14:00+01:00`, `2023-12-25` (a whole day). Used for times a person types.
    public static func parseLenient(_ text: String) -> (local: LocalDateTime, precision: TimePrecision, offsetSeconds: Int?)? {
        ISO8601DateTime(text, profile: .typed).map { ($0.local, $0.precision, $0.offsetSeconds) }
    }
}
