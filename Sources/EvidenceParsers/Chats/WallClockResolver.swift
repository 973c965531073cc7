import EvidenceModel
import Foundation

/// Places wall-clock readings in a zone quickly: `EvidenceTimestamp.assumed` asks the zone database several
/// times per call, which is too slow for a million lines. Days far from any offset change resolve from a
/// per-day cache to exactly what `assumed` would give; days near a change go through `assumed` itself.
struct WallClockResolver {
    let zone: TimeZone
    let zoneName: String
    let field: String
    private var dayOffsets: [Int64: Int] = [:]
    private static let nearChange = Int.min

    init(zone: TimeZone, field: String) {
        self.zone = zone
        self.zoneName = zone.identifier
        self.field = field
    }

    mutating func timestamp(_ local: LocalDateTime, precision: TimePrecision) -> EvidenceTimestamp {
        let day = LocalDateTime.days(fromCivil: local.year, local.month, local.day)
        let offset: Int
        if let cached = dayOffsets[day] {
            offset = cached
        } else {
            offset = Self.stableOffset(day: day, zone: zone)
            if dayOffsets.count > 100_000 { dayOffsets.removeAll(keepingCapacity: true) }
            dayOffsets[day] = offset
        }
        if offset == Self.nearChange {
            return .assumed(local, in: zone, source: .chat, field: field, role: .message, precision: precision)
        }
        return EvidenceTimestamp(source: .chat, field: field, role: .message, instant: local.instant(atOffsetSeconds: offset),
                                 offsetSeconds: offset, zone: .assumed, zoneName: zoneName, precision: precision)
    }

    /// The zone's offset throughout local day `day` when no change happens within two days of it; otherwise `nearChange`.
    private static func stableOffset(day: Int64, zone: TimeZone) -> Int {
        let windowStart = Date(timeIntervalSince1970: Double((day - 2) * 86_400))
        let windowEnd = Date(timeIntervalSince1970: Double((day + 3) * 86_400))
        let offset = zone.secondsFromGMT(for: windowStart)
        if let next = zone.nextDaylightSavingTimeTransition(after: windowStart), next < windowEnd {
            return nearChange
        }
        if zone.secondsFromGMT(for: windowEnd) != offset { return nearChange }
        return offset
    }
}
