/// A cheap look at a custody journal before it is parsed line by line, so that a hostile journal cannot make
/// the parse cost more than the journal's size: millions of one-byte lines would each become a problem.
enum JournalShape {
    /// No journal entry is shorter: each holds the previous line's SHA-256 in hex.
    static let shortestLine = 64
    /// Lines in a journal: a case of 200,000 items has about that many steps, several times over.
    static let maximumLines = 1_000_000

    /// Why the journal cannot be a journal at all, or `nil` when it is worth parsing.
    static func problem(_ bytes: [UInt8]) -> String? {
        var lines = 0
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines += 1
            if index - lineStart < shortestLine {
                return "line \(lines) has \(index - lineStart) bytes, fewer than any journal entry (each holds a 64-character hash); not read further"
            }
            if lines > maximumLines {
                return "more than \(maximumLines) lines; not read"
            }
            lineStart = index + 1
        }
        return nil
    }
}
