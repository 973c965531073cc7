/// The orders `evidence list` shows a case's items in.
public enum ItemOrder: String, Sendable, CaseIterable {
    /// By best time, earliest first; items without a usable time last, in the order they were added.
    case time
    /// In the order they were added (item numbers).
    case added
    /// By kind (screenshots, photos, videos, …), then by best time.
    case kind

    /// The items in this order; items that compare equal keep their numbers' order.
    public func sorted(_ items: [EvidenceItem]) -> [EvidenceItem] {
        sorted(items, by: { (id: $0.id, kind: $0.kind, time: ItemOrder.usableTime(of: $0)?.instant) })
    }

    /// Rows that stand for items (what a listing keeps of each, not the whole item) in this order, by the number,
    /// kind and instant of ``usableTime(of:)`` of the item each stands for.
    package func sorted<Row>(_ rows: [Row], by key: (Row) -> (id: Int64, kind: EvidenceKind, time: Instant?))
        -> [Row]
    {
        switch self {
        case .added:
            return rows.sorted { key($0).id < key($1).id }
        case .time:
            return rows.sorted { ItemOrder.earlierInTime(key($0), key($1)) }
        case .kind:
            let rank = Dictionary(uniqueKeysWithValues: EvidenceKind.allCases.enumerated().map { ($1, $0) })
            return rows.sorted { a, b in
                let (a, b) = (key(a), key(b))
                let (ra, rb) = (rank[a.kind] ?? Int.max, rank[b.kind] ?? Int.max)
                return ra != rb ? ra < rb : ItemOrder.earlierInTime(a, b)
            }
        }
    }

    /// The time an item is placed by: its best time, unless that is only when it was added to the case, which says
    /// nothing about when it was made or sent.
    public static func usableTime(of item: EvidenceItem) -> EvidenceTimestamp? {
        guard let best = item.best, best.source != .acquired else { return nil }
        return best
    }

    private static func earlierInTime(_ a: (id: Int64, kind: EvidenceKind, time: Instant?),
                                      _ b: (id: Int64, kind: EvidenceKind, time: Instant?)) -> Bool {
        switch (a.time, b.time) {
        case let (x?, y?): x != y ? x < y : a.id < b.id
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): a.id < b.id
        }
    }
}
