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
    /// Caps for files whose size the signed manifest does not declare (Docs/bundle-format.md says why these).
    public struct Limits: Sendable {
        /// `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt`, `tagmanifest-sha256.txt`, parsed whole
        /// (``BundleLimits``).
        public var tagFile: Int64 = BundleLimits.maximumTagFileBytes
        /// Tag files only hashed as they stream, such as `summary.html` (``BundleLimits``); for these and the journal
        /// the cap holds even when the signed manifest declares a larger size.
        public var streamedTagFile: Int64 = BundleLimits.maximumStreamedTagFileBytes
        /// `evidence/manifest.json`, held whole (the signature covers its exact bytes) and read with a streaming
        /// reader that keeps about 250 bytes per listed file beside it (``BundleLimits``).
        public var manifest: Int64 = BundleLimits.maximumManifestBytes
        /// `evidence/custody.jsonl`, checked one line at a time (``BundleLimits``).
        public var journal: Int64 = BundleLimits.maximumJournalBytes
        public var publicKey: Int64 = 16 << 10
        public var signature: Int64 = 1 << 10
        /// A time-stamp token (`evidence/*.tsr`).
        public var timeStampToken: Int64 = Int64(TimeStampResponse.maximumByteCount)
        public init() {}
    }

    public var trustedKey: Ed25519PublicKey?
    /// The certificates time-stamp authorities must chain to; without them a token is checked against its own
    /// certificate only, and reported as not checked against a trusted list.
    public var trustedTimeStampAuthorities: TimeStampTrustAnchors?
    public var limits: Limits

    public init(trustedKey: Ed25519PublicKey? = nil, trustedTimeStampAuthorities: TimeStampTrustAnchors? = nil,
                limits: Limits = Limits()) {
        self.trustedKey = trustedKey
        self.trustedTimeStampAuthorities = trustedTimeStampAuthorities
        self.limits = limits
    }

    /// Verifies the bundle at `url`.
    ///
    /// - Parameter advancing: Called from any thread as files are hashed, with the count and bytes of the files
    ///   to hash (for a progress line).
    /// - Returns: a report whose `findings` list every problem (empty when intact).
    /// - Throws: ``BundleUnusableError`` when the input is not a zip or folder holding a bag at all.
    public func verify(bundleAt url: URL,
                       advancing: (@Sendable (WorkProgress) -> Void)? = nil) throws -> VerificationReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw BundleUnusableError(path: url.path, reason: "no such file or folder")
        }
        return try check(bundleAt: url, isDirectory: isDirectory.boolValue, advancing: advancing).report
    }

    /// Verifies the bundle at `url` and keeps it open, so its files can be read back and checked once more against
    /// what was verified (what `evidence export` reads).
    ///
    /// - Throws: ``BundleUnusableError`` when the input is not a zip or folder holding a bag at all.
    public func open(bundleAt url: URL) throws -> VerifiedBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw BundleUnusableError(path: url.path, reason: "no such file or folder")
        }
        let check = try check(bundleAt: url, isDirectory: isDirectory.boolValue)
        return VerifiedBundle(source: check.source, report: check.report, tagBytes: check.tagBytes,
                              expected: check.expected, tagLimit: limits.tagFile)
    }

    private func check(bundleAt url: URL, isDirectory: Bool,
                       advancing: (@Sendable (WorkProgress) -> Void)? = nil) throws -> BundleCheck {
        let source: any BagSource = isDirectory ? try FolderBagSource(url: url) : try ZipBagSource(url: url)
        var check = BundleCheck(source: source, limits: limits, trustedKey: trustedKey,
                                trustedTimeStampAuthorities: trustedTimeStampAuthorities,
                                report: VerificationReport(bundle: url.path))
        check.advancing = advancing
        check.run()
        if !check.unsupported.isEmpty {
            throw BundleUnusableError(path: url.path, reason: "\(check.unsupported.count) entries use a compression method "
                + "this verifier cannot read (only stored and deflate are), e.g. \(check.unsupported.sorted()[0]); "
                + "re-zip it with deflate, or unzip it and verify the folder")
        }
        return check
    }
}
