import Foundation

/// An exact point on the UTC time line, kept as whole Unix seconds plus nanoseconds.
///
/// `Date` is a `Double` and rounds milliseconds in ways that show up in printed evidence;
/// an `Instant` never does. Convert to `Date` only at the edges.
public struct Instant: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public var unixSeconds: Int64
    /// Nanoseconds within that second, `0..<1_000_000_000`.
    public var nanoseconds: Int32

    public init(unixSeconds: Int64, nanoseconds: Int32 = 0) {
        precondition((0..<1_000_000_000).contains(nanoseconds), "nanoseconds out of range")
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
    }

    /// An instant from milliseconds since the Unix epoch, as chat exports and SMS backups store them.
    public init(unixMilliseconds: Int64) {
        let (seconds, remainder) = unixMilliseconds.quotientAndRemainder(dividingBy: 1000)
        if remainder < 0 {
            self.init(unixSeconds: seconds - 1, nanoseconds: Int32((remainder + 1000) * 1_000_000))
        } else {
            self.init(unixSeconds: seconds, nanoseconds: Int32(remainder * 1_000_000))
        }
    }

    /// The instant a `Date` stands for, rounded to the microsecond.
    public init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let (seconds, remainder) = Int64(micros).quotientAndRemainder(dividingBy: 1_000_000)
        if remainder < 0 {
            self.init(unixSeconds: seconds - 1, nanoseconds: Int32((remainder + 1_000_000) * 1000))
        } else {
            self.init(unixSeconds: seconds, nanoseconds: Int32(remainder * 1000))
        }
    }

    /// The same instant as a Foundation `Date` (sub-microsecond digits may round).
    public var date: Date {
        Date(timeIntervalSince1970: Double(unixSeconds) + Double(nanoseconds) / 1_000_000_000)
    }

    /// Whole milliseconds since the Unix epoch, rounded down.
    public var unixMilliseconds: Int64 { unixSeconds * 1000 + Int64(nanoseconds / 1_000_000) }

    /// The instant moved by a whole number of seconds.
    public func adding(seconds: Int64) -> Instant {
        Instant(unixSeconds: unixSeconds + seconds, nanoseconds: nanoseconds)
    }

    /// Seconds from `self` to `other` (positive when `other` is later).
    public func seconds(to other: Instant) -> Double {
        Double(other.unixSeconds - unixSeconds) + Double(other.nanoseconds - nanoseconds) / 1_000_000_000
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.unixSeconds, lhs.nanoseconds) < (rhs.unixSeconds, rhs.nanoseconds)
    }

    /// The current time of the system clock. Only edges (CLI, case actions) call this: parsers never do.
    public static func now() -> Instant { Instant(Date()) }
}
