import EvidenceModel
import Foundation

/// Mail header dates (``RFC5322DateTime``) as evidence timestamps.
enum MailDate {
    /// A header date as an evidence timestamp: `embedded` when the offset is written, `assumed` otherwise.
    static func timestamp(_ text: String, field: String, role: TimestampRole, zone: TimeZone) -> EvidenceTimestamp? {
        guard let p = RFC5322DateTime.parse(text) else { return nil }
        let precision: TimePrecision = p.hasSeconds ? .second : .minute
        if let offset = p.offsetSeconds {
            return .embedded(p.local, offsetSeconds: offset, source: .emailHeader, field: field, role: role,
                             precision: precision)
        }
        var t = EvidenceTimestamp.assumed(p.local, in: zone, source: .emailHeader, field: field, role: role,
                                           precision: precision)
        t.warnings.append("The \(field) header has no UTC offset; \(zone.identifier) was assumed.")
        return t
    }
}
