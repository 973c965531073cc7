import EvidenceModel
import EvidenceCrypto
import Foundation

/// A trusted time-stamp to store in a bundle: an authority's RFC 3161 reply and the tag file that holds it.
public struct BundleTimeStamp: Sendable, Equatable {
    /// The tag file inside the bag, `evidence/manifest.json.<authority>.tsr` (``BundleTimeStamps``).
    public var path: String
    /// The authority's DER `TimeStampResp`, stored byte for byte.
    public var response: TimeStampResponse
    /// What the token attests, once checked: shown on the summary written beside the zip, never signed.
    public var attested: HTMLSummary.AttestedTime?

    /// A token, where it goes, and what it attests when it was checked.
    public init(path: String, response: TimeStampResponse, attested: HTMLSummary.AttestedTime? = nil) {
        self.path = path
        self.response = response
        self.attested = attested
    }
}

/// Where a bundle keeps its RFC 3161 tokens, and how adding one changes the bag.
///
/// A token attests the SHA-256 of the exact bytes of `evidence/manifest.json`, so it can only be made after the
/// manifest is signed: it is a tag file under `evidence/` whose name ends in `.tsr`, one per authority, listed in
/// `tagmanifest-sha256.txt` and never in the signed manifest. Adding one (at sealing, or later with
/// `evidence timestamp`) adds that file and one line of the tag manifest; nothing signed changes.
package enum BundleTimeStamps {
    package static let prefix = "evidence/manifest.json."
    package static let suffix = ".tsr"

    /// True for a path that is a token tag file: directly under `evidence/`, ending in `.tsr`.
    package static func isTokenPath(_ path: String) -> Bool {
        guard path.hasPrefix("evidence/"), path.hasSuffix(suffix) else { return false }
        let name = path.dropFirst("evidence/".count)
        return !name.contains("/") && name.count > suffix.count
    }

    /// The tag file for a token from the authority at `url` (`evidence/manifest.json.freetsa-org.tsr`); a second
    /// token from the same authority gets `-2`, then `-3`, and so on.
    ///
    /// - Parameters:
    ///   - url: The authority's URL; its host and port name the file.
    ///   - taken: Paths already in the bag.
    package static func tokenPath(forAuthorityAt url: URL, avoiding taken: Set<String>) -> String {
        let host = url.host ?? "authority"
        let stem = prefix + BagNaming.identifier(from: url.port.map { "\(host)-\($0)" } ?? host)
        var candidate = stem + suffix
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(stem)-\(number)\(suffix)"
            number += 1
        }
        return candidate
    }

    /// The tag manifest with a line for each token added (or its hash replaced, for a path already listed),
    /// every line sorted by path as sealing writes them.
    ///
    /// - Returns: The new bytes, or `nil` when `existing` is not a well-formed checksum manifest.
    package static func tagManifest(_ existing: [UInt8], adding timeStamps: [BundleTimeStamp]) -> [UInt8]? {
        guard let lines = ChecksumManifest.lines(parsing: existing) else { return nil }
        var entries: [String: String] = [:]
        for line in lines {
            guard case .entry(_, let sha256, let path) = line else { return nil }
            entries[path] = sha256
        }
        for timeStamp in timeStamps {
            entries[timeStamp.path] = SHA256.hash(timeStamp.response.derRepresentation).hex
        }
        let text = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { ChecksumManifest.line(sha256: entries[$0]!, path: $0) }.joined()
        return Array(text.utf8)
    }
}

extension BagBuilder {
    /// The bag's entries with the tokens added as tag files and the tag manifest rewritten to list them.
    ///
    /// `entries` are what ``BagBuilder/bag(for:sealedAt:key:)`` made: they hold the tag manifest in memory.
    package static func adding(_ timeStamps: [BundleTimeStamp], to entries: [BagEntry]) -> [BagEntry] {
        guard !timeStamps.isEmpty else { return entries }
        guard let index = entries.firstIndex(where: { $0.path == BagLayout.tagManifest }),
              case .bytes(let existing) = entries[index].content,
              let tagManifest = BundleTimeStamps.tagManifest(existing, adding: timeStamps)
        else { preconditionFailure("sealed entries hold a well-formed tag manifest") }
        var result = entries
        result[index] = BagEntry(path: BagLayout.tagManifest, content: .bytes(tagManifest))
        result += timeStamps.map { BagEntry(path: $0.path, content: .bytes($0.response.derRepresentation)) }
        return result.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
