import Foundation

/// A wall-clock reading (a calendar date and a time of day) with no offset attached.
///
/// This is what EXIF `DateTimeOriginal`, a screenshot's file name or a WhatsApp line give us.
/// It becomes an ``Instant`` only once an offset is known (``instant(atOffsetSeconds:)``)
/// or a zone is assumed (``resolve(in:)``), and the timestamp records which of the two happened.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    /// A validated wall-clock reading, or `nil` when any field is out of range
    /// (month 13, 31 April, 29 February in a common year, hour 24, `0000:00:00` …).
    ///
    /// A leap second (`:60`) is refused too: no source we read writes one legitimately,
    /// and accepting it would shift the time by a second without saying so.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDateTime.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0..<1_000_000_000).contains(nanosecond)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The wall-clock reading of `instant` at a fixed UTC offset.
    public init(_ instant: Instant, offsetSeconds: Int) {
        let local = instant.unixSeconds + Int64(offsetSeconds)
        let (days, secondsOfDay) = LocalDateTime.floorDivide(local, 86_400)
        let (y, m, d) = LocalDateTime.civil(fromDays: days)
        self.year = y
        self.month = m
        self.day = d
        self.hour = Int(secondsOfDay / 3600)
        self.minute = Int(secondsOfDay % 3600 / 60)
        self.second = Int(secondsOfDay % 60)
        self.nanosecond = Int(instant.nanoseconds)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant this reading names when the clock showing it ran at `offsetSeconds` from UTC.
    public func instant(atOffsetSeconds offsetSeconds: Int) -> Instant {
        let days = LocalDateTime.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Instant(unixSeconds: seconds, nanoseconds: Int32(nanosecond))
    }

    /// Resolves the reading in an IANA zone, the way RFC 5545 and java.time do:
    /// a reading that occurs twice (clocks going back) takes its first occurrence;
    /// a reading that does not exist (clocks going forward) moves forward by the gap.
    /// Both cases are reported in the result so that callers can warn.
    public func resolve(in zone: TimeZone) -> ZoneResolution {
        let asIfUTC = instant(atOffsetSeconds: 0)
        let before = zone.secondsFromGMT(for: asIfUTC.adding(seconds: -86_400).date)
        let after = zone.secondsFromGMT(for: asIfUTC.adding(seconds: 86_400).date)
        var valid: [(Instant, Int)] = []
        for offset in Set([before, after]).sorted(by: >) {
            let candidate = instant(atOffsetSeconds: offset)
            if zone.secondsFromGMT(for: candidate.date) == offset { valid.append((candidate, offset)) }
        }
        if valid.isEmpty {
            // Not in `before` or `after`: the reading falls in a gap. Using the offset in force
            // before the change lands the same distance past the change, i.e. moved forward by the gap.
            let moved = instant(atOffsetSeconds: before)
            let offset = zone.secondsFromGMT(for: moved.date)
            return ZoneResolution(instant: moved, offsetSeconds: offset, kind: .skipped(gapSeconds: offset - before))
        }
        let earliest = valid.min { $0.0 < $1.0 }!
        if valid.count > 1 {
            let other = valid.first { $0.1 != earliest.1 }!
            return ZoneResolution(instant: earliest.0, offsetSeconds: earliest.1,
                                  kind: .repeated(otherOffsetSeconds: other.1))
        }
        return ZoneResolution(instant: earliest.0, offsetSeconds: earliest.1, kind: .unique)
    }

    public var description: String {
        String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
            || ((lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
                == (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second) && lhs.nanosecond < rhs.nanosecond)
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar, no Foundation.
    package static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}

/// How a ``LocalDateTime`` was placed on the time line in a zone.
public struct ZoneResolution: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The reading occurs exactly once in the zone.
        case unique
        /// The reading occurs twice (clocks went back); the first occurrence was taken.
        case repeated(otherOffsetSeconds: Int)
        /// The reading never occurs (clocks went forward); it was moved forward by the gap.
        case skipped(gapSeconds: Int)
    }

    public var instant: Instant
    public var offsetSeconds: Int
    public var kind: Kind
}
