import Foundation

/// A zone's offset from UTC, asked of the zone database once per day: `secondsFromGMT(for:)` costs microseconds,
/// and a chat of a million messages would ask it a million times. A day within two days of an offset change is not
/// answered from the cache: its caller asks the zone itself about the exact instant, so the answer is always the
/// zone's.
package struct ZoneDayOffsets {
    package let zone: TimeZone
    private var cache: [Int64: Int] = [:]
    private static let nearChange = Int.min

    package init(zone: TimeZone) {
        self.zone = zone
    }

    /// The zone's offset throughout day `day` (days since 1970-01-01, counted in UTC or in local time alike: the two
    /// differ by less than a day, and the two-day margin covers it), or `nil` when an offset change is near.
    package mutating func stableOffset(day: Int64) -> Int? {
        let offset: Int
        if let cached = cache[day] {
            offset = cached
        } else {
            offset = Self.offsetFarFromChange(day: day, zone: zone)
            if cache.count > 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[day] = offset
        }
        return offset == Self.nearChange ? nil : offset
    }

    private static func offsetFarFromChange(day: Int64, zone: TimeZone) -> Int {
        let windowStart = Date(timeIntervalSince1970: Double((day - 2) * 86_400))
        let windowEnd = Date(timeIntervalSince1970: Double((day + 3) * 86_400))
        let offset = zone.secondsFromGMT(for: windowStart)
        if let next = zone.nextDaylightSavingTimeTransition(after: windowStart), next < windowEnd { return nearChange }
        if zone.secondsFromGMT(for: windowEnd) != offset { return nearChange }
        return offset
    }
}
