import EvidenceFormat

/// Checks `evidence/custody.jsonl` as it streams, one line at a time, so that memory stays the same whatever the
/// journal's size: a 36 MB journal of 100,000 steps costs what a line costs.
///
/// First its shape, so that a hostile journal cannot make the check cost more than its size (millions of one-byte
/// lines would each become a problem): every line holds at least the previous line's 64-character hash, there are
/// at most ``maximumLines``, and none is longer than ``longestLine``. A journal of the wrong shape is reported by
/// that one problem alone, whatever its lines would have said; otherwise every line is checked against the chain
/// (``CustodyJournal/ChainCheck``).
final class JournalCheck: ContentInspection, @unchecked Sendable {
    /// No journal entry is shorter: each holds the previous line's SHA-256 in hex.
    static let shortestLine = 64
    /// Lines in a journal: a case of 200,000 items has about that many steps, several times over.
    static let maximumLines = 1_000_000
    /// The most bytes of one line held at once (``BundleLimits/maximumJournalLineBytes``).
    static let longestLine = BundleLimits.maximumJournalLineBytes
    /// Problems listed one by one; beyond, they are counted in one more. A line removed from the middle of a
    /// journal shifts the sequence of every line after it, so a real journal can have as many as it has lines.
    static let maximumListedProblems = 10_000

    /// The line read so far, when a chunk ends inside it.
    private var partialLine: [UInt8] = []
    private var lines = 0
    private var shapeProblem: String?
    private var chain = CustodyJournal.ChainCheck(keepingAtMost: JournalCheck.maximumListedProblems)
    private let maximumLines: Int

    /// - Parameter maximumLines: Lines beyond which the journal is not read (tests lower it).
    init(maximumLines: Int = JournalCheck.maximumLines) {
        self.maximumLines = maximumLines
    }

    func inspect(_ chunk: [UInt8]) {
        var start = 0
        while shapeProblem == nil, start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                partialLine += chunk[start...]
                if partialLine.count > Self.longestLine {
                    shapeProblem = "line \(lines + 1) is longer than \(Self.longestLine) bytes, longer than any journal entry; not read further"
                }
                return
            }
            if partialLine.isEmpty {
                check(line: Array(chunk[start..<newline]))
            } else {
                partialLine += chunk[start..<newline]
                check(line: partialLine)
                partialLine.removeAll(keepingCapacity: false)
            }
            start = newline + 1
        }
    }

    /// Every problem of the journal, in words (empty when the chain holds), once all of it has been inspected.
    var problems: [String] {
        if let shapeProblem { return [shapeProblem] }
        let problems = chain.finish(unterminatedTail: !partialLine.isEmpty).map(\.description)
        guard chain.unlistedProblemCount > 0, partialLine.isEmpty else { return problems }
        return problems + ["\(chain.unlistedProblemCount) more problems not listed"]
    }

    private func check(line: [UInt8]) {
        lines += 1
        if line.count < Self.shortestLine {
            shapeProblem = "line \(lines) has \(line.count) bytes, fewer than any journal entry (each holds a 64-character hash); not read further"
        } else if line.count > Self.longestLine {
            shapeProblem = "line \(lines) is longer than \(Self.longestLine) bytes, longer than any journal entry; not read further"
        } else if lines > maximumLines {
            shapeProblem = "more than \(maximumLines) lines; not read"
        } else {
            chain.check(line: line)
        }
    }
}
