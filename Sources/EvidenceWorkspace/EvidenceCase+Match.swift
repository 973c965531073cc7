import EvidenceModel
import Foundation

/// An item of the case that a hash of a list matches.
public struct PDQListMatch: Sendable, Equatable {
    /// The line of the list the hash was on (1-based).
    public var line: Int
    public var hash: PDQHash
    public var item: Int64
    public var itemName: String
    public var distance: Int
}

/// What `match` found.
public struct PDQMatchReport: Sendable {
    public var matches: [PDQListMatch]
    /// How many hashes the list held, and the lines that held none.
    public var listed: Int
    public var rejectedLines: [Int]
    /// Items with a hash compared, and items left out because their quality is below
    /// ``PDQHash/minimumUsefulQuality`` (too flat to match on).
    public var compared: Int
    public var tooFlat: [Int64]
}

extension EvidenceCase {
    /// Compares a list of PDQ hashes (a seized phone's, a platform's) with the case's images, through a
    /// ``PDQIndex`` of the case: a list of 100,000 against 10,000 items takes seconds, not the hours of comparing
    /// every pair.
    ///
    /// - Parameters:
    ///   - list: The hashes to look for.
    ///   - maxDistance: The largest distance that counts (default ``PDQHash/matchThreshold``).
    /// - Returns: Every match, by list line then item.
    public func match(_ list: PDQHashList, maxDistance: Int = PDQHash.matchThreshold) throws -> PDQMatchReport {
        var usable: [EvidenceItem] = []
        var hashes: [PDQHash] = []
        var tooFlat: [Int64] = []
        for item in try items() {
            guard let hex = item.pdq, let hash = PDQHash(hex: hex), let quality = item.pdqQuality else { continue }
            guard quality >= PDQHash.minimumUsefulQuality else {
                tooFlat.append(item.id)
                continue
            }
            usable.append(item)
            hashes.append(hash)
        }
        let index = PDQIndex(hashes)
        var matches: [PDQListMatch] = []
        for entry in list.entries {
            for found in index.matches(for: entry.hash, maxDistance: maxDistance) {
                let item = usable[found.position]
                matches.append(PDQListMatch(line: entry.line, hash: entry.hash, item: item.id, itemName: item.originalName,
                                            distance: found.distance))
            }
        }
        return PDQMatchReport(matches: matches, listed: list.entries.count, rejectedLines: list.rejectedLines,
                              compared: usable.count, tooFlat: tooFlat)
    }
}
