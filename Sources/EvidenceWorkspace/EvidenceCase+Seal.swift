import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// What sealing produced.
public struct SealResult: Sendable {
    /// The zip holding the bag.
    public var bundle: URL
    /// The summary written beside the bundle: rendered as `summary.html` inside it is, with a notice at the top
    /// and the attested times of the tokens obtained while sealing (``HTMLSummary/Placement/besideBundle(attestedTimes:)``).
    public var summary: URL
    public var bundleSHA256: String
    public var itemCount: Int
    public var bagFolder: String
    public var fingerprint: KeyFingerprint
    /// Things the person sealing should know (a sealing time earlier than an acquisition).
    public var warnings: [String]
    /// The time-stamp tokens stored in the bundle (tag files), in the order the authorities were asked.
    public var timeStamps: [BundleTimeStamp] = []
}

extension EvidenceCase {
    /// Refuses a destination that would replace a file (an original, an earlier bundle) unless asked to,
    /// one in a folder that does not exist, and one inside the case itself.
    private func checkDestination(_ destination: URL, summary: URL, overwrite: Bool) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let parent = destination.deletingLastPathComponent()
        guard fileManager.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CaseError(.invalidOption, "The folder \(parent.path) does not exist; create it first or choose another --out.")
        }
        let casePath = folder.standardizedFileURL.path + "/"
        guard !destination.path.hasPrefix(casePath) else {
            throw CaseError(.invalidOption, "\(destination.path) is inside the case folder; write the bundle somewhere else.")
        }
        for url in [destination, summary] where fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard overwrite, !isDirectory.boolValue else {
                throw CaseError(.alreadyExists, "\(url.path) already exists; choose another --out, or pass --overwrite "
                                + "to replace an earlier bundle.")
            }
        }
    }

    /// Where `seal` writes when no destination is given: `<case id>-<sealing date>.zip` next to the case folder
    /// (never inside it), the date as read in the case's zone, e.g. `../case-2026-001-2026-03-10.zip`.
    public func defaultBundleURL(sealedAt: Instant) -> URL {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: sealedAt.date)
        let date = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        return folder.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("\(metadata.identifier)-\(date).zip")
    }

    /// True when `url` is the case folder or inside it, where a bundle is never written.
    public func contains(_ url: URL) -> Bool {
        let path = url.standardizedFileURL.path
        let casePath = folder.standardizedFileURL.path
        return path == casePath || path.hasPrefix(casePath + "/")
    }

    /// A snapshot of the case for sealing, its summary in `summaryLanguage` (default: the case's language).
    package func snapshot(summaryLanguage: String? = nil) throws -> CaseSnapshot {
        let folder = self.folder
        return CaseSnapshot(metadata: metadata, items: try items(), custodyJournal: try custodyJournal(),
                            withdrawals: try withdrawals(), parties: try parties(), summaryLanguage: summaryLanguage,
                            storedCopy: { EvidenceCase.storedCopy(in: folder, sha256: $0) },
                            readStoredCopy: { sha256, limit in
                                let path = EvidenceCase.storedCopy(in: folder, sha256: sha256).path
                                // Never more than the file holds: the reader sets aside `limit` bytes up front.
                                let size = try FileSystem.status(path).size
                                return try FileSystem.readPrefix(of: path, limit: Int(min(Int64(limit), size)))
                            },
                            emailBody: { bytes in
                                guard let message = try? MailMessage(parsing: bytes, name: "message.eml",
                                                                     timeZone: TimeZone(identifier: "UTC")!) else { return nil }
                                // `textBody` falls back to the HTML part; the summary must know it is HTML to show it as text.
                                return SummaryEmailBody(text: message.textBody == message.htmlBody ? nil : message.textBody,
                                                        html: message.htmlBody)
                            })
    }

    /// Seals the case into a zipped BagIt bag at `output` and writes the summary beside it.
    ///
    /// The bundle is a pure function of the case's content, `sealedAt` and the key. Afterwards the seal is
    /// journaled in the case with the bundle's SHA-256 (so a later seal of the same case will differ).
    ///
    /// - Throws: ``CaseError`` when the case's journal is broken, when a stored copy no longer matches its hash, or
    ///   when `language` is not one the summary is written in.
    /// - Parameters:
    ///   - language: The summary's language for this seal (`seal --lang`): `fr`, `nl`, `de` or `en`; `nil` for the
    ///     case's own (`init --lang`, else the one its time zone suggests).
    ///   - waiting: Called once when another `add` or `seal` is changing the case: this one waits for it.
    ///   - keyPassphrase: Asked for the signing key's passphrase, only when it has one (`init --passphrase`).
    ///   - timeStamping: Called with the signed manifest's exact bytes; returns the trusted time-stamp tokens to
    ///     store beside it (none when the authorities could not be reached: the bundle is sealed without them).
    ///   - advancing: Called from any thread as the bundle's files are written (for a progress line).
    public func seal(to output: URL, sealedAt: Instant, overwrite: Bool = false, language: String? = nil,
                     keyPassphrase: (() throws -> [UInt8])? = nil, waiting: (() -> Void)? = nil,
                     timeStamping: ((_ manifest: [UInt8]) -> [BundleTimeStamp])? = nil,
                     advancing: (@Sendable (WorkProgress) -> Void)? = nil) throws -> SealResult {
        if let language, !TakedownLanguage.codes.contains(language) {
            throw CaseError(.invalidOption, "--lang “\(language)” is not one of \(TakedownLanguage.codes.sorted().joined(separator: ", ")).")
        }
        return try changing(onWait: waiting) {
            try sealHoldingLock(to: output, sealedAt: sealedAt, overwrite: overwrite, language: language,
                                keyPassphrase: keyPassphrase, timeStamping: timeStamping, advancing: advancing)
        }
    }

    private func sealHoldingLock(to output: URL, sealedAt: Instant, overwrite: Bool, language: String?,
                                 keyPassphrase: (() throws -> [UInt8])?,
                                 timeStamping: ((_ manifest: [UInt8]) -> [BundleTimeStamp])?,
                                 advancing: (@Sendable (WorkProgress) -> Void)?) throws -> SealResult {
        let destination = output.standardizedFileURL
        let summaryURL = destination.deletingPathExtension().appendingPathExtension("summary.html")
        try checkDestination(destination, summary: summaryURL, overwrite: overwrite)
        // A zip cannot date entries before 1980; an earlier sealing time is a typing mistake, not a case.
        guard sealedAt >= Instant(unixSeconds: 315_532_800), sealedAt < Instant(unixSeconds: 4_102_444_800) else {
            throw CaseError(.invalidOption, "The sealing time \(RFC3339.format(sealedAt, offsetSeconds: 0)) is outside 1980–2099.")
        }
        let snapshot = try snapshot(summaryLanguage: language)
        var warnings: [String] = []
        // Sealing times are whole seconds (`--sealed-at`, `SOURCE_DATE_EPOCH`, now): a seal within the second of
        // the last `add` is not earlier than it.
        if let latest = snapshot.items.map(\.acquiredAt).max(), sealedAt < Instant(unixSeconds: latest.unixSeconds) {
            warnings.append("The sealing time \(RFC3339.format(sealedAt, offsetSeconds: 0)) is earlier than the acquisition "
                            + "of an item (\(RFC3339.format(latest, offsetSeconds: 0))); the bundle says so as it is.")
        }
        // A damaged record does not block the seal, nor is its item left out: it is sealed from its bytes and
        // its journal entry, and the warning is in the bundle (the item's warnings) and on the person's screen.
        warnings += try damagedRecords(items: snapshot.items).map { "\($0); sealed with a warning" }
        let problems = try integrityProblems(journal: snapshot.custodyJournal, items: snapshot.items)
        guard problems.isEmpty else {
            throw CaseError(.corrupted, "The case folder has been altered (\(problems.joined(separator: "; "))); refusing to seal.")
        }
        let key = try signingKey(passphrase: keyPassphrase)
        var bag = try BagBuilder.bag(for: snapshot, sealedAt: sealedAt, key: key)
        var timeStamps: [BundleTimeStamp] = []
        if let timeStamping, let manifest = bag.entries.first(where: { $0.path == BagLayout.manifest }),
           case .bytes(let manifestBytes) = manifest.content {
            timeStamps = timeStamping(manifestBytes)
            bag.entries = BagBuilder.adding(timeStamps, to: bag.entries)
        }
        let entries = bag.entries
        // A bundle that no verifier would read is no evidence: refuse it before writing a byte.
        let tooLarge = BundleLimits.problems(with: entries)
        guard tooLarge.isEmpty else {
            throw CaseError(.tooLarge, "Refusing to seal: \(tooLarge.joined(separator: "; ")), so `evidence verify` could not "
                            + "check it. Split the evidence into several cases (for example one per mailbox or per conversation).")
        }
        let meter = advancing.map {
            ProgressMeter(totalItems: entries.count, totalBytes: entries.reduce(0) { $0 + $1.size }, observer: $0)
        }
        let digest = try ZipBundleWriter.write(entries, bagFolder: metadata.identifier, modificationDate: sealedAt.date,
                                               to: destination, meter: meter)

        // The copy beside the zip says what only it can: that its images show inside the unzipped bundle, and the
        // times the authorities attested, which came after the summary inside was signed. Made once the zip is
        // written (the signed summary with another cover), not beside it: for a large case the two would add up.
        let beside = BagBuilder.summaryBesideBundle(for: snapshot, bag: bag,
                                                    attestedTimes: timeStamps.compactMap(\.attested))
        // A seal killed while writing it left a hidden partial copy; it was never the summary, so it goes.
        FileSystem.removePartials(of: summaryURL.path)
        try FileSystem.writeAtomically(beside, to: summaryURL.path)
        try journal("bundle-sealed", details: [
            "bundle": destination.lastPathComponent, "bundleSHA256": digest.hex,
            "sealedAt": RFC3339.format(sealedAt, offsetSeconds: 0), "items": String(snapshot.items.count),
            "signerFingerprint": key.publicKey.fingerprint.hex,
        ])
        return SealResult(bundle: destination, summary: summaryURL, bundleSHA256: digest.hex,
                          itemCount: snapshot.items.count, bagFolder: metadata.identifier,
                          fingerprint: key.publicKey.fingerprint, warnings: warnings, timeStamps: timeStamps)
    }
}

