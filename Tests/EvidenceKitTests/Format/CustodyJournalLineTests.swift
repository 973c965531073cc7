@testable import EvidenceFormat
import Testing

/// The journal line written member by member (`CustodyJournal.line(seq:…sortedDetails:prev:)`, which `add` uses
/// for every file) against the `CanonicalJSON.Value` tree the journal's lines were written from before it.
@Suite struct CustodyJournalLineTests {
    static func lineFromValueTree(_ entry: CustodyJournal.Entry) -> [UInt8] {
        CanonicalJSON.compact(.object([
            "seq": .integer(entry.seq),
            "action": .string(entry.action),
            "actor": .string(entry.actor),
            "at": .string(entry.at),
            "details": .object(entry.details.mapValues(CanonicalJSON.Value.string)),
            "prev": .string(entry.prev),
        ]))
    }

    @Test func linesAreTheValueTreesBytes() {
        let values = GeneratedValues(seed: 0x6C69_6E65)
        var mismatches: [CustodyJournal.Entry] = []
        for seq in [0, 1, 9, 10, 99, 100, 1_234_567, Int.max, -1] + Array(2...20_000) {
            let entry = values.journalEntry(seq: seq)
            let sorted = CanonicalJSON.sortedKeys(entry.details.keys).map { (key: $0, value: entry.details[$0]!) }
            let direct = CustodyJournal.line(seq: entry.seq, action: entry.action, actor: entry.actor, at: entry.at,
                                             sortedDetails: sorted, prev: entry.prev)
            let expected = Self.lineFromValueTree(entry)
            if direct != expected || CustodyJournal.line(for: entry) != expected { mismatches.append(entry) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    /// What `add` journals for a new item, written with its details in the order `add` passes them.
    @Test func anItemAddedLineIsTheValueTreesBytes() {
        let details = [("item", "12"), ("originalName", "Capture d’écran \"1\".png"),
                       ("originalPath", "photos/é\\n\u{1}/Capture d’écran \"1\".png"), ("sha256", String(repeating: "ab", count: 32)),
                       ("size", "102400")]
        let entry = CustodyJournal.Entry(seq: 13, action: "item-added", actor: "Léa \u{7}", at: "2026-03-05T09:00:00Z",
                                         details: Dictionary(uniqueKeysWithValues: details), prev: String(repeating: "0", count: 64))
        let line = CustodyJournal.line(seq: 13, action: "item-added", actor: "Léa \u{7}", at: "2026-03-05T09:00:00Z",
                                       sortedDetails: details.map { (key: $0.0, value: $0.1) },
                                       prev: String(repeating: "0", count: 64))
        #expect(line == Self.lineFromValueTree(entry))
        #expect(CustodyJournal.entry(inLine: line) == entry)
    }
}
