import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// Verifies a sealed bundle (zip or unpacked folder) as hostile input and reports every finding.
///
/// For example:
/// ```swift
/// let report = try BundleVerifier(trustedKey: lawyersCopyOfKey).verify(bundleAt: url)
/// if !report.intact { report.findings.forEach { print($0) } }
/// ```
/// It reads entries as they stream out of the zip, never inflates an entry past the size the bag declares
/// for it, and writes nothing anywhere.
public struct BundleVerifier: Sendable {
    /// Caps for files whose size the signed manifest does not declare.
    public struct Limits: Sendable {
        public var tagFile: Int64 = 16 << 20
        public var manifest: Int64 = 256 << 20
        public var journal: Int64 = 256 << 20
        public var publicKey: Int64 = 16 << 10
        public var signature: Int64 = 1 << 10
        public init() {}
    }

    public var trustedKey: Ed25519PublicKey?
    public var limits: Limits

    public init(trustedKey: Ed25519PublicKey? = nil, limits: Limits = Limits()) {
        self.trustedKey = trustedKey
        self.limits = limits
    }

    /// Verifies the bundle at `url`.
    ///
    /// - Returns: a report whose `findings` list every problem (empty when intact).
    /// - Throws: ``BundleUnusableError`` when the input is not a zip or folder holding a bag at all.
    public func verify(bundleAt url: URL) throws -> VerificationReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw BundleUnusableError(path: url.path, reason: "no such file or folder")
        }
        let source: any BagSource = isDirectory.boolValue ? try FolderBagSource(url: url) : try ZipBagSource(url: url)
        var check = Check(source: source, limits: limits, trustedKey: trustedKey, report: VerificationReport(bundle: url.path))
        check.run()
        if !check.unsupported.isEmpty {
            throw BundleUnusableError(path: url.path, reason: "\(check.unsupported.count) entries use a compression method "
                + "this verifier cannot read (only stored and deflate are), e.g. \(check.unsupported.sorted()[0]); "
                + "re-zip it with deflate, or unzip it and verify the folder")
        }
        return check.report
    }
}

/// One verification run: gathers findings in order, never stopping at the first.
private struct Check {
    let source: any BagSource
    let limits: BundleVerifier.Limits
    let trustedKey: Ed25519PublicKey?
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

    /// Tag files an EvidenceKit bundle always has: without them nothing ties the bag to its signer.
    static let requiredByEvidenceKit: Set<String> = [
        BagLayout.bagInfoFile, BagLayout.tagManifest, BagLayout.manifest, BagLayout.signature, BagLayout.publicKey,
        BagLayout.custody,
    ]

