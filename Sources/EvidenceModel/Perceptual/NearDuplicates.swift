/// Items of a case that look alike: their PDQ hashes are within ``PDQHash/matchThreshold`` bits, so one is most
/// likely a re-compressed, resized or cropped copy of the other ("item 12 looks like item 4, distance 8").
///
/// Exact copies (same SHA-256) are one item already; this groups the rest. Hashes whose quality is below
/// ``PDQHash/minimumUsefulQuality`` (flat or nearly blank images) are left out, as Meta advises: two blank
/// pictures look alike without being the same picture.
public struct NearDuplicateGroup: Sendable, Equatable {
    /// One item of the group and the earlier item of the group it is closest to.
    public struct Resemblance: Sendable, Equatable {
        public var item: Int64
        public var looksLike: Int64
        public var distance: Int
    }

    /// The items of the group, in id order.
    public var items: [Int64]
    /// For every item but the first, the earlier item of the group it is closest to.
    public var resemblances: [Resemblance]

    /// The groups among items, in the order of their first item; items that look like no other are in none.
    ///
    /// - Parameters:
    ///   - hashes: Each item's id, hash and quality.
    ///   - maxDistance: The largest distance that counts as a resemblance.
    public static func groups(of hashes: [(item: Int64, hash: PDQHash, quality: Int)],
                              maxDistance: Int = PDQHash.matchThreshold) -> [NearDuplicateGroup] {
        let usable = hashes.filter { $0.quality >= PDQHash.minimumUsefulQuality }.sorted { $0.item < $1.item }
        let index = PDQIndex(usable.map(\.hash))
        var root = Array(usable.indices)
        func find(_ position: Int) -> Int {
            var position = position
            while root[position] != position {
                root[position] = root[root[position]]
                position = root[position]
            }
            return position
        }
        var closestEarlier: [Int: PDQIndex.Match] = [:]
        for (position, entry) in usable.enumerated() {
            for match in index.matches(for: entry.hash, maxDistance: maxDistance) where match.position < position {
                let (a, b) = (find(match.position), find(position))
                if a != b { root[max(a, b)] = min(a, b) }
                if let best = closestEarlier[position], best.distance <= match.distance { continue }
                closestEarlier[position] = match
            }
        }
        var members: [Int: [Int]] = [:]
        for position in usable.indices { members[find(position), default: []].append(position) }
        return members.keys.sorted().compactMap { groupRoot in
            let positions = members[groupRoot]!
            guard positions.count > 1 else { return nil }
            return NearDuplicateGroup(
                items: positions.map { usable[$0].item },
                resemblances: positions.dropFirst().compactMap { position in
                    closestEarlier[position].map {
                        Resemblance(item: usable[position].item, looksLike: usable[$0.position].item, distance: $0.distance)
                    }
                })
        }
    }
}
