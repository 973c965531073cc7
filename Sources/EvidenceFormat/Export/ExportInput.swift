import EvidenceModel
import Foundation

/// What an export reads, all of it from a sealed bundle's own bytes: the signed manifest, the custody journal and
/// the derived message lines, plus the verification's verdict, which every exported file repeats.
public struct ExportInput: Sendable {
    public var manifest: EvidenceManifest
    public var custody: [CustodyJournal.Entry]
    /// Each conversation's messages, by the path of its derived file in the bag.
    public var messages: [String: [ChatMessage]]
    /// The verification's findings in words; empty when the bundle verified intact.
    public var problems: [String]
    /// The trusted time-stamps that verified, as the verification reported them.
    public var timeStamps: [AttestedTime]

    /// A trusted time-stamp token that verified: an authority attests the signed manifest existed at `attestedAt`.
    public struct AttestedTime: Sendable, Equatable {
        /// The token's tag file in the bag.
        public var path: String
        /// RFC 3339, UTC.
        public var attestedAt: String
        /// The subject of the certificate that signed the token.
        public var authority: String
        public var serialNumber: String
        /// The authority's certificate chains to the trusted authorities the verification was given (`--tsa-ca`).
        public var authorityTrusted: Bool

        public init(path: String, attestedAt: String, authority: String, serialNumber: String, authorityTrusted: Bool) {
            self.path = path
            self.attestedAt = attestedAt
            self.authority = authority
            self.serialNumber = serialNumber
            self.authorityTrusted = authorityTrusted
        }
    }

    /// Reads the bundle's files.
    ///
    /// - Parameters:
    ///   - messageFiles: the derived `*.messages.jsonl` files the manifest lists, by path in the bag.
    ///   - problems: the verification's findings in words (empty for an intact bundle).
    ///   - timeStamps: the trusted time-stamps that verified.
    /// - Throws: when the manifest, a journal line or a message line cannot be read.
    public init(manifest: [UInt8], custody: [UInt8], messageFiles: [String: [UInt8]], problems: [String],
                timeStamps: [AttestedTime] = []) throws {
        self.manifest = try EvidenceManifest(parsing: manifest)
        self.custody = try custody.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(CustodyJournal.Entry.self, from: Data($0))
        }
        self.messages = try messageFiles.mapValues { try ConversationJSONLines.decode($0) }
        self.problems = problems
        self.timeStamps = timeStamps
    }

    /// True when the bundle verified intact.
    public var verified: Bool { problems.isEmpty }

    /// One line every exported file carries: what verification said.
    public var verdict: String {
        verified ? "verified intact before export"
            : "NOT VERIFIED: \(problems.count) problem(s), exported anyway with --force; do not rely on it (see README.txt)"
    }

    /// The derived message files the manifest lists, in item order: what the caller must read from the bag.
    public static func messageFilePaths(in manifest: EvidenceManifest) -> [String] {
        manifest.items.flatMap { ($0.derived ?? []).filter { $0.role == "messages" }.map(\.path) }
    }

    /// The `README.txt` written beside the exported files: the verdict first, then what each file holds.
    package func readme(files: [(name: String, about: String)], extra: [String]) -> [UInt8] {
        var lines = [verified ? "VERIFIED: the bundle verified intact before this export." : "WARNING — NOT VERIFIED: this export was made with --force from a bundle that FAILED verification."]
        if !verified {
            lines.append("Do not rely on it: re-run `evidence verify` on the bundle. The problems found:")
            lines += problems.map { "  - \($0)" }
        }
        lines += ["", "Case: \(manifest.case.title) (\(manifest.case.identifier)), sealed at \(manifest.sealedAt)",
                  "Signer key fingerprint: \(manifest.signer.fingerprint)",
                  "Everything here was read from the sealed bundle's own files (manifest.json, custody.jsonl, the",
                  "derived messages); the bundle stays the evidence, this export is a convenience copy.", ""]
        lines += files.map { "\($0.name): \($0.about)" }
        lines += extra
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }
}
