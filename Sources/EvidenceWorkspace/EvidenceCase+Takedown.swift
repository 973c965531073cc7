import EvidenceCrypto
import EvidenceFormat
import EvidenceModel
import EvidenceSystem
import Foundation

/// What `takedown` wrote.
public struct TakedownResult: Sendable {
    /// The packet's folder.
    public var folder: URL
    /// The files in it, by name.
    public var files: [String]
    /// The items in it, as they are in the case.
    public var items: [EvidenceItem]
    /// SHA-256 of `packet.json`, as journaled.
    public var packetSHA256: String
    /// The items that go to child protection rather than StopNCII.
    public var minorAtTime: [Int64]
}

extension EvidenceCase {
    /// Writes a hash-only takedown packet for some items (``TakedownPacket``: `hashes.csv`, `README.txt`, signed
    /// `packet.json`), with no image byte in it, and journals what was shared, when and with whom.
    ///
    /// The folder is written under a temporary name beside `output`, every file flushed, then renamed into place:
    /// a packet that is there is complete. Hashes that older items lack are computed first (and journaled).
    ///
    /// - Parameters:
    ///   - itemIDs: The items to include, in that order.
    ///   - output: The folder to create; it must not exist.
    ///   - recipient: Who the packet is for (a platform, a hotline), journaled and written in the packet.
    ///   - keyPassphrase: Asked for the signing key's passphrase, only when it has one (`init --passphrase`).
    ///   - now: The time written in the packet and journaled.
    /// - Throws: ``CaseError`` when an item is unknown, no item is given or `output` exists; ``IOError`` when
    ///   writing fails (nothing is left behind).
    public func prepareTakedown(itemIDs: [Int64], to output: URL, recipient: String? = nil,
                                keyPassphrase: (() throws -> [UInt8])? = nil, now: Instant = .now()) throws -> TakedownResult {
        guard !itemIDs.isEmpty else { throw CaseError(.invalidOption, "Name the items to include (--items 4,12).") }
        guard !FileManager.default.fileExists(atPath: output.path) else {
            throw CaseError(.alreadyExists, "\(output.path) already exists; choose a new folder for the packet.")
        }
        try addMissingContentHashes(now: now)
        return try changing(onWait: nil) {
            let all = try index.items()
            let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let entries = try itemIDs.map { id in
                guard let item = byID[id] else { throw CaseError(.notFound, "The case has no item #\(id).") }
                let platform = item.parentID.flatMap { byID[$0]?.conversation?.platform.rawValue }
                return TakedownPacket.Entry(item: item, platform: platform)
            }
            let packet = try TakedownPacket(entries: entries, metadata: metadata, preparedAt: now, recipient: recipient,
                                            key: try signingKey(passphrase: keyPassphrase))
            try AtomicFolder.write(packet.files, to: output) { existing in
                CaseError(.alreadyExists, "\(existing.path) already exists; choose a new folder for the packet.")
            }
            let packetSHA256 = SHA256.hash(packet.files.first { $0.name == "packet.json" }!.bytes).hex
            var details = ["items": itemIDs.map(String.init).joined(separator: ","), "folder": output.path,
                           "packetSHA256": packetSHA256]
            details["recipient"] = recipient
            _ = try index.database.write { db in
                try index.appendCustody(action: "takedown-prepared", actor: actor, at: now, details: details, in: db)
            }
            return TakedownResult(folder: output, files: packet.files.map(\.name), items: entries.map(\.item),
                                  packetSHA256: packetSHA256,
                                  minorAtTime: entries.filter { $0.route == .childProtection }.map(\.item.id))
        }
    }
}
