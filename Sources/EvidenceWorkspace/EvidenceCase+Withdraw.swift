import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import Foundation
import GRDB

extension EvidenceCase {
    /// Takes an item out of the case: it leaves every later bundle, its number is never reused, and the custody
    /// journal keeps the withdrawal (`item-withdrawn`: number, hash, size, who, when, why). The item-added entry
    /// stays, so the journal still shows it was once in the case.
    ///
    /// For example, a private photo added by mistake:
    /// ```swift
    /// try evidenceCase.withdraw(itemID: 7, reason: "private photo added by mistake", purging: true)
    /// ```
    ///
    /// - Parameters:
    ///   - itemID: The item to withdraw. An item that carries others (a chat export and its photos) can only be
    ///     withdrawn once they are.
    ///   - reason: Why, in the person's words; required.
    ///   - purging: Also delete the stored copy (and files derived from it), leaving only the hash.
    ///   - now: The time journaled.
    /// - Returns: The withdrawal as the manifest of the next bundle lists it.
    /// - Throws: ``CaseError`` with `.notFound` for an unknown item, `.invalidOption` for an empty reason or an item
    ///   that still carries others, or a database error.
    @discardableResult
    public func withdraw(itemID: Int64, reason: String, purging: Bool = false,
                         now: Instant = .now()) throws -> EvidenceManifest.Withdrawal {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CaseError(.invalidOption, "Say why the item is withdrawn (--reason); the custody journal keeps it.")
        }
        return try changing(onWait: nil) {
            let (withdrawal, purgeable) = try index.database.write { db in
                let items = try index.items(in: db)
                guard let item = items.first(where: { $0.id == itemID }) else {
                    throw CaseError(.notFound, "The case has no item #\(itemID).")
                }
                let carried = items.filter { $0.parentID == itemID }.map { "#\($0.id)" }
                guard carried.isEmpty else {
                    throw CaseError(.invalidOption, "Item #\(itemID) carries items \(carried.joined(separator: ", ")); "
                                    + "withdraw those first.")
                }
                try index.withdraw(item, in: db)
                let entry = try index.appendCustody(
                    action: "item-withdrawn", actor: actor, at: now,
                    details: ["item": String(item.id), "sha256": item.sha256, "size": String(item.size),
                              "reason": reason, "purged": String(purging)], in: db)
                // A stored copy still named by another item (a derived file shared by two exports) is kept.
                let stillUsed = Set(items.filter { $0.id != itemID }.flatMap { [$0.sha256] + ($0.derived ?? []).map(\.sha256) })
                let purgeable = ([item.sha256] + (item.derived ?? []).map(\.sha256)).filter { !stillUsed.contains($0) }
                let withdrawal = EvidenceManifest.Withdrawal(item: item.id, sha256: item.sha256, size: item.size,
                                                             withdrawnAt: entry.at, actor: entry.actor, reason: reason,
                                                             purged: purging)
                return (withdrawal, purgeable)
            }
            // Deleted after the withdrawal is committed: a crash in between leaves a copy nobody lists, never a
            // listed item without its copy.
            if purging {
                for sha256 in purgeable {
                    let path = storedCopyPath(sha256: sha256)
                    FileSystem.removeFile(path)
                    try FileSystem.fsyncDirectory(String(path.dropLast(sha256.count + 1)))
                }
            }
            return withdrawal
        }
    }

    /// Every item withdrawn from the case, in the order they were withdrawn, read from the custody journal.
    public func withdrawals() throws -> [EvidenceManifest.Withdrawal] {
        try index.withdrawalEntries().compactMap(EvidenceCase.withdrawal(from:))
    }

    private static func withdrawal(from entry: CustodyJournal.Entry) -> EvidenceManifest.Withdrawal? {
        guard let item = entry.details["item"].flatMap({ Int64($0) }), let sha256 = entry.details["sha256"],
              let size = entry.details["size"].flatMap({ Int64($0) }) else { return nil }
        return EvidenceManifest.Withdrawal(item: item, sha256: sha256, size: size, withdrawnAt: entry.at, actor: entry.actor,
                                           reason: entry.details["reason"] ?? "", purged: entry.details["purged"] == "true")
    }
}
