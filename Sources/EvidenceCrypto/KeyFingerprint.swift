/// The SHA-256 of a raw 32-byte Ed25519 public key: a short, stable name for a signing key.
///
/// For example:
///
/// ```swift
/// let fingerprint = key.publicKey.fingerprint
/// print(fingerprint.grouped) // "3F2A 91C0 … " — read this aloud to the recipient
/// ```
public struct KeyFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// SHA-256 of the raw 32-byte public key.
    public let digest: SHA256Digest

    /// Wraps a digest computed over a raw public key.
    public init(digest: SHA256Digest) {
        self.digest = digest
    }

    /// Parses plain hex or the grouped form; spaces and colons are ignored, case does not matter.
    ///
    /// - Parameter hex: For example `"3f2a91c0…"`, `"3F2A 91C0 …"` or `"3f:2a:91:…"`.
    /// - Returns: `nil` unless 64 hex digits remain once separators are dropped.
    public init?(hex: String) {
        let compact = String(hex.unicodeScalars.filter { $0 != " " && $0 != ":" })
        guard let digest = SHA256Digest(hex: compact) else { return nil }
        self.digest = digest
    }

    /// 64 lowercase hex digits, for files and JSON.
    public var hex: String { digest.hex }

    /// For humans: 16 uppercase groups of 4 hex digits separated by single spaces (79 characters).
    public var grouped: String {
        let characters = Array(hex.uppercased())
        return stride(from: 0, to: characters.count, by: 4)
            .map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: " ")
    }

    /// The plain lowercase hex form; use `grouped` for display.
    public var description: String { hex }
}
