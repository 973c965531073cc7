/// How large an EvidenceKit bundle may be: `evidence verify` refuses to read more (so that a hostile bundle
/// cannot exhaust a lawyer's memory), and `seal` refuses to write more, so that every bundle sealed can be verified.
///
/// Docs/bundle-format.md ("What `evidence verify` accepts") says why each number is what it is.
public enum BundleLimits {
    /// Entries in the zip or files in the folder, tag files included.
    public static let maximumEntries = 200_000
    /// `evidence/manifest.json`: an item is about 1.3 KB, so this holds about 150,000 items (the entry cap allows
    /// 200,000 files). It is held whole (an Ed25519 signature covers its exact bytes and cannot be checked in
    /// pieces), so this is also what a hostile manifest can cost: it keeps verification under 300 MB.
    public static let maximumManifestBytes: Int64 = 200 << 20
    /// `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt`, `tagmanifest-sha256.txt`, `summary.html`: a payload
    /// manifest of 200,000 files is about 25 MB.
    public static let maximumTagFileBytes: Int64 = 32 << 20
    /// `evidence/custody.jsonl`: about 80,000 steps of 400 bytes; checking it costs about four times its size.
    public static let maximumJournalBytes: Int64 = 32 << 20

    /// What in `entries` goes beyond these limits, in words; empty when the bundle can be verified.
    package static func problems(with entries: [BagEntry]) -> [String] {
        var problems: [String] = []
        if entries.count > maximumEntries {
            problems.append("it would hold \(entries.count) files, more than the \(maximumEntries) a bundle may hold")
        }
        for entry in entries {
            guard case .bytes(let bytes) = entry.content else { continue }
            let limit = switch entry.path {
            case BagLayout.manifest: maximumManifestBytes
            case BagLayout.custody: maximumJournalBytes
            case BagLayout.signature, BagLayout.publicKey: Int64.max
            default: maximumTagFileBytes
            }
            if Int64(bytes.count) > limit {
                problems.append("its \(entry.path) would be \(bytes.count) bytes, more than the \(limit) a verifier reads")
            }
        }
        return problems
    }
}
