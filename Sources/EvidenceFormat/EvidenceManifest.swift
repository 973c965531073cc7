import EvidenceModel
import EvidenceCrypto
import Foundation

/// The signed description of a sealed case: `evidence/manifest.json`, format `evidencekit-manifest/2` (bundles of
/// format `/1` are still read and verified).
///
/// The signature covers the exact bytes written; verifiers check those bytes, never a re-encoding.
/// See `Docs/bundle-format.md` and `Docs/manifest.schema.json`.
public struct EvidenceManifest: Codable, Sendable, Equatable {
    /// The format every new seal writes.
    public static let formatName = BundleFormat.current.rawValue

    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

    public struct CaseInfo: Codable, Sendable, Equatable {
        public var identifier: String
        public var title: String
        public var timeZone: String
        public var createdAt: String
    }

    public struct Signer: Codable, Sendable, Equatable {
        public var algorithm: String
        /// SHA-256 of the raw 32-byte public key, lowercase hex.
        public var fingerprint: String
        /// Path of the SubjectPublicKeyInfo PEM inside the bag.
        public var publicKey: String
    }

    /// One piece of evidence and everything known about it.
    public struct Item: Codable, Sendable, Equatable {
        public var id: Int64
        /// Path inside the bag, e.g. `data/0001-IMG_0412.PNG`.
        public var path: String
        public var size: Int64
        public var sha256: String
        public var mediaType: String
        public var kind: EvidenceKind
        public var kindReason: String
        public var originalName: String
        public var originalPath: String
        public var acquiredAt: Instant
        public var modifiedAt: Instant?
        public var timestamps: [EvidenceTimestamp]
        public var best: EvidenceTimestamp?
        public var warnings: [EvidenceWarning]
        public var sensitive: Bool
        public var note: String?
        public var parentID: Int64?
        public var conversation: ConversationSummary?
        public var email: EmailSummary?
        public var linkedMessages: [MessageLink]?
        /// Files derived from this item (normalised messages), in the payload beside it.
        public var derived: [Derived]?
        /// A still image's PDQ perceptual hash (64 hex digits) and its quality (0–100).
        public var pdq: String?
        public var pdqQuality: Int?
        /// A video's MD5, for video hash lists.
        public var md5: String?
        /// Set (always `true`) when the person shown was a minor when it was made.
        public var minorAtTime: Bool?
        /// Where the person saw it, the service, the sending account and what it shows, in their words; each
        /// absent unless given.
        public var sourceURL: String?
        public var platform: String?
        public var account: String?
        public var description: String?
    }

    /// A derived file as sealed: where it is in the bag and what it hashes to.
    public struct Derived: Codable, Sendable, Equatable {
        public var role: String
        public var path: String
        public var size: Int64
        public var sha256: String
        public var mediaType: String
    }

    /// An item taken out of the case before this seal (`evidence withdraw`): its number, hash and size, when, by
    /// whom and why, never its name nor its content.
    public struct Withdrawal: Codable, Sendable, Equatable {
        public var item: Int64
        public var sha256: String
        public var size: Int64
        /// When (RFC 3339, UTC), as journaled.
        public var withdrawnAt: String
        public var actor: String
        public var reason: String
        /// The stored copy was deleted too (`--purge`): only the hash is left anywhere.
        public var purged: Bool

        public init(item: Int64, sha256: String, size: Int64, withdrawnAt: String, actor: String, reason: String,
                    purged: Bool) {
            self.item = item
            self.sha256 = sha256
            self.size = size
            self.withdrawnAt = withdrawnAt
            self.actor = actor
            self.reason = reason
            self.purged = purged
        }
    }

    /// Any other file of the bag (tag files, derived files), with its hash.
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var sha256: String
    }

    public var format: String
    public var tool: Tool
    public var `case`: CaseInfo
    public var sealedAt: String
    public var signer: Signer
    public var items: [Item]
    /// Every file in the bag but the items, `evidence/manifest.json` itself, its signature and `tagmanifest-sha256.txt`.
    public var files: [File]
    /// Items withdrawn from the case before this seal, in the order they were withdrawn; absent when none were.
    public var withdrawals: [Withdrawal]?
    /// The language `summary.html` is written in (`fr`, `nl`, `de`, `en`), so the summary can be rendered again
    /// from the manifest alone; format 2 on, absent in format 1.
    public var language: String?
    /// The people the case is about (`evidence party add`), by number; absent when none were recorded.
    public var parties: [CaseParty]?
    /// Where the summary tells a victim to get help, when the case records its own (`init --help-line`); absent
    /// for the Belgian defaults of the summary's language.
    public var helpLines: [HelpLine]?

    /// The manifest's canonical bytes: ``CanonicalJSON``'s pretty form (keys sorted by UTF-8 bytes, two-space
    /// indentation) and a final newline.
    public func encoded() -> [UInt8] {
        // Item by item: the values of 100,000 items at once took several times the manifest's own size.
        var bytes = CanonicalJSON.pretty(canonicalMembersButItems, streaming: "items", count: items.count) {
            items[$0].canonicalJSON
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Reads a manifest; the caller keeps the bytes it was given for signature checks.
    public init(parsing bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(EvidenceManifest.self, from: Data(bytes))
    }

    init(format: String, tool: Tool, case caseInfo: CaseInfo, sealedAt: String, signer: Signer, items: [Item], files: [File]) {
        self.format = format
        self.tool = tool
        self.case = caseInfo
        self.sealedAt = sealedAt
        self.signer = signer
        self.items = items
        self.files = files
    }
}
