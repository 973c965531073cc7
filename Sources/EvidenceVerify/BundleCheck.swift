import EvidenceModel
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// One verification run, in named stages (as bagit-python's `_validate_*` steps): each adds its findings and
/// none stops the others.
struct BundleCheck {
    let source: any BagSource
    let limits: BundleVerifier.Limits
    let trustedKey: Ed25519PublicKey?
    let trustedTimeStampAuthorities: TimeStampTrustAnchors?
    var report: VerificationReport
    let present: [String: BagSourceFile]
    /// Tag files read whole, kept so they are not read a second time for hashing.
    var tagBytes: [String: [UInt8]] = [:]
    /// Tag files that could not be read (already reported): not read again.
    var unreadableTags: Set<String> = []
    /// Entries compressed with a method we cannot read: the bundle is unusable as given, not altered.
    var unsupported: Set<String> = []
    /// Paths already reported missing, so the final pass does not say it twice.
    var reportedMissing: Set<String> = []
    /// Files whose reading failed (already reported), so a later stage does not say it again.
    var unreadable: Set<String> = []
    /// What every file should hash to, kept after the run so a ``VerifiedBundle`` can check what it reads again.
    var expected = Expectations()
    /// Told of every file hashed and every chunk read (a progress line), when someone is watching.
    var advancing: (@Sendable (WorkProgress) -> Void)?
    /// The summary's and the journal's checks, made as they were hashed; set only when the file was read whole.
    var summaryCheck: SummaryFingerprintCheck?
    var journalCheck: JournalCheck?
    /// Hashes the payload from the moment `manifest-sha256.txt` lists it, while the signed manifest is read.
    let hashPass: HashPass

    /// Tag files an EvidenceKit bundle always has: without them nothing ties the bag to its signer.
    static let requiredByEvidenceKit: Set<String> = [
        BagLayout.bagInfoFile, BagLayout.tagManifest, BagLayout.manifest, BagLayout.signature, BagLayout.publicKey,
        BagLayout.custody,
    ]
    /// Files the signed manifest cannot list: itself, its signature, and the BagIt tag manifest that hashes them.
    static let outsideTheSignedManifest: Set<String> = [BagLayout.manifest, BagLayout.signature, BagLayout.tagManifest]
    /// More malformed lines than this in one manifest are summed up in one finding.
    static let maximumLineFindings = 100

    /// The tag files that say what the bag should hold.
    struct Declarations {
        var bagInfo: BagInfo?
        var payloadManifest: [String: String]?
        var tagManifest: [String: String]?
        var manifestBytes: [UInt8]?
        var signature: [UInt8]?
        var publicKeyBytes: [UInt8]?
    }

    /// What every file should hash to, by path, from each source that lists it.
    struct Expectations {
        var digests: [String: [(source: String, sha256: String)]] = [:]
        var declaredSizes: [String: Int64] = [:]
    }

