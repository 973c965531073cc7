/// Finds, among many PDQ hashes, every one within a Hamming distance of a query, without comparing the query
/// with all of them: multi-index hashing (Norouzi, Punjani and Fleet, 2012) on the hash's sixteen 16-bit blocks.
///
/// Two hashes within distance `d` of each other agree, by the pigeonhole principle, to within `d / 16` bits on at
/// least one block. So each block has a table from its 65,536 values to the hashes holding that value, and a query
/// looks up, in each table, every value within `d / 16` bits of its own block (17 values per block for the
/// ThreatExchange threshold of 31), then checks only the hashes found there. For random hashes a query meets about
/// `count × 272 / 65,536` candidates instead of `count`.
///
/// For example:
///
/// ```swift
/// let index = PDQIndex([photo, screenshot])
/// index.matches(for: seized, maxDistance: 31)   // [PDQIndex.Match(position: 0, distance: 8)]
/// ```
public struct PDQIndex: Sendable {
    /// A hash of the index within the distance asked for.
    public struct Match: Sendable, Equatable {
        /// Its position in the array the index was built from.
        public var position: Int
        public var distance: Int
    }

    /// The hashes, in the order given.
    public let hashes: [PDQHash]
    /// For each block, where each of its 65,536 values starts in `positions` (a compressed sparse row table).
    private let starts: [[Int32]]
    /// For each block, the positions of the hashes, grouped by the value of that block.
    private let positions: [[Int32]]

    /// Indexes hashes; building takes one pass per block.
    public init(_ hashes: [PDQHash]) {
        self.hashes = hashes
        let blocks = hashes.map(\.blocks)
        var starts: [[Int32]] = []
        var positions: [[Int32]] = []
        for block in 0..<16 {
            var counts = [Int32](repeating: 0, count: 65_537)
            for hash in blocks { counts[Int(hash[block]) + 1] += 1 }
            for value in 0..<65_536 { counts[value + 1] += counts[value] }
            var next = counts
            var table = [Int32](repeating: 0, count: hashes.count)
            for (position, hash) in blocks.enumerated() {
                let value = Int(hash[block])
                table[Int(next[value])] = Int32(position)
                next[value] += 1
            }
            starts.append(counts)
            positions.append(table)
        }
        self.starts = starts
        self.positions = positions
    }

    /// Every indexed hash within `maxDistance` bits of `query`, by position.
    ///
    /// - Parameters:
    ///   - query: The hash to look for.
    ///   - maxDistance: The largest distance that counts as a match, 0 to 256. Up to 31 a query probes 17 values per
    ///     block; up to 47, 137; beyond that the index slowly turns into a comparison with every hash.
    /// - Returns: The matches, in the order of their positions.
    public func matches(for query: PDQHash, maxDistance: Int) -> [Match] {
        precondition((0...256).contains(maxDistance), "a PDQ distance is between 0 and 256")
        let radius = maxDistance / 16
        let masks = radius < Self.commonMasks.count ? Self.commonMasks[radius] : Self.masks(withAtMostBits: radius)
        var found: [Match] = []
        for (block, value) in query.blocks.enumerated() {
            for mask in masks {
                let probe = Int(value ^ mask)
                for slot in Int(starts[block][probe])..<Int(starts[block][probe + 1]) {
                    let position = Int(positions[block][slot])
                    let distance = hashes[position].distance(to: query)
                    if distance <= maxDistance { found.append(Match(position: position, distance: distance)) }
                }
            }
        }
        // A close hash is found through several blocks; keep it once.
        found.sort { $0.position < $1.position }
        var unique: [Match] = []
        for match in found where unique.last?.position != match.position { unique.append(match) }
        return unique
    }

    /// The masks for per-block radii 0 to 2 (distances up to 47), made once rather than on every query.
    private static let commonMasks: [[UInt16]] = (0...2).map { masks(withAtMostBits: $0) }

    /// Every 16-bit mask with at most `bits` bits set.
    private static func masks(withAtMostBits bits: Int) -> [UInt16] {
        if bits >= 16 { return (0...UInt16.max).map { $0 } }
        return (0...UInt16.max).filter { $0.nonzeroBitCount <= bits }
    }
}
