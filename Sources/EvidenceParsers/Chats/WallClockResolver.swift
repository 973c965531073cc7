import EvidenceModel
import Foundation

/// Places wall-clock readings in a zone quickly: `EvidenceTimestamp.assumed` asks the zone database several
/// times per call, which is too slow for a million lines. Days far from any offset change resolve from a
/// per-day cache to exactly what `assumed` would give; days near a change go through `assumed` itself.
struct WallClockResolver {
    let zone: TimeZone
    let zoneName: String
    let field: String
    private var offsets: ZoneDayOffsets
    private var lastDay = Int64.min
    private var lastOffset: Int?

    init(zone: TimeZone, field: String) {
        self.zone = zone
        self.offsets = ZoneDayOffsets(zone: zone)
        self.zoneName = zone.identifier
        self.field = field
    }

    mutating func timestamp(_ local: LocalDateTime, precision: TimePrecision) -> EvidenceTimestamp {
        let day = LocalDateTime.days(fromCivil: local.year, local.month, local.day)
        // Messages come in runs on the same day: the last day's answer spares a lookup in the cache.
        if day != lastDay {
            lastDay = day
            lastOffset = offsets.stableOffset(day: day)
        }
        guard let offset = lastOffset else {
            return .assumed(local, in: zone, source: .chat, field: field, role: .message, precision: precision)
        }
        return EvidenceTimestamp(source: .chat, field: field, role: .message, instant: local.instant(atOffsetSeconds: offset),
                                 offsetSeconds: offset, zone: .assumed, zoneName: zoneName, precision: precision)
    }
}
