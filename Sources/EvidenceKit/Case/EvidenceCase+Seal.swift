import EvidenceCrypto
import Foundation

/// What sealing produced.
public struct SealResult: Sendable {
    /// The zip holding the bag.
    public var bundle: URL
    /// The summary written beside the bundle (the same bytes as `summary.html` inside it).
    public var summary: URL
    public var bundleSHA256: String
    public var itemCount: Int
    public var bagFolder: String
    public var fingerprint: KeyFingerprint
}

extension EvidenceCase {
    /// A snapshot of the case for sealing.
    public func snapshot() throws -> CaseSnapshot {
        let folder = self.folder
        return CaseSnapshot(metadata: metadata, items: try items(), custodyJournal: try custodyJournal(),
                            storedCopy: { EvidenceCase.storedCopy(in: folder, sha256: $0) })
    }

    /// Seals the case into a zipped BagIt bag at `output` and writes the summary beside it.
    ///
    /// The bundle is a pure function of the case's content, `sealedAt` and the key. Afterwards the seal is
    /// journaled in the case with the bundle's SHA-256 (so a later seal of the same case will differ).
    ///
    /// - Throws: ``CaseError`` when the case's journal is broken, or when a stored copy no longer matches its hash.
    public func seal(to output: URL, sealedAt: Instant) throws -> SealResult {
        let snapshot = try snapshot()
        let journalProblems = CustodyJournal.problems(inJournal: snapshot.custodyJournal)
        guard journalProblems.isEmpty else {
            throw CaseError(.corrupted, "The case's custody journal is broken (\(journalProblems.map(\.description).joined(separator: "; "))); refusing to seal.")
        }
        let key = try signingKey()
        let entries = try BagBuilder.entries(for: snapshot, sealedAt: sealedAt, key: key)
        let destination = output.standardizedFileURL
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ZipBundleWriter.write(entries, bagFolder: metadata.identifier, modificationDate: sealedAt.date, to: destination)

        let summaryURL = destination.deletingPathExtension().appendingPathExtension("summary.html")
        if let summary = entries.first(where: { $0.path == BagLayout.summary }), case .bytes(let bytes) = summary.content {
            try FileSystem.writeAtomically(bytes, to: summaryURL.path)
        }
        let (digest, _) = try SHA256.hash(fileAt: destination.path)
        try journal("bundle-sealed", details: [
            "bundle": destination.lastPathComponent, "bundleSHA256": digest.hex,
            "sealedAt": RFC3339.format(sealedAt, offsetSeconds: 0), "items": String(snapshot.items.count),
            "signerFingerprint": key.publicKey.fingerprint.hex,
        ])
        return SealResult(bundle: destination, summary: summaryURL, bundleSHA256: digest.hex,
                          itemCount: snapshot.items.count, bagFolder: metadata.identifier,
                          fingerprint: key.publicKey.fingerprint)
    }
}
