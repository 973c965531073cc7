import Foundation

/// A list of PDQ hashes read from text: one hex hash per line, or CSV whose header names the hash column (`pdq`,
/// `hash`, `pdq_hash`, `signal_value` or `indicator`, in any case) — the shapes hash lists are exchanged in.
///
/// Lines that hold no hash (blank lines, `#` comments in a plain list, rows whose hash cell is not 64 hex
/// digits) are counted, not fatal: one bad row in a list of 100,000 should not hide the rest.
public struct PDQHashList: Sendable {
    /// A hash and the 1-based line it was on.
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var hash: PDQHash
    }

    /// The names a CSV header may give the hash column.
    public static let columnNames: Set<String> = ["pdq", "hash", "pdq_hash", "signal_value", "indicator"]

    public var entries: [Entry]
    /// Lines (after a CSV header) that held something other than a hash, by number.
    public var rejectedLines: [Int]

    /// Reads a list.
    ///
    /// - Parameters:
    ///   - text: The list's text.
    ///   - fileName: Named in the error.
    /// - Throws: ``ExportParseError`` (`no-headers`) when the first line is neither a hash nor a CSV header naming
    ///   a hash column.
    public init(parsing text: String, fileName: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var column: Int?
        var entries: [Entry] = []
        var rejected: [Int] = []
        var sawFirst = false
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || (column == nil && line.hasPrefix("#")) { continue }
            if !sawFirst {
                sawFirst = true
                if PDQHash(hex: line) == nil {
                    let header = Self.cells(of: line).map { $0.lowercased() }
                    guard let found = header.firstIndex(where: Self.columnNames.contains) else {
                        throw ExportParseError(
                            code: .noHeaders,
                            reason: "the first line is neither a PDQ hash (64 hex digits) nor a CSV header with a "
                                + "column named \(Self.columnNames.sorted().joined(separator: ", "))",
                            fileName: fileName, line: offset + 1)
                    }
                    column = found
                    continue
                }
            }
            let cell: String
            if let column {
                let cells = Self.cells(of: line)
                cell = column < cells.count ? cells[column] : ""
            } else {
                cell = line
            }
            if let hash = PDQHash(hex: cell) { entries.append(Entry(line: offset + 1, hash: hash)) } else { rejected.append(offset + 1) }
        }
        self.entries = entries
        self.rejectedLines = rejected
    }

    /// The cells of one CSV line: commas outside double quotes separate, quotes are removed (`""` is a quote).
    private static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var previousWasQuote = false
        for character in line {
            if character == "\"" {
                if quoted && previousWasQuote { current.append("\"") }
                quoted.toggle()
                previousWasQuote = !quoted
                continue
            }
            previousWasQuote = false
            if character == "," && !quoted {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
