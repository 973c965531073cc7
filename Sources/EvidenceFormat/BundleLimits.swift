/// How large an EvidenceKit bundle may be: `evidence verify` refuses to read more (so that a hostile bundle
/// cannot exhaust a lawyer's memory or time), and `seal` refuses to write more, so that every bundle sealed can be
/// verified.
///
/// Docs/bundle-format.md ("What `evidence verify` accepts") says why each number is what it is.
public enum BundleLimits {
    /// Entries in the zip or files in the folder, tag files included.
    public static let maximumEntries = 200_000
    /// `evidence/manifest.json`: an item is about 1.3 KB, so this holds about 150,000 items (the entry cap allows
    /// 200,000 files). It is held whole (an Ed25519 signature covers its exact bytes and cannot be checked in
    /// pieces), so this is also what a hostile manifest can cost: it keeps verification under 300 MB.
    public static let maximumManifestBytes: Int64 = 200 << 20
    /// The tag files a verifier parses whole: `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt`,
    /// `tagmanifest-sha256.txt`. A payload manifest of 200,000 files (the entry cap) is about 25 MB.
    public static let maximumTagFileBytes: Int64 = 32 << 20
    /// Tag files a verifier only hashes as they stream (`summary.html`, the schemas): memory does not grow with
    /// them, so this bounds only the time a hostile file costs (about a second). A summary takes about 700 bytes an
    /// item plus at most 20 MiB of conversation threads: about 160 MB for 200,000 items (the entry cap).
    public static let maximumStreamedTagFileBytes: Int64 = 512 << 20
    /// `evidence/custody.jsonl`, checked one line at a time in memory that does not grow with it: the 1,000,000
    /// lines a journal may have at about 500 bytes each (a step is about 360 bytes: 36 MB for 100,000 items).
    public static let maximumJournalBytes: Int64 = 512 << 20
    /// One line of the custody journal, the most a verifier holds at once: the whole journal's former cap, so that
    /// no journal that verified before is refused.
    package static let maximumJournalLineBytes = 32 << 20

    /// The most a verifier reads of the tag file at `path` (a path inside the bag, not under `data/`).
    package static func maximumBytes(ofTagFile path: String) -> Int64 {
        switch path {
        case BagLayout.manifest: maximumManifestBytes
        case BagLayout.custody: maximumJournalBytes
        case BagLayout.bagitFile, BagLayout.bagInfoFile, BagLayout.payloadManifest, BagLayout.tagManifest:
            maximumTagFileBytes
        default: maximumStreamedTagFileBytes
        }
    }

    /// What in `entries` goes beyond these limits, in words; empty when the bundle can be verified.
    package static func problems(with entries: [BagEntry]) -> [String] {
        var problems: [String] = []
        if entries.count > maximumEntries {
            problems.append("it would hold \(entries.count) files, more than the \(maximumEntries) a bundle may hold")
        }
        for entry in entries {
            guard case .bytes(let bytes) = entry.content else { continue }
            let limit = switch entry.path {
            case BagLayout.signature, BagLayout.publicKey: Int64.max
            default: maximumBytes(ofTagFile: entry.path)
            }
            if Int64(bytes.count) > limit {
                problems.append("its \(entry.path) would be \(bytes.count) bytes, more than the \(limit) a verifier reads")
            }
        }
        return problems
    }
}
