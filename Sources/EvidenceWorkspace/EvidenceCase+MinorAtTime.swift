import EvidenceModel
import Foundation
import GRDB

extension EvidenceCase {
    /// Marks items as showing a person who was a minor when they were made, and journals it. A takedown packet for
    /// such items points to child protection instead of StopNCII. Used by `add --minor-at-time` on content already
    /// in the case, and meant for `annotate`.
    ///
    /// - Parameters:
    ///   - itemIDs: The items to mark; marking one already marked changes nothing and journals nothing.
    ///   - now: The time journaled.
    /// - Returns: The items as they are now.
    /// - Throws: ``CaseError`` with `.notFound` for an unknown item, or a database error.
    @discardableResult
    public func markMinorAtTime(itemIDs: [Int64], now: Instant = .now()) throws -> [EvidenceItem] {
        try changing(onWait: nil) {
            try index.database.write { db in
                let items = try index.items(in: db)
                return try itemIDs.map { id in
                    guard var item = items.first(where: { $0.id == id }) else {
                        throw CaseError(.notFound, "The case has no item #\(id).")
                    }
                    guard item.minorAtTime != true else { return item }
                    item.minorAtTime = true
                    try index.update(item, in: db)
                    try index.appendCustody(action: "item-annotated", actor: actor, at: now,
                                            details: annotationDetails(of: item), in: db)
                    return item
                }
            }
        }
    }

    /// What an `item-annotated` journal entry records: the item's flags and note as they now are (`minorAtTime`
    /// only when set, so entries of cases that never use it read as they always did).
    func annotationDetails(of item: EvidenceItem) -> [String: String] {
        var details = ["item": String(item.id), "sensitive": String(item.sensitive), "note": item.note ?? ""]
        if item.minorAtTime == true { details["minorAtTime"] = "true" }
        return details
    }
}
