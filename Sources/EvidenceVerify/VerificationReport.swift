import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceFormat
/// One problem found while verifying a bundle. Findings are values: verification never stops at the first.
public struct VerificationFinding: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Category: String, Codable, Sendable, CaseIterable {
        /// A file's bytes differ from what a manifest says.
        case modified
        /// A file a manifest lists is not in the bundle.
        case missing
        /// A file is in the bundle but no manifest lists it.
        case unexpected
        /// The manifest's signature does not verify with the bundled key (or the key is unreadable).
        case badSignature = "bad-signature"
        /// The signer is not the key the verifier trusts.
        case untrustedKey = "untrusted-key"
        /// A manifest or declaration cannot be read, or contradicts itself.
        case manifestInvalid = "manifest-invalid"
        /// An entry that could escape the folder or confuse a file system: `..`, an absolute path, a symlink, a duplicate.
        case unsafePath = "unsafe-path"
        /// The custody journal's hash chain does not hold.
        case journalBroken = "journal-broken"
        /// The zip can be read in more than one way (a prefix, a second central directory, headers that disagree,
        /// a comment …): another zip reader would show other names or bytes than the ones checked.
        case zipAmbiguous = "zip-ambiguous"
        /// A time-stamp token (`evidence/*.tsr`) cannot be read, attests other bytes, or its signature or
        /// certificate does not verify (against the trusted authorities, when given).
        case badTimestamp = "bad-timestamp"
    }

    public var category: Category
    /// The path inside the bag (or the raw zip entry name for unsafe entries), when the finding is about one file.
    public var path: String?
    public var message: String

    public init(_ category: Category, path: String?, _ message: String) {
        self.category = category
        self.path = path
        self.message = message
    }

    public var description: String { "[\(category.rawValue)] \(path.map { "\($0): " } ?? "")\(message)" }
}

/// A trusted time-stamp that verified: an authority attests that the signed manifest existed at `attestedAt`.
public struct VerifiedTimeStamp: Codable, Sendable, Equatable {
    /// The token's tag file inside the bag.
    public var path: String
    /// The attested time, RFC 3339 in UTC.
    public var attestedAt: String
    /// The subject of the certificate that signed the token.
    public var authority: String
    /// The token's serial number (hexadecimal).
    public var serialNumber: String
    /// True when the authority's certificate chains to the trusted authorities given (`--tsa-ca`); false when none
    /// were given, so the token was checked against its own certificate only.
    public var authorityTrusted: Bool
}

/// Something a reader should know that does not make the bundle altered, such as a sealing time that disagrees
/// with the acquisitions or with a trusted time-stamp.
public struct VerificationWarning: Codable, Sendable, Equatable, CustomStringConvertible {
    /// What the warning is about, as a stable text in JSON.
    public struct Code: StableCode {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The stated sealing time is earlier than an item's acquisition.
        public static let sealedBeforeAcquisition = Code(rawValue: "sealed-before-acquisition")
        /// The stated sealing time is minutes or more away from a trusted time-stamp's attested time.
        public static let sealingTimeFarFromTimeStamp = Code(rawValue: "sealing-time-far-from-timestamp")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code)] \(message)" }
}

/// Everything verification established about a bundle.
public struct VerificationReport: Codable, Sendable {
    /// The bundle that was checked, as given.
    public var bundle: String
    /// True when there are no findings and the signature verified: an unsigned bag is never intact.
    public var intact: Bool { findings.isEmpty && signatureValid }
    public var bagFolder: String?
    public var caseTitle: String?
    public var caseIdentifier: String?
    public var sealedAt: String?
    public var itemCount: Int?
    /// The fingerprint of the key in the bundle (SHA-256 of the raw public key).
    public var signerFingerprint: String?
    /// True when the signature verifies with the bundled key.
    public var signatureValid: Bool
    /// `nil` when no trusted key was given; otherwise whether the signer is that key.
    public var signerTrusted: Bool?
    public var filesChecked: Int
    public var bytesChecked: Int64
    public var findings: [VerificationFinding]
    /// Every time-stamp token that verified (those that did not are `bad-timestamp` findings).
    public var timeStamps: [VerifiedTimeStamp] = []
    /// Doubts about the stated sealing time; they do not make the bundle altered.
    public var warnings: [VerificationWarning] = []
    /// The SHA-256 of `evidence/manifest.json` when its signature verified: what a time-stamp token must attest.
    public var manifestSHA256: String?

    private enum CodingKeys: String, CodingKey {
        case bundle, intact, bagFolder, caseTitle, caseIdentifier, sealedAt, itemCount, signerFingerprint,
             signatureValid, signerTrusted, filesChecked, bytesChecked, findings, timeStamps, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bundle, forKey: .bundle)
        try container.encode(intact, forKey: .intact)
        try container.encodeIfPresent(bagFolder, forKey: .bagFolder)
        try container.encodeIfPresent(caseTitle, forKey: .caseTitle)
        try container.encodeIfPresent(caseIdentifier, forKey: .caseIdentifier)
        try container.encodeIfPresent(sealedAt, forKey: .sealedAt)
        try container.encodeIfPresent(itemCount, forKey: .itemCount)
        try container.encodeIfPresent(signerFingerprint, forKey: .signerFingerprint)
        try container.encode(signatureValid, forKey: .signatureValid)
        try container.encodeIfPresent(signerTrusted, forKey: .signerTrusted)
        try container.encode(filesChecked, forKey: .filesChecked)
        try container.encode(bytesChecked, forKey: .bytesChecked)
        try container.encode(findings, forKey: .findings)
        // Omitted when empty, so the report of a bundle without tokens reads as it always has.
        if !timeStamps.isEmpty { try container.encode(timeStamps, forKey: .timeStamps) }
        if !warnings.isEmpty { try container.encode(warnings, forKey: .warnings) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bundle = try container.decode(String.self, forKey: .bundle)
        bagFolder = try container.decodeIfPresent(String.self, forKey: .bagFolder)
        caseTitle = try container.decodeIfPresent(String.self, forKey: .caseTitle)
        caseIdentifier = try container.decodeIfPresent(String.self, forKey: .caseIdentifier)
        sealedAt = try container.decodeIfPresent(String.self, forKey: .sealedAt)
        itemCount = try container.decodeIfPresent(Int.self, forKey: .itemCount)
        signerFingerprint = try container.decodeIfPresent(String.self, forKey: .signerFingerprint)
        signatureValid = try container.decode(Bool.self, forKey: .signatureValid)
        signerTrusted = try container.decodeIfPresent(Bool.self, forKey: .signerTrusted)
        filesChecked = try container.decode(Int.self, forKey: .filesChecked)
        bytesChecked = try container.decode(Int64.self, forKey: .bytesChecked)
        findings = try container.decode([VerificationFinding].self, forKey: .findings)
        timeStamps = try container.decodeIfPresent([VerifiedTimeStamp].self, forKey: .timeStamps) ?? []
        warnings = try container.decodeIfPresent([VerificationWarning].self, forKey: .warnings) ?? []
    }

    init(bundle: String) {
        self.bundle = bundle
        self.signatureValid = false
        self.filesChecked = 0
        self.bytesChecked = 0
        self.findings = []
    }
}

/// The bundle cannot be verified at all: not a zip or folder, not a bag, unreadable.
public struct BundleUnusableError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
