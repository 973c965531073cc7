import EvidenceModel
import EvidenceCrypto
import Foundation

/// One file of a bag to be written: bytes made in memory (tag files) or a stored copy streamed from disk.
package struct BagEntry: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        /// A stored copy whose bytes must hash to `sha256`; the writer checks this as it streams.
        case file(URL, size: Int64, sha256: String)
    }

    /// Path inside the bag (`data/0001-x.png`, `bag-info.txt`).
    public var path: String
    public var content: Content

    public var size: Int64 {
        switch content {
        case .bytes(let bytes): Int64(bytes.count)
        case .file(_, let size, _): size
        }
    }
}

/// Everything a seal needs, read from the case beforehand, so that building the bag is a pure function.
package struct CaseSnapshot: Sendable {
    public var metadata: CaseMetadata
    public var items: [EvidenceItem]
    public var custodyJournal: [UInt8]
    /// Items withdrawn from the case (`evidence withdraw`), listed in the manifest and the summary.
    public var withdrawals: [EvidenceManifest.Withdrawal]
    /// The case's parties (`evidence party add`), listed in the manifest.
    public var parties: [CaseParty]
    /// Where each item's stored copy is, by SHA-256.
    public var storedCopy: @Sendable (String) -> URL
    /// The language of `summary.html` (`fr`, `nl`, `de`, `en`): `seal --lang`, else the case's own.
    public var summaryLanguage: String
    /// At most `limit` bytes from the start of a stored copy, by SHA-256: what the summary reads of the bag's files.
    public var readStoredCopy: @Sendable (_ sha256: String, _ limit: Int) throws -> [UInt8]
    /// The text of an e-mail's bytes, for the summary (the e-mail parser is the case's, not the format's).
    public var emailBody: @Sendable (_ message: [UInt8]) -> SummaryEmailBody?

    /// A value from all its parts; without `summaryLanguage`, the case's language (`init --lang`, else the one
    /// its time zone suggests); without `readStoredCopy` the summary shows no message or e-mail text, only a
    /// note that the files were not read.
    package init(metadata: CaseMetadata, items: [EvidenceItem], custodyJournal: [UInt8],
                 withdrawals: [EvidenceManifest.Withdrawal] = [], parties: [CaseParty] = [],
                 summaryLanguage: String? = nil, storedCopy: @escaping @Sendable (String) -> URL,
                 readStoredCopy: @escaping @Sendable (_ sha256: String, _ limit: Int) throws -> [UInt8] = { sha256, _ in
                     throw IOError(path: sha256, operation: "read", reason: "no stored copies were given")
                 },
                 emailBody: @escaping @Sendable (_ message: [UInt8]) -> SummaryEmailBody? = { _ in nil }) {
        self.metadata = metadata
        self.items = items
        self.custodyJournal = custodyJournal
        self.withdrawals = withdrawals
        self.summaryLanguage = summaryLanguage ?? TakedownLanguage.code(for: metadata)
        self.parties = parties
        self.storedCopy = storedCopy
        self.readStoredCopy = readStoredCopy
        self.emailBody = emailBody
    }
}

/// A bag's files, and what the copy of the summary beside the bundle is made from.
package struct BuiltBag: Sendable {
    /// The complete, sorted list of bag entries, manifest signed.
    package var entries: [BagEntry]
    /// The signed manifest as values (its bytes are an entry).
    package var manifest: EvidenceManifest
    /// `summary.html` (its bytes are an entry) and where its cover is.
    package var summary: HTMLSummary.Rendered
}