    init(source: any BagSource, limits: BundleVerifier.Limits, trustedKey: Ed25519PublicKey?, report: VerificationReport) {
        self.source = source
        self.limits = limits
        self.trustedKey = trustedKey
        self.report = report
        self.present = Dictionary(source.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func find(_ category: VerificationFinding.Category, _ path: String?, _ message: String) {
        report.findings.append(VerificationFinding(category, path: path, message))
    }

    mutating func run() {
        report.bagFolder = source.bagFolder
        report.findings.append(contentsOf: source.unsafeFindings)

        if let declaration = readTag(BagLayout.bagitFile, limit: limits.tagFile) {
            let text = String(decoding: declaration, as: UTF8.self)
            if !text.contains("BagIt-Version: 1.0") || !text.contains("Tag-File-Character-Encoding: UTF-8") {
                find(.manifestInvalid, BagLayout.bagitFile, "does not declare BagIt-Version 1.0 with UTF-8 tag files")
            }
        }
        let bagInfo = readTag(BagLayout.bagInfoFile, limit: limits.tagFile).map { BagInfo(parsing: $0) }
        let payloadManifest = readManifest(BagLayout.payloadManifest)
        let tagManifest = readManifest(BagLayout.tagManifest)
        let manifestBytes = readTag(BagLayout.manifest, limit: limits.manifest)
        let signature = readTag(BagLayout.signature, limit: limits.signature)
        let publicKeyBytes = readTag(BagLayout.publicKey, limit: limits.publicKey)

        // The signature over the manifest's exact bytes.
        var publicKey: Ed25519PublicKey?
        if let publicKeyBytes {
            do {
                publicKey = try Ed25519PublicKey(pemRepresentation: String(decoding: publicKeyBytes, as: UTF8.self))
            } catch {
                find(.badSignature, BagLayout.publicKey, "not a readable Ed25519 public key, so the signature cannot be checked")
            }
        }
        if let publicKey, let manifestBytes, let signature {
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

        // The signed manifest.
        var manifest: EvidenceManifest?
        if let manifestBytes {
            do {
                let parsed = try EvidenceManifest(parsing: manifestBytes)
                if parsed.format != EvidenceManifest.formatName {
                    find(.manifestInvalid, BagLayout.manifest, "format “\(parsed.format)” is not \(EvidenceManifest.formatName)")
                }
                if let publicKey, parsed.signer.fingerprint != publicKey.fingerprint.hex {
                    find(.untrustedKey, BagLayout.manifest, "the manifest names signer \(parsed.signer.fingerprint) but the bundled key differs")
                }
                manifest = parsed
                report.caseTitle = parsed.case.title
                report.caseIdentifier = parsed.case.identifier
                report.sealedAt = parsed.sealedAt
                report.itemCount = parsed.items.count
            } catch {
                find(.manifestInvalid, BagLayout.manifest, "cannot be read as an EvidenceKit manifest (\(error))")
            }
        }

        // What every file should hash to, by path, from each source that lists it.
        var expected: [String: [(source: String, sha256: String)]] = [:]
        var declaredSizes: [String: Int64] = [:]
        for (path, sha256) in payloadManifest ?? [:] { expected[path, default: []].append((BagLayout.payloadManifest, sha256)) }
        for (path, sha256) in tagManifest ?? [:] { expected[path, default: []].append((BagLayout.tagManifest, sha256)) }
        if let manifest {
            for item in manifest.items {
                expected[item.path, default: []].append((BagLayout.manifest, item.sha256))
                declaredSizes[item.path] = item.size
                if payloadManifest?[item.path] == nil, payloadManifest != nil {
                    find(.manifestInvalid, item.path, "item \(item.id) is in manifest.json but not in manifest-sha256.txt")
                }
                for file in item.derived ?? [] {
                    expected[file.path, default: []].append((BagLayout.manifest, file.sha256))
                    declaredSizes[file.path] = file.size
                }
            }
            for file in manifest.files {
                expected[file.path, default: []].append((BagLayout.manifest, file.sha256))
                declaredSizes[file.path] = file.size
            }
        }
        for path in (payloadManifest ?? [:]).keys where !path.hasPrefix("data/") {
            find(.manifestInvalid, path, "manifest-sha256.txt lists a file outside data/")
        }

        // Hash every file once: tag files from the bytes already read, the rest as they stream, two at a time.
        let unsigned: Set<String> = [BagLayout.tagManifest]
        var jobs: [(path: String, limit: Int64)] = []
        for file in source.files where expected[file.path] != nil && tagBytes[file.path] == nil
            && !unreadableTags.contains(file.path) {
            jobs.append((file.path, declaredSizes[file.path] ?? tagLimit(for: file.path)))
        }
        var digests = source.sha256(of: jobs)
        for (path, bytes) in tagBytes { digests[path] = .success((SHA256.hash(bytes).hex, Int64(bytes.count))) }

        var payloadBytes: Int64 = 0
        var payloadCount = 0
        for file in source.files.sorted(by: { $0.path < $1.path }) {
            let sources = expected[file.path] ?? []
            if sources.isEmpty && !unsigned.contains(file.path) {
                find(.unexpected, file.path, "in the bundle but listed in no manifest (added after sealing?)")
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
            case .failure(let error as UnsupportedCompression):
                unsupported.insert(error.path)
            case .failure(let error as EntryTooLarge):
                find(.modified, file.path, "larger than the \(error.limit) bytes the bag declares; stopped reading there")
            case .failure(let error):
                find(.modified, file.path, "could not be read (\(error))")
            }
        }
        for path in expected.keys.sorted() where present[path] == nil && !reportedMissing.contains(path) {
            let listedBy = Set(expected[path]!.map(\.source)).sorted().joined(separator: " and ")
            find(.missing, path, "listed in \(listedBy) but not in the bundle")
        }

        if let oxum = bagInfo?.values["Payload-Oxum"] {
            let parts = oxum.split(separator: ".")
            if parts.count != 2 || Int64(parts[0]) == nil || Int(parts[1]) == nil {
                find(.manifestInvalid, BagLayout.bagInfoFile, "Payload-Oxum “\(oxum)” is not octets.count")
            } else if Int64(parts[0]) != payloadBytes || Int(parts[1]) != payloadCount {
                find(.modified, BagLayout.bagInfoFile, "Payload-Oxum says \(oxum) but the payload holds \(payloadBytes) bytes in \(payloadCount) files")
            }
        } else if bagInfo != nil {
            find(.manifestInvalid, BagLayout.bagInfoFile, "no Payload-Oxum")
        }

        if let journal = readTag(BagLayout.custody, limit: declaredSizes[BagLayout.custody] ?? limits.journal) {
            for problem in CustodyJournal.problems(inJournal: journal) {
                find(.journalBroken, BagLayout.custody, problem.description)
            }
        }
    }

    private func tagLimit(for path: String) -> Int64 {
        switch path {
        case BagLayout.manifest: limits.manifest
        case BagLayout.custody: limits.journal
        case BagLayout.publicKey: limits.publicKey
        case BagLayout.signature: limits.signature
        default: path.hasPrefix("data/") ? 0 : limits.tagFile
        }
    }

    /// Reads a tag file; a missing one is reported by the hash pass (when listed) or here (when required and unlisted).
    private mutating func readTag(_ path: String, limit: Int64) -> [UInt8]? {
        guard present[path] != nil else {
            if [BagLayout.bagitFile, BagLayout.payloadManifest].contains(path) {
                find(.missing, path, "required by BagIt but not in the bundle")
                reportedMissing.insert(path)
            } else if Self.requiredByEvidenceKit.contains(path) {
                find(.missing, path, "every EvidenceKit bundle has this file, and this one does not")
                reportedMissing.insert(path)
            }
            return nil
        }
        do {
            let bytes = try source.read(path, limit: limit)
            tagBytes[path] = bytes
            return bytes
        } catch let error as UnsupportedCompression {
            unsupported.insert(error.path)
        } catch is EntryTooLarge {
            find(.modified, path, "larger than \(limit) bytes; not read")
        } catch {
            find(.modified, path, "could not be read (\(error))")
        }
        unreadableTags.insert(path)
        return nil
    }

    /// Reads `manifest-sha256.txt` or `tagmanifest-sha256.txt` into path → hash.
    private mutating func readManifest(_ name: String) -> [String: String]? {
        guard let bytes = readTag(name, limit: limits.tagFile) else { return nil }
        guard let lines = ChecksumManifest.lines(parsing: bytes) else {
            find(.manifestInvalid, name, "not UTF-8 text")
            return nil
        }
        var entries: [String: String] = [:]
        for line in lines {
            switch line {
            case .notChecksumAndPath(let number):
                find(.manifestInvalid, name, "line \(number) is not “checksum path”")
            case .noSHA256(let number):
                find(.manifestInvalid, name, "line \(number) has no SHA-256 checksum")
            case .entry(let number, let hash, let path):
                if let problem = EntryNameRules.problem(with: path) {
                    find(.unsafePath, path, "\(name) line \(number) names an unsafe path: \(problem)")
                    continue
                }
                if entries[path] != nil {
                    find(.manifestInvalid, path, "\(name) lists this path twice")
                }
                entries[path] = hash
            }
        }
        return entries
    }
}
