import EvidenceModel
import EvidenceCrypto
import Foundation

/// The chain-of-custody journal: one JSON object per line, each holding the SHA-256 of the previous line's
/// exact bytes (`prev`), so that editing, inserting or deleting an old entry breaks the chain.
///
/// For example:
/// ```
/// {"action":"case-created","actor":"camille","at":"2026-03-05T09:00:00Z","details":{…},"prev":"000…000","seq":1}
/// ```
public enum CustodyJournal {
    /// The `prev` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// One entry as written by ``CustodyJournal/line(for:)``: keys sorted, no spaces, so the line bytes are canonical.
    public struct Entry: Codable, Sendable, Equatable {
        public var seq: Int
        /// What happened: `case-created`, `item-added`, `duplicate-seen`, `bundle-sealed`.
        public var action: String
        /// Who did it: `EVIDENCE_ACTOR`, else the name given at `init --by`, else `case owner` (older cases: the
        /// operating-system account).
        public var actor: String
        /// When (RFC 3339, UTC).
        public var at: String
        public var details: [String: String]
        public var prev: String

        /// A value from all its parts.
        package init(seq: Int, action: String, actor: String, at: String, details: [String: String], prev: String) {
            self.seq = seq
            self.action = action
            self.actor = actor
            self.at = at
            self.details = details
            self.prev = prev
        }
    }

    /// The canonical line (without its newline) for an entry: ``CanonicalJSON``'s compact form.
    public static func line(for entry: Entry) -> [UInt8] {
        let details = CanonicalJSON.sortedKeys(entry.details.keys).map { (key: $0, value: entry.details[$0]!) }
        return line(seq: entry.seq, action: entry.action, actor: entry.actor, at: entry.at, sortedDetails: details,
                    prev: entry.prev)
    }

    /// The canonical line of an entry whose details are already in key order (by their UTF-8 bytes, as
    /// ``CanonicalJSON/sortedKeys(_:)`` orders them), written member by member: `add` journals every file, and
    /// building a dictionary and a `CanonicalJSON.Value` tree only to sort and walk them again cost more than the
    /// line. The bytes are those of ``line(for:)`` (`CustodyJournalLineTests`).
    package static func line(seq: Int, action: String, actor: String, at: String,
                             sortedDetails details: [(key: String, value: String)], prev: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        // The entry's own keys, in the order CanonicalJSON sorts them: action, actor, at, details, prev, seq.
        out.append(contentsOf: #"{"action":"#.utf8)
        CanonicalJSON.appendString(action, to: &out, escaping: .manifest)
        out.append(contentsOf: #","actor":"#.utf8)
        CanonicalJSON.appendString(actor, to: &out, escaping: .manifest)
        out.append(contentsOf: #","at":"#.utf8)
        CanonicalJSON.appendString(at, to: &out, escaping: .manifest)
        out.append(contentsOf: #","details":{"#.utf8)
        for (index, detail) in details.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(detail.key, to: &out, escaping: .manifest)
            out.append(UInt8(ascii: ":"))
            CanonicalJSON.appendString(detail.value, to: &out, escaping: .manifest)
        }
        out.append(contentsOf: #"},"prev":"#.utf8)
        CanonicalJSON.appendString(prev, to: &out, escaping: .manifest)
        out.append(contentsOf: #","seq":"#.utf8)
        CanonicalJSON.appendInteger(Int64(seq), to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The `prev` value the entry after `line` must carry.
    public static func link(after line: [UInt8]) -> String { SHA256.hash(line).hex }

    /// A break in the chain, found while checking a journal.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line number in the journal.
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The entry a line holds (its bytes without the newline), `nil` when it holds none. A line in canonical form
    /// (every line we write) is read by the pull reader, at a fraction of `JSONDecoder`'s cost, and gives what
    /// `JSONDecoder` would; any other line goes through `JSONDecoder`.
    package static func entry(inLine line: [UInt8]) -> Entry? {
        ChainCheck.canonicalEntry(line) ?? (try? JSONDecoder().decode(Entry.self, from: Data(line)))
    }

    /// Checks every line of a journal and returns every problem (an empty array means the chain holds).
    public static func problems(inJournal bytes: [UInt8]) -> [Problem] {
        // Never empty: what follows the last newline (nothing, in a journal that is not cut short) is its last element.
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var check = ChainCheck()
        for line in lines.dropLast() { check.check(line: Array(line)) }
        return check.finish(unterminatedTail: !lines[lines.count - 1].isEmpty)
    }
}