/// Builds the files of a bag from a case snapshot, the sealing time and the key: same inputs, same bytes.
package enum BagBuilder {
    /// The bag's files, manifest signed.
    public static func bag(for snapshot: CaseSnapshot, sealedAt: Instant, key: Ed25519PrivateKey) throws -> BuiltBag {
        let publicKey = key.publicKey
        let fingerprint = publicKey.fingerprint
        var payload: [BagEntry] = []
        var manifestItems: [EvidenceManifest.Item] = []
        for item in snapshot.items {
            let path = BagNaming.payloadPath(itemID: item.id, originalName: item.originalName, sensitive: item.sensitive)
            payload.append(BagEntry(path: path, content: .file(snapshot.storedCopy(item.sha256), size: item.size, sha256: item.sha256)))
            // Derived files sit apart from the originals, so nobody takes them for what the victim handed over; a
            // sensitive item's are text (normalised messages), no thumbnail shows them, so they stay there too.
            let derivedStem = BundleFormat.derivedFolder + BagNaming.numberedName(itemID: item.id, originalName: item.originalName)
            let derived = item.derived?.map { file in
                EvidenceManifest.Derived(role: file.role, path: derivedStem + file.suffix,
                                         size: file.size, sha256: file.sha256, mediaType: file.mediaType)
            }
            for file in derived ?? [] {
                payload.append(BagEntry(path: file.path, content: .file(snapshot.storedCopy(file.sha256), size: file.size, sha256: file.sha256)))
            }
            manifestItems.append(EvidenceManifest.Item(
                id: item.id, path: path, size: item.size, sha256: item.sha256, mediaType: item.mediaType,
                kind: item.kind, kindReason: item.kindReason, originalName: item.originalName,
                originalPath: item.originalPath, acquiredAt: item.acquiredAt, modifiedAt: item.modifiedAt,
                timestamps: item.timestamps, best: item.best, warnings: item.warnings, sensitive: item.sensitive,
                note: item.note, parentID: item.parentID, conversation: item.conversation, email: item.email,
                linkedMessages: item.linkedMessages, derived: derived, pdq: item.pdq, pdqQuality: item.pdqQuality,
                md5: item.md5, minorAtTime: item.minorAtTime == true ? true : nil, sourceURL: item.sourceURL,
                platform: item.platform, account: item.account, description: item.description))
        }

        var payloadManifest = ""
        for entry in payload.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            guard case .file(_, _, let sha256) = entry.content else { continue }
            payloadManifest += ChecksumManifest.line(sha256: sha256, path: entry.path)
        }
        let payloadBytes = payload.reduce(Int64(0)) { $0 + $1.size }
        let bagInfo = BagInfo(sealing: snapshot.metadata, sealedAt: sealedAt, payloadBytes: payloadBytes,
                              payloadCount: payload.count, fingerprint: fingerprint).text

        // Everything but `files` first: the summary is rendered from it, and its own hash goes into `files`.
        var manifest = EvidenceManifest(
            format: EvidenceManifest.formatName,
            tool: .init(name: "EvidenceKit", version: EvidenceKitVersion.current),
            case: .init(identifier: snapshot.metadata.identifier, title: snapshot.metadata.title,
                        timeZone: snapshot.metadata.timeZone, createdAt: snapshot.metadata.createdAt),
            sealedAt: RFC3339.format(sealedAt, offsetSeconds: 0),
            signer: .init(algorithm: "Ed25519", fingerprint: fingerprint.hex, publicKey: BagLayout.publicKey),
            items: manifestItems, files: [])
        manifest.withdrawals = snapshot.withdrawals.isEmpty ? nil : snapshot.withdrawals
        manifest.parties = snapshot.parties.isEmpty ? nil : snapshot.parties
        manifest.language = snapshot.summaryLanguage
        manifest.helpLines = snapshot.metadata.helpLines.flatMap { $0.isEmpty ? nil : $0 }
        // The one place the summary is rendered; its language is `manifest.language` (the snapshot's
        // `summaryLanguage`), so rendering the signed manifest again gives the same summary.
        // Kept as bytes only: for a case of 100,000 items the rendered text is tens of MB.
        let summaryLanguage = SummaryLanguage(caseLanguage: snapshot.summaryLanguage)
        let renderedSummary = HTMLSummary(manifest: manifest, language: summaryLanguage,
                                          payload: summaryFiles(snapshot, payload: payload),
                                          helpLines: manifest.helpLines).renderedBytes()
        let summary = renderedSummary.bytes

        var tagEntries: [BagEntry] = [
            BagEntry(path: BagLayout.bagitFile, content: .bytes(Array(BagLayout.bagitDeclaration.utf8))),
            BagEntry(path: BagLayout.bagInfoFile, content: .bytes(Array(bagInfo.utf8))),
            BagEntry(path: BagLayout.payloadManifest, content: .bytes(Array(payloadManifest.utf8))),
            BagEntry(path: BagLayout.custody, content: .bytes(snapshot.custodyJournal)),
            BagEntry(path: BagLayout.publicKey, content: .bytes(Array(publicKey.pemRepresentation.utf8))),
            BagEntry(path: BagLayout.summary, content: .bytes(summary)),
        ] + BundleSchemas.tagFiles.map { BagEntry(path: $0.path, content: .bytes($0.bytes)) }
        // Each tag file is hashed once, for the manifest and the tag manifest alike (the summary and the journal of a
        // large case are tens of MB).
        var tagFileHashes: [String: String] = [:]
        manifest.files = tagEntries.map { entry -> EvidenceManifest.File in
            guard case .bytes(let bytes) = entry.content else { preconditionFailure("tag entries are in memory") }
            let sha256 = SHA256.hash(bytes).hex
            tagFileHashes[entry.path] = sha256
            return EvidenceManifest.File(path: entry.path, size: Int64(bytes.count), sha256: sha256)
        }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }

        let manifestBytes = manifest.encoded()
        let signature = try key.signature(for: manifestBytes)
        tagEntries.append(BagEntry(path: BagLayout.manifest, content: .bytes(manifestBytes)))
        tagEntries.append(BagEntry(path: BagLayout.signature, content: .bytes(signature)))

        var tagManifest = ""
        for entry in tagEntries.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            guard case .bytes(let bytes) = entry.content else { continue }
            let sha256 = tagFileHashes[entry.path] ?? SHA256.hash(bytes).hex
            tagManifest += ChecksumManifest.line(sha256: sha256, path: entry.path)
        }
        tagEntries.append(BagEntry(path: BagLayout.tagManifest, content: .bytes(Array(tagManifest.utf8))))

        return BuiltBag(entries: (payload + tagEntries).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) },
                        manifest: manifest, summary: renderedSummary)
    }

    /// The copy of the summary written beside the zip: the signed `summary.html` with the cover of the copy beside
    /// it, which says what only this copy can (its images show inside the unzipped bundle; the times the
    /// authorities attested after the manifest was signed). The same bytes as rendering the signed manifest again
    /// for that placement, without rendering the rest again.
    package static func summaryBesideBundle(for snapshot: CaseSnapshot, bag: BuiltBag,
                                            attestedTimes: [HTMLSummary.AttestedTime]) -> [UInt8] {
        let manifest = bag.manifest
        let summary = HTMLSummary(manifest: manifest, language: SummaryLanguage(caseLanguage: manifest.language),
                                  payload: summaryFiles(snapshot, payload: bag.entries), helpLines: manifest.helpLines,
                                  placement: .besideBundle(attestedTimes: attestedTimes))
        return summary.rendering(bag.summary)
    }

    /// What the summary may read of the bag: the stored copies behind the payload entries, and the custody journal.
    private static func summaryFiles(_ snapshot: CaseSnapshot, payload: [BagEntry]) -> SummaryBagFiles {
        var storedCopies: [String: String] = [:]
        for entry in payload {
            if case .file(_, _, let sha256) = entry.content { storedCopies[entry.path] = sha256 }
        }
        let journal = snapshot.custodyJournal
        let read = snapshot.readStoredCopy
        return SummaryBagFiles(read: { [storedCopies] path, limit in
            if path == BagLayout.custody { return Array(journal.prefix(limit)) }
            guard let sha256 = storedCopies[path] else {
                throw IOError(path: path, operation: "read", reason: "not a file of this bag")
            }
            return try read(sha256, limit)
        }, emailBody: snapshot.emailBody)
    }
}
