import Foundation

/// RFC 3339 date-times with an explicit offset, written and read without Foundation's formatters
/// (which depend on the host's locale and calendar settings).
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
        guard let (local, precision, rest) = parseLocal(Substring(text), requireSeconds: true),
              let offset = parseOffset(rest)
        else { return nil }
        return Parsed(instant: local.instant(atOffsetSeconds: offset), offsetSeconds: offset,
                      precision: precision, local: local)
    }

    /// Parses a wall-clock reading with an optional offset: `2023-12-25T14:00`, `2023-12-25 14:00:05`,
    /// `2023-12-25T14:00+01:00`, `2023-12-25` (a whole day). Used for times a person types.
    public static func parseLenient(_ text: String) -> (local: LocalDateTime, precision: TimePrecision, offsetSeconds: Int?)? {
        let trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
        if trimmed.count == 10, let date = parseDate(trimmed) {
            return (date, .day, nil)
        }
        guard let (local, precision, rest) = parseLocal(trimmed, requireSeconds: false) else { return nil }
        if rest.isEmpty { return (local, precision, nil) }
        guard let offset = parseOffset(rest) else { return nil }
        return (local, precision, offset)
    }

    private static func parseDate(_ text: Substring) -> LocalDateTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2)
        else { return nil }
        return LocalDateTime(year: y, month: m, day: d)
    }

    private static func parseLocal(_ text: Substring, requireSeconds: Bool)
        -> (LocalDateTime, TimePrecision, Substring)?
    {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, let date = parseDate(Substring(decoding: bytes[0..<10], as: UTF8.self)),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
              let hour = digits(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(bytes, 14, 2)
        else { return nil }
        var index = 16
        var second = 0
        var nanos = 0
        var precision = TimePrecision.minute
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let s = digits(bytes, index + 1, 2) else { return nil }
            second = s
            precision = .second
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                let count = index - start
                guard (1...9).contains(count) else { return nil }
                var value = digits(bytes, start, count)!
                for _ in count..<9 { value *= 10 }
                nanos = value
                precision = count <= 3 ? .millisecond : count <= 6 ? .microsecond : .nanosecond
            }
        } else if requireSeconds {
            return nil
        }
        guard let local = LocalDateTime(year: date.year, month: date.month, day: date.day,
                                        hour: hour, minute: minute, second: second, nanosecond: nanos)
        else { return nil }
        return (local, precision, Substring(decoding: bytes[index...], as: UTF8.self))
    }

    private static func parseOffset(_ text: Substring) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
              let h = digits(bytes, 1, 2), bytes[3] == UInt8(ascii: ":"), let m = digits(bytes, 4, 2),
              h <= 23, m <= 59
        else { return nil }
        let seconds = h * 3600 + m * 60
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