extension EvidenceCase {
    /// What will make `seal` refuse this case, estimated from the index without building the bundle: more files
    /// than a bundle may hold, a custody journal or a manifest larger than a verifier reads (``BundleLimits``).
    /// `add` says so as soon as the case crosses a limit (a whole mailbox added by mistake), rather than at the
    /// seal, when the evidence is needed. Empty while the case can be sealed.
    public func bundleLimitProblems(maximumEntries: Int = BundleLimits.maximumEntries,
                                    maximumJournalBytes: Int64 = BundleLimits.maximumJournalBytes,
                                    maximumManifestBytes: Int64 = BundleLimits.maximumManifestBytes) throws -> [String] {
        let totals = try index.totals()
        // The tag files (bagit.txt, bag-info.txt, the two checksum manifests, summary, manifest, signature, key,
        // journal, the two schemas) beside one payload file per item and per derived file.
        let entries = totals.items + totals.derivedFiles + 11
        var problems: [String] = []
        if entries > maximumEntries {
            problems.append("it holds \(totals.items) items, and a bundle may hold at most \(maximumEntries) files")
        }
        if totals.journalBytes > maximumJournalBytes {
            problems.append("its custody journal is \(totals.journalBytes) bytes, more than the \(maximumJournalBytes) "
                            + "a verifier reads")
        }
        // A manifest entry carries what the index record carries, plus the item's path in the bag.
        if totals.itemRecordBytes + Int64(totals.items) * 100 > maximumManifestBytes {
            problems.append("its manifest would be about \(totals.itemRecordBytes + Int64(totals.items) * 100) bytes, "
                            + "more than the \(maximumManifestBytes) a verifier reads")
        }
        return problems
    }
}

