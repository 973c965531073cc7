import EvidenceModel
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// A bundle that has been verified, kept open so that its files can be read back: what an export reads, so that
/// it reads nothing but the bundle's own bytes, and the very bytes that were checked.
///
/// For example:
/// ```swift
/// let bundle = try BundleVerifier().open(bundleAt: url)
/// guard bundle.report.intact else { … }
/// let journal = try bundle.read("evidence/custody.jsonl")
/// ```
public final class VerifiedBundle {
    /// The verification's findings, as ``BundleVerifier/verify(bundleAt:)`` reports them.
    public let report: VerificationReport
    private let source: any BagSource
    private let tagBytes: [String: [UInt8]]
    private let expected: BundleCheck.Expectations
    private let tagLimit: Int64

    init(source: any BagSource, report: VerificationReport, tagBytes: [String: [UInt8]],
         expected: BundleCheck.Expectations, tagLimit: Int64) {
        self.source = source
        self.report = report
        self.tagBytes = tagBytes
        self.expected = expected
        self.tagLimit = tagLimit
    }

    /// The file at `path` inside the bag: a tag file as it was read during verification, any other file read again
    /// (never more than the signed manifest declares) and hashed once more.
    ///
    /// - Throws: ``VerifiedBundle/ChangedSinceVerification`` when a file that verified now hashes differently (the
    ///   bundle was replaced or written to meanwhile); ``BundleUnusableError`` when the file is not in the bag or
    ///   cannot be read.
    public func read(_ path: String) throws -> [UInt8] {
        if let bytes = tagBytes[path] { return bytes }
        guard source.files.contains(where: { $0.path == path }) else {
            throw BundleUnusableError(path: path, reason: "not in the bundle")
        }
        var bytes: [UInt8] = []
        do {
            try source.stream(path, limit: expected.declaredSizes[path] ?? tagLimit) { bytes.append(contentsOf: $0) }
        } catch {
            throw BundleUnusableError(path: path, reason: "cannot be read (\(error))")
        }
        let digest = SHA256.hash(bytes).hex
        let alreadyReported = report.findings.contains { $0.path == path }
        if !alreadyReported, expected.digests[path, default: []].contains(where: { $0.sha256 != digest }) {
            throw ChangedSinceVerification(path: path)
        }
        return bytes
    }

    /// A file hashed differently when read back than when it was verified a moment before.
    public struct ChangedSinceVerification: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) changed between verification and reading; the bundle is being written to or was replaced. Nothing was exported."
        }
    }
}
