import EvidenceModel
import Foundation
import GRDB

extension EvidenceCase {
    /// Marks items as showing a person who was a minor when they were made, and journals it. A takedown packet for
    /// such items points to child protection instead of StopNCII. The same as
    /// `annotate --minor-at-time` (``annotate(itemIDs:with:now:)``).
    ///
    /// - Parameters:
    ///   - itemIDs: The items to mark; marking one already marked changes nothing and journals nothing.
    ///   - now: The time journaled.
    /// - Returns: The items as they are now.
    /// - Throws: ``CaseError`` with `.notFound` for an unknown item, or a database error.
    @discardableResult
    public func markMinorAtTime(itemIDs: [Int64], now: Instant = .now()) throws -> [EvidenceItem] {
        try annotate(itemIDs: itemIDs, with: ItemAnnotation(minorAtTime: true), now: now).map(\.item)
    }

    /// What an `item-annotated` journal entry records: the item's flags and note as they now are (`minorAtTime`
    /// only when set, so entries of cases that never use it read as they always did).
    func annotationDetails(of item: EvidenceItem) -> [String: String] {
        var details = ["item": String(item.id), "sensitive": String(item.sensitive), "note": item.note ?? ""]
        if item.minorAtTime == true { details["minorAtTime"] = "true" }
        return details
    }
}
