@testable import EvidenceFormat
@testable import EvidenceVerify
import Foundation
import Testing

/// The custody journal checked one line at a time as it streams (``JournalCheck``) says exactly what the check of
/// the whole journal said, wherever the chunks end, and holds one line, never the journal.
@Suite struct JournalCheckTests {
    static func line(_ seq: Int, prev: String, actor: String = "camille") -> [UInt8] {
        CustodyJournal.line(for: .init(seq: seq, action: seq == 1 ? "case-created" : "item-added", actor: actor,
                                       at: "2026-03-05T09:00:0\(seq % 10)Z", details: ["item": String(seq)], prev: prev))
    }

    /// Five chained lines, each with its newline.
    static let chained: [[UInt8]] = {
        var lines: [[UInt8]] = []
        var prev = CustodyJournal.genesis
        for seq in 1...5 {
            let line = line(seq, prev: prev)
            prev = CustodyJournal.link(after: line)
            lines.append(line + [0x0A])
        }
        return lines
    }()

    /// Journals broken in every way the whole-journal check knows, and the one problem each shape check reports.
    static let journals: [(name: String, bytes: [UInt8])] = {
        let valid = chained.joined()
        var edited = chained
        edited[2] = Array(String(decoding: edited[2], as: UTF8.self).replacingOccurrences(of: "camille", with: "mallory").utf8)
        var removed = chained
        removed.remove(at: 1)
        var notJSON = chained
        notJSON[3] = Array(repeating: UInt8(ascii: "x"), count: 80) + [0x0A]
        var reordered = chained
        reordered.swapAt(1, 2)
        return [
            ("valid", Array(valid)),
            ("edited", Array(edited.joined())),
            ("removed", Array(removed.joined())),
            ("not JSON", Array(notJSON.joined())),
            ("reordered", Array(reordered.joined())),
            ("cut short", Array(valid.dropLast(10))),
            ("empty", []),
        ]
    }()

    static func streamed(_ bytes: [UInt8], chunkSize: Int) -> [String] {
        let check = JournalCheck()
        var start = 0
        while start < bytes.count {
            check.inspect(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
            start += chunkSize
        }
        return check.problems
    }

    @Test(arguments: [1, 7, 64, 300, 1 << 20])
    func streamedCheckSaysWhatTheWholeJournalCheckSays(chunkSize: Int) {
        for (name, bytes) in Self.journals {
            let whole = CustodyJournal.problems(inJournal: bytes).map(\.description)
            #expect(Self.streamed(bytes, chunkSize: chunkSize) == whole, "\(name)")
            #expect(name == "valid" ? whole.isEmpty : !whole.isEmpty, "\(name): \(whole)")
        }
    }

    /// The pull reader's reading of a canonical line is `JSONDecoder`'s, escapes and non-ASCII text included; a line
    /// that is not canonical is left to `JSONDecoder`.
    @Test func canonicalLinesAreReadAsJSONDecoderReadsThem() throws {
        let details = ["originalName": "Capture d’écran \"1\"\n\t\u{1}\u{8}\u{C}\\ 😀.png", "é": "", "item": "12"]
        let line = CustodyJournal.line(for: .init(seq: 3, action: "item-added", actor: "Zoë", at: "2026-03-05T09:00:00Z",
                                                  details: details, prev: CustodyJournal.genesis))
        let canonical = try #require(CustodyJournal.ChainCheck.canonicalEntry(line))
        #expect(canonical == (try JSONDecoder().decode(CustodyJournal.Entry.self, from: Data(line))))
        #expect(canonical.details == details)
        let spaced = Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: ",\"seq\"", with: ", \"seq\"").utf8)
        #expect(spaced != line)
        #expect(CustodyJournal.ChainCheck.canonicalEntry(spaced) == nil)
        let duplicated = Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\"seq\":3", with: "\"seq\":3,\"seq\":3").utf8)
        #expect(CustodyJournal.ChainCheck.canonicalEntry(duplicated) == nil)
    }

    @Test(arguments: [1, 13, 1 << 20])
    func aShortLineIsTheOnlyProblemReported(chunkSize: Int) {
        // Line 4 has 3 bytes, and line 2 is edited: the shape alone is reported, as the journal is not one at all.
        var lines = Self.chained
        lines[1] = Array(String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: "camille", with: "mallory").utf8)
        lines[3] = Array("{}\n".utf8)
        #expect(Self.streamed(Array(lines.joined()), chunkSize: chunkSize)
                == ["line 4 has 2 bytes, fewer than any journal entry (each holds a 64-character hash); not read further"])
    }

    @Test func moreLinesThanAnyJournalAreNotRead() {
        let check = JournalCheck(maximumLines: 4)
        check.inspect(Array(Self.chained.joined()))
        #expect(check.problems == ["more than 4 lines; not read"])
    }

    /// A journal broken on every line keeps the first problems and counts the rest, so it costs no more memory than
    /// one broken once.
    @Test func problemsBeyondTheListedOnesAreCounted() {
        let check = JournalCheck()
        let line = Array(repeating: UInt8(ascii: "x"), count: JournalCheck.shortestLine) + [0x0A]
        let lines = JournalCheck.maximumListedProblems + 5
        check.inspect(Array(Array(repeating: line, count: lines).joined()))
        let problems = check.problems
        #expect(problems.count == JournalCheck.maximumListedProblems + 1)
        #expect(problems.first == "line 1: not a journal entry")
        #expect(problems.last == "5 more problems not listed")
    }

    /// A line longer than any entry is refused as soon as it passes the cap, before its newline arrives, so the
    /// check never holds more than one line's worth of a hostile journal.
    @Test func aLineLongerThanAnyEntryIsRefusedBeforeItEnds() {
        let check = JournalCheck()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0...(JournalCheck.longestLine >> 20) { check.inspect(chunk) }
        #expect(check.problems == ["line 1 is longer than \(JournalCheck.longestLine) bytes, longer than any journal entry; not read further"])
    }
}
