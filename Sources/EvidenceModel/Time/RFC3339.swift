import Foundation

/// RFC 3339 date-times with an explicit offset, written and read without Foundation's formatters
/// (which depend on the host's locale and calendar settings).
public enum RFC3339 {
    /// Formats an instant as seen at a fixed offset, showing as many fraction digits as `precision` has.
    ///
    /// For example: `2023-12-25T14:03:22+01:00`, `2023-12-25T13:03:22.123Z`.
    public static func format(_ instant: Instant, offsetSeconds: Int, precision: TimePrecision = .second) -> String {
        let local = LocalDateTime(instant, offsetSeconds: offsetSeconds)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", local.year, local.month, local.day,
                          local.hour, local.minute, local.second)
        switch precision {
        case .millisecond: text += String(format: ".%03d", local.nanosecond / 1_000_000)
        case .microsecond: text += String(format: ".%06d", local.nanosecond / 1000)
        case .nanosecond: text += String(format: ".%09d", local.nanosecond)
        default: break
        }
        return text + offsetText(offsetSeconds)
    }

    /// `Z` for UTC, otherwise `±HH:MM` (seconds in an offset are dropped, as RFC 3339 cannot say them).
    public static func offsetText(_ offsetSeconds: Int) -> String {
        if offsetSeconds == 0 { return "Z" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return String(format: "%@%02d:%02d", sign, magnitude / 3600, magnitude % 3600 / 60)
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
