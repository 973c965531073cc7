import EvidenceModel
import Foundation
import GRDB

extension EvidenceCase {
    /// Computes the hashes that items added before PDQ lack (PDQ for still images, MD5 for videos) and journals
    /// each as `item-rehashed`. `add` does it first whenever it opens a case made before (and `takedown` and
    /// `match`, which need the hashes); `seal` does not: re-sealing a case must give the same bytes until the
    /// manifest's format version changes.
    ///
    /// - Parameter now: The time journaled.
    /// - Returns: The items that changed, as they are now.
    /// - Throws: ``IOError`` when a stored copy cannot be read, or a database error.
    @discardableResult
    public func addMissingContentHashes(now: Instant = .now()) throws -> [EvidenceItem] {
        try changing(onWait: nil) { try fillInMissingContentHashes(now: now) }
    }

    /// ``addMissingContentHashes(now:)`` for a caller that already holds the case's lock. Only records that
    /// could lack a hash (an image without `"pdq"`, a video without `"md5"`) are decoded, so a case with none
    /// costs one query.
    func fillInMissingContentHashes(now: Instant) throws -> [EvidenceItem] {
        var changed: [EvidenceItem] = []
        for var item in try index.itemsPossiblyLackingContentHashes() where item.lacksContentHashes {
            try item.addContentHashes(storedCopy: storedCopyPath(sha256: item.sha256))
            var details = ["item": String(item.id)]
            details["pdq"] = item.pdq
            details["pdqQuality"] = item.pdqQuality.map(String.init)
            details["md5"] = item.md5
            try index.database.write { db in
                try index.update(item, in: db)
                try index.appendCustody(action: "item-rehashed", actor: actor, at: now, details: details, in: db)
            }
            changed.append(item)
        }
        return changed
    }

    /// The case's near-duplicate groups (PDQ within ``PDQHash/matchThreshold`` bits), in the order of their first item.
    public func nearDuplicateGroups() throws -> [NearDuplicateGroup] {
        NearDuplicateGroup.groups(of: try items().compactMap { item in
            guard let hex = item.pdq, let hash = PDQHash(hex: hex), let quality = item.pdqQuality else { return nil }
            return (item.id, hash, quality)
        })
    }
}