    init(source: any BagSource, limits: BundleVerifier.Limits, trustedKey: Ed25519PublicKey?,
         trustedTimeStampAuthorities: TimeStampTrustAnchors? = nil, report: VerificationReport) {
        self.source = source
        self.limits = limits
        self.trustedKey = trustedKey
        self.trustedTimeStampAuthorities = trustedTimeStampAuthorities
        self.report = report
        self.hashPass = HashPass(source: source)
        self.present = Dictionary(source.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func find(_ category: VerificationFinding.Category, _ path: String?, _ message: String) {
        report.findings.append(VerificationFinding(category, path: path, message))
    }

    mutating func run() {
        report.bagFolder = source.bagFolder
        report.findings.append(contentsOf: source.containerFindings)
        validateBagDeclaration()
        let declarations = readDeclarations()
        let publicKey = validateSignature(declarations)
        validateSigner(publicKey, bagInfo: declarations.bagInfo)
        let manifest = readSignedManifest(declarations.manifestBytes, publicKey: publicKey)
        let expectations = expectations(declarations, manifest: manifest)
        expected = expectations
        validateOnlySignedFiles(manifest)
        validateLayout(manifest)
        validateTimeStamps(declarations.manifestBytes)
        validateSealingTime(manifest)
        let payload = validateDigests(expectations, publicKey: publicKey)
        validatePayloadOxum(declarations.bagInfo, payload: payload)
        validateSummary(publicKey)
        validateJournal()
    }

    /// `bagit.txt` declares BagIt 1.0 with UTF-8 tag files.
    mutating func validateBagDeclaration() {
        guard let declaration = readTag(BagLayout.bagitFile, limit: limits.tagFile) else { return }
        let text = String(decoding: declaration, as: UTF8.self)
        if !text.contains("BagIt-Version: 1.0") || !text.contains("Tag-File-Character-Encoding: UTF-8") {
            find(.manifestInvalid, BagLayout.bagitFile, "does not declare BagIt-Version 1.0 with UTF-8 tag files")
        }
    }

    mutating func readDeclarations() -> Declarations {
        let bagInfo = readTag(BagLayout.bagInfoFile, limit: limits.tagFile).map { BagInfo(parsing: $0) }
        let payloadManifest = readManifest(BagLayout.payloadManifest)
        hashPass.start(early: earlyPayloadJobs(listedIn: payloadManifest))
        return Declarations(
            bagInfo: bagInfo,
            payloadManifest: payloadManifest,
            tagManifest: readManifest(BagLayout.tagManifest),
            manifestBytes: readTag(BagLayout.manifest, limit: limits.manifest),
            signature: readTag(BagLayout.signature, limit: limits.signature),
            publicKeyBytes: readTag(BagLayout.publicKey, limit: limits.publicKey))
    }

    /// The payload files `manifest-sha256.txt` lists that can be hashed before the signed manifest gives their sizes:
    /// each read at most to the size its container gives it, and only those read as stored, so that nothing is
    /// inflated (``HashPass`` keeps a result only where the final limit would have given the same).
    func earlyPayloadJobs(listedIn payloadManifest: [String: String]?) -> [HashJob] {
        guard let payloadManifest else { return [] }
        return source.files.filter { file in
            file.path.hasPrefix("data/") && payloadManifest[file.path] != nil && source.isReadAsStored(file.path)
        }.map { HashJob(path: $0.path, limit: $0.declaredSize) }
    }

    /// The signature over the manifest's exact bytes; returns the bundled key when it is readable.
    mutating func validateSignature(_ declarations: Declarations) -> Ed25519PublicKey? {
        var publicKey: Ed25519PublicKey?
        if let publicKeyBytes = declarations.publicKeyBytes {
            do {
                publicKey = try Ed25519PublicKey(pemRepresentation: String(decoding: publicKeyBytes, as: UTF8.self))
            } catch {
                find(.badSignature, BagLayout.publicKey, "not a readable Ed25519 public key, so the signature cannot be checked")
            }
        }
        if let publicKey, let manifestBytes = declarations.manifestBytes, let signature = declarations.signature {
            report.signerFingerprint = publicKey.fingerprint.hex
            if publicKey.isValidSignature(signature, for: manifestBytes) {
                report.signatureValid = true
            } else {
                find(.badSignature, BagLayout.signature, "the signature does not match evidence/manifest.json and the bundled key")
            }
        } else if !report.findings.contains(where: { $0.category == .badSignature }) {
            // Without manifest, signature and key nothing proves the bundle is unchanged since sealing,
            // whatever the BagIt manifests (which anyone can recompute) say.
            find(.badSignature, BagLayout.signature, "the bundle carries no checkable signature (manifest, signature or key "
                 + "missing or unreadable): nothing proves it is unchanged since sealing")
        }
        return publicKey
    }

    /// The bundled key against the trusted one and against what `bag-info.txt` names.
    mutating func validateSigner(_ publicKey: Ed25519PublicKey?, bagInfo: BagInfo?) {
        if let trustedKey {
            let trusted = publicKey == trustedKey
            report.signerTrusted = trusted
            if !trusted {
                find(.untrustedKey, BagLayout.publicKey,
                     "signed by key \(publicKey?.fingerprint.grouped ?? "(unreadable)"), not by the trusted key \(trustedKey.fingerprint.grouped)")
            }
        }
        if let publicKey, let declared = bagInfo?.values["Signer-Key-Fingerprint"].flatMap(KeyFingerprint.init(hex:)),
           declared != publicKey.fingerprint {
            find(.untrustedKey, BagLayout.bagInfoFile, "bag-info.txt names signer \(declared.grouped) but the bundled key is \(publicKey.fingerprint.grouped)")
        }
    }

    /// Reads the tables verification needs from the manifest, never the whole model: a manifest of 100,000 items
    /// is about 130 MB, and decoding it whole would cost six times that.
    mutating func readSignedManifest(_ bytes: [UInt8]?, publicKey: Ed25519PublicKey?) -> ManifestListing? {
        guard let bytes else { return nil }
        var listingLimits = ManifestListing.Limits()
        listingLimits.maximumFiles = FolderBagSource.maximumEntries
        do {
            let listing = try ManifestListing(parsing: bytes, limits: listingLimits)
            if BundleFormat(rawValue: listing.format) == nil {
                find(.manifestInvalid, BagLayout.manifest, "format “\(listing.format)” is not one this verifier reads ("
                     + BundleFormat.allCases.map(\.rawValue).joined(separator: ", ") + "): a newer EvidenceKit may read it")
            }
            if let publicKey, listing.signerFingerprint != publicKey.fingerprint.hex {
                find(.untrustedKey, BagLayout.manifest, "the manifest names signer \(listing.signerFingerprint) but the bundled key differs")
            }
            report.caseTitle = listing.caseTitle
            report.caseIdentifier = listing.caseIdentifier
            report.sealedAt = listing.sealedAt
            report.itemCount = listing.items.count
            return listing
        } catch {
            find(.manifestInvalid, BagLayout.manifest, "cannot be read as an EvidenceKit manifest (\(error))")
            return nil
        }
    }

    mutating func expectations(_ declarations: Declarations, manifest: ManifestListing?) -> Expectations {
        var expected = Expectations()
        func expect(_ path: String, _ source: String, _ sha256: String, size: Int64? = nil) {
            expected.digests[path, default: []].append((source, sha256))
            if let size { expected.declaredSizes[path] = size }
        }
        for (path, sha256) in declarations.payloadManifest ?? [:] { expect(path, BagLayout.payloadManifest, sha256) }
        for (path, sha256) in declarations.tagManifest ?? [:] { expect(path, BagLayout.tagManifest, sha256) }
        if let manifest {
            for item in manifest.items {
                expect(item.file.path, BagLayout.manifest, item.file.sha256, size: item.file.size)
                if declarations.payloadManifest?[item.file.path] == nil, declarations.payloadManifest != nil {
                    find(.manifestInvalid, item.file.path, "item \(item.id) is in manifest.json but not in manifest-sha256.txt")
                }
                for file in item.derived { expect(file.path, BagLayout.manifest, file.sha256, size: file.size) }
            }
            for file in manifest.files { expect(file.path, BagLayout.manifest, file.sha256, size: file.size) }
        }
        for path in (declarations.payloadManifest ?? [:]).keys where !path.hasPrefix("data/") {
            find(.manifestInvalid, path, "manifest-sha256.txt lists a file outside data/")
        }
        return expected
    }

    /// Every file is listed in the signed manifest, or is the manifest, its signature or the tag manifest:
    /// a file that only the unsigned BagIt manifests list was not sealed.
    mutating func validateOnlySignedFiles(_ manifest: ManifestListing?) {
        guard let manifest else { return }
        var signed = Set(manifest.files.map(\.path))
        for item in manifest.items {
            signed.insert(item.file.path)
            for file in item.derived { signed.insert(file.path) }
        }
        // Time-stamp tokens are made after signing, so they cannot be in the signed manifest: they are checked
        // by `validateTimeStamps` and hashed against the tag manifest instead.
        for file in source.files.sorted(by: { $0.path < $1.path })
        where !signed.contains(file.path) && !Self.outsideTheSignedManifest.contains(file.path)
            && !BundleTimeStamps.isTokenPath(file.path) {
            find(.unexpected, file.path, "in the bundle but not in the signed manifest (added after sealing?)")
        }
    }

    /// Every file is where its format version puts it (``BundleFormat``): a `/2` bag keeps sensitive items, and only
    /// them, under `data/sensitive/`, and lists its schemas in the signed manifest; a `/1` bag keeps its old paths.
    mutating func validateLayout(_ manifest: ManifestListing?) {
        guard let manifest, let format = BundleFormat(rawValue: manifest.format) else { return }
        for item in manifest.items {
            if let problem = format.problem(withItemPath: item.file.path, sensitive: item.sensitive) {
                find(.manifestInvalid, item.file.path, "item \(item.id): \(problem)")
            }
            for file in item.derived {
                if let problem = format.problem(withDerivedPath: file.path) { find(.manifestInvalid, file.path, problem) }
            }
        }
        let listed = Set(manifest.files.map(\.path))
        for path in format.requiredSignedFiles where !listed.contains(path) {
            find(.manifestInvalid, path, "every \(format.rawValue) bundle lists this file in its signed manifest, and this one does not")
        }
    }

    /// Hashes every file once (tag files from the bytes already read, the rest as they stream, two at a time)
    /// and compares with every source that lists it; returns the payload's size and file count. The summary and
    /// the journal are checked in the same pass (``validateSummary(_:)``, ``validateJournal()``).
    mutating func validateDigests(_ expected: Expectations, publicKey: Ed25519PublicKey?) -> (bytes: Int64, count: Int) {
        var jobs: [HashJob] = []
        let summaryCheck = publicKey.map { SummaryFingerprintCheck(looking: $0.fingerprint.hex) }
        let journalCheck = JournalCheck()
        for file in source.files where expected.digests[file.path] != nil && tagBytes[file.path] == nil
            && !unreadableTags.contains(file.path) {
            guard !file.path.hasPrefix("data/") else {
                jobs.append(HashJob(path: file.path, limit: expected.declaredSizes[file.path] ?? 0))
                continue
            }
            // A tag file is never read past the verifier's cap, whatever a signed manifest declares for it.
            let cap = Self.tagLimit(for: file.path, limits)
            if file.declaredSize > cap {
                find(.modified, file.path, "\(file.declaredSize) bytes, more than the \(cap) a verifier reads of this file; not read")
                unreadable.insert(file.path)
                continue
            }
            let inspection: (any ContentInspection)? = switch file.path {
            case BagLayout.summary: summaryCheck
            case BagLayout.custody: journalCheck
            default: nil
            }
            let job = HashJob(path: file.path, limit: min(expected.declaredSizes[file.path] ?? cap, cap), inspection: inspection)
            // Checked as well as hashed: started first, so that the other thread hashes the payload meanwhile.
            if inspection == nil { jobs.append(job) } else { jobs.insert(job, at: 0) }
        }
        let meter = advancing.map { observer in
            ProgressMeter(totalItems: jobs.count, totalBytes: jobs.reduce(0) { $0 + (present[$1.path]?.declaredSize ?? 0) },
                          observer: observer)
        }
        var digests = hashPass.finish(jobs, meter: meter)
        for (path, bytes) in tagBytes { digests[path] = .success((SHA256.hash(bytes).hex, Int64(bytes.count))) }
        if case .success = digests[BagLayout.summary], jobs.contains(where: { $0.path == BagLayout.summary }) {
            self.summaryCheck = summaryCheck
        }
        if case .success = digests[BagLayout.custody], jobs.contains(where: { $0.path == BagLayout.custody }) {
            self.journalCheck = journalCheck
        }

        let alreadyUnexpected = Set(report.findings.filter { $0.category == .unexpected }.compactMap(\.path))
        var payloadBytes: Int64 = 0
        var payloadCount = 0
        for file in source.files.sorted(by: { $0.path < $1.path }) {
            let sources = expected.digests[file.path] ?? []
            if sources.isEmpty && file.path != BagLayout.tagManifest {
                if !alreadyUnexpected.contains(file.path) {
                    find(.unexpected, file.path, "in the bundle but listed in no manifest (added after sealing?)")
                }
                continue
            }
            if file.path.hasPrefix("data/") {
                payloadCount += 1
            }
            guard !sources.isEmpty, let result = digests[file.path] else { continue }
            switch result {
            case .success(let (digest, size)):
                report.filesChecked += 1
                report.bytesChecked += size
                if file.path.hasPrefix("data/") { payloadBytes += size }
                let disagreeing = sources.filter { $0.sha256.lowercased() != digest }.map(\.source)
                if !disagreeing.isEmpty {
                    find(.modified, file.path, "SHA-256 is \(digest), not what \(Set(disagreeing).sorted().joined(separator: " and ")) records")
                }
            case .failure(let error):
                reportReadFailure(error, path: file.path)
            }
        }
        for path in expected.digests.keys.sorted() where present[path] == nil && !reportedMissing.contains(path) {
            let listedBy = Set(expected.digests[path]!.map(\.source)).sorted().joined(separator: " and ")
            find(.missing, path, "listed in \(listedBy) but not in the bundle")
        }
        return (payloadBytes, payloadCount)
    }

    mutating func validatePayloadOxum(_ bagInfo: BagInfo?, payload: (bytes: Int64, count: Int)) {
        if let oxum = bagInfo?.values["Payload-Oxum"] {
            let parts = oxum.split(separator: ".")
            if parts.count != 2 || Int64(parts[0]) == nil || Int(parts[1]) == nil {
                find(.manifestInvalid, BagLayout.bagInfoFile, "Payload-Oxum “\(oxum)” is not octets.count")
            } else if Int64(parts[0]) != payload.bytes || Int(parts[1]) != payload.count {
                find(.modified, BagLayout.bagInfoFile, "Payload-Oxum says \(oxum) but the payload holds \(payload.bytes) bytes in \(payload.count) files")
            }
        } else if bagInfo != nil {
            find(.manifestInvalid, BagLayout.bagInfoFile, "no Payload-Oxum")
        }
    }

    /// `summary.html` is what a lawyer prints and reads: it must show the fingerprint of the key that signed the
    /// manifest, or a bundle re-signed with another key would still show the original signer to a reader.
    mutating func validateSummary(_ publicKey: Ed25519PublicKey?) {
        guard let publicKey, present[BagLayout.summary] != nil, !unreadable.contains(BagLayout.summary) else { return }
        let check: SummaryFingerprintCheck
        if let summaryCheck {
            check = summaryCheck
        } else {
            // Listed in no manifest, so not hashed: read for this check alone.
            check = SummaryFingerprintCheck(looking: publicKey.fingerprint.hex)
            do {
                try source.stream(BagLayout.summary, limit: Self.tagLimit(for: BagLayout.summary, limits)) { check.inspect($0) }
            } catch {
                return // larger than any summary, or unreadable: the file is reported as unexpected already
            }
        }
        if !check.found {
            find(.untrustedKey, BagLayout.summary, "does not show the fingerprint \(publicKey.fingerprint.grouped) of the key "
                + "that signed the manifest: a reader of the summary would be told of another signer (re-signed with another key?)")
        }
    }

    /// The custody journal's chain, checked one line at a time as it was hashed (or read for this check alone,
    /// when no manifest lists it).
    mutating func validateJournal() {
        guard present[BagLayout.custody] != nil else {
            reportAbsent(BagLayout.custody)
            return
        }
        guard !unreadable.contains(BagLayout.custody) else { return }
        let check: JournalCheck
        if let journalCheck {
            check = journalCheck
        } else {
            check = JournalCheck()
            let limit = limits.journal
            do {
                try source.stream(BagLayout.custody, limit: limit) { check.inspect($0) }
            } catch is EntryTooLarge {
                find(.modified, BagLayout.custody, "larger than \(limit) bytes; not read")
                return
            } catch {
                reportReadFailure(error, path: BagLayout.custody)
                return
            }
        }
        for problem in check.problems {
            find(.journalBroken, BagLayout.custody, problem)
        }
    }

    mutating func reportReadFailure(_ error: any Error, path: String) {
        unreadable.insert(path)
        switch error {
        case let error as UnsupportedCompression:
            unsupported.insert(error.path)
        case let error as EntryTooLarge:
            find(.modified, path, "larger than the \(error.limit) bytes the bag declares; stopped reading there")
        case let error as ZipAmbiguity:
            find(.zipAmbiguous, path, error.message)
        default:
            find(.modified, path, "could not be read (\(error))")
        }
    }

    /// The most a verifier reads of the tag file at `path` (not under `data/`): the files it parses whole are
    /// capped by ``BundleVerifier/Limits/tagFile``, the ones it only hashes by ``BundleVerifier/Limits/streamedTagFile``.
    static func tagLimit(for path: String, _ limits: BundleVerifier.Limits) -> Int64 {
        switch path {
        case BagLayout.manifest: limits.manifest
        case BagLayout.custody: limits.journal
        case BagLayout.publicKey: limits.publicKey
        case BagLayout.signature: limits.signature
        case BagLayout.bagitFile, BagLayout.bagInfoFile, BagLayout.payloadManifest, BagLayout.tagManifest: limits.tagFile
        case _ where BundleTimeStamps.isTokenPath(path): limits.timeStampToken
        default: limits.streamedTagFile
        }
    }

    /// Reports a file that is not in the bag when BagIt or EvidenceKit requires it; one merely listed is reported by
    /// the hash pass.
    private mutating func reportAbsent(_ path: String) {
        if [BagLayout.bagitFile, BagLayout.payloadManifest].contains(path) {
            find(.missing, path, "required by BagIt but not in the bundle")
            reportedMissing.insert(path)
        } else if Self.requiredByEvidenceKit.contains(path) {
            find(.missing, path, "every EvidenceKit bundle has this file, and this one does not")
            reportedMissing.insert(path)
        }
    }

    /// Reads a tag file; a missing one is reported by the hash pass (when listed) or here (when required and unlisted).
    private mutating func readTag(_ path: String, limit: Int64) -> [UInt8]? {
        guard present[path] != nil else {
            reportAbsent(path)
            return nil
        }
        do {
            // Reserved up front (the container's size, at most the cap): grown by doubling, a 130 MB manifest
            // would pass through a 256 MB buffer and its 128 MB predecessor at once.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(min(max(present[path]?.declaredSize ?? 0, 0), limit)))
            try source.stream(path, limit: limit) { bytes.append(contentsOf: $0) }
            tagBytes[path] = bytes
            return bytes
        } catch is EntryTooLarge {
            find(.modified, path, "larger than \(limit) bytes; not read")
        } catch {
            reportReadFailure(error, path: path)
        }
        unreadableTags.insert(path)
        return nil
    }

    /// Reads `manifest-sha256.txt` or `tagmanifest-sha256.txt` into path → hash, one line at a time.
    private mutating func readManifest(_ name: String) -> [String: String]? {
        guard let bytes = readTag(name, limit: limits.tagFile) else { return nil }
        var entries: [String: String] = [:]
        var lineFindings: [VerificationFinding] = []
        var tooLong = false
        let isText = ChecksumManifest.forEachLine(parsing: bytes) { line in
            switch line {
            case .notChecksumAndPath(let number) where number <= BagManifestLimits.maximumLines:
                lineFindings.append(VerificationFinding(.manifestInvalid, path: name, "line \(number) is not “checksum path”"))
            case .noSHA256(let number) where number <= BagManifestLimits.maximumLines:
                lineFindings.append(VerificationFinding(.manifestInvalid, path: name, "line \(number) has no SHA-256 checksum"))
            case .entry(let number, let hash, let path) where number <= BagManifestLimits.maximumLines:
                if let problem = EntryNameRules.problem(with: path) {
                    lineFindings.append(VerificationFinding(.unsafePath, path: path,
                                                            "\(name) line \(number) names an unsafe path: \(problem)"))
                    return true
                }
                if entries[path] != nil {
                    lineFindings.append(VerificationFinding(.manifestInvalid, path: path, "\(name) lists this path twice"))
                }
                entries[path] = hash
            default:
                tooLong = true
                return false
            }
            return true
        }
        guard isText else {
            find(.manifestInvalid, name, "not UTF-8 text")
            return nil
        }
        report.findings += lineFindings.prefix(Self.maximumLineFindings)
        if lineFindings.count > Self.maximumLineFindings {
            find(.manifestInvalid, name, "\(lineFindings.count - Self.maximumLineFindings) more malformed lines not listed")
        }
        if tooLong {
            find(.manifestInvalid, name, "more than \(BagManifestLimits.maximumLines) lines; the rest is not read")
        }
        return entries
    }
}

/// The most lines a BagIt manifest may have: one per file, and a bundle holds at most 200,000 entries.
enum BagManifestLimits {
    static let maximumLines = BundleLimits.maximumEntries
}
