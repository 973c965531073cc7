import Foundation

extension CustodyJournal {
    /// Checks a journal one line at a time, so that a verifier holds one line, never the journal: memory stays the
    /// same for a journal of 100 lines or of 1,000,000.
    ///
    /// For example:
    /// ```swift
    /// var check = CustodyJournal.ChainCheck()
    /// for line in lines { check.check(line: line) }   // each without its newline
    /// let problems = check.finish(unterminatedTail: false)
    /// ```
    package struct ChainCheck {
        private var expectedPrev = CustodyJournal.genesis
        private var problems: [Problem] = []
        private let maximumProblems: Int
        /// Lines checked so far.
        package private(set) var lineCount = 0
        /// Problems found beyond the first `maximumProblems`: counted, not kept.
        package private(set) var unlistedProblemCount = 0

        /// - Parameter maximumProblems: The most problems kept, so that a journal broken on every line costs no
        ///   more memory than one broken on a few; the rest are counted.
        package init(keepingAtMost maximumProblems: Int = .max) {
            self.maximumProblems = maximumProblems
        }

        /// Checks the next complete line (its bytes without the newline).
        package mutating func check(line: [UInt8]) {
            lineCount += 1
            let number = lineCount
            defer { expectedPrev = link(after: line) }
            // A line in canonical form (every line of a sound journal) is read by the pull reader at a quarter of
            // `JSONDecoder`'s cost; being canonical, it is exactly what `JSONDecoder` would read. Any other line
            // takes the decoder's path, so every verdict stays what it was.
            let entry: Entry
            let isCanonical: Bool
            if let canonical = Self.canonicalEntry(line) {
                entry = canonical
                isCanonical = true
            } else if let decoded = try? JSONDecoder().decode(Entry.self, from: Data(line)) {
                entry = decoded
                isCanonical = CustodyJournal.line(for: decoded) == line
            } else {
                report(Problem(line: number, reason: "not a journal entry"))
                return
            }
            if entry.seq != number {
                report(Problem(line: number, reason: "sequence number \(entry.seq), expected \(number) (an entry was removed or inserted)"))
            }
            if entry.prev != expectedPrev {
                report(Problem(line: number, reason: "does not chain to the line before it (that line was changed, removed or inserted)"))
            }
            // Compared with our own frozen encoder, never Foundation's, so the verdict cannot change with a library
            // version. The chain and the signed manifest catch any edit once a line is followed or sealed; this
            // also catches a hand-edited last entry of a case, which nothing else would.
            if !isCanonical {
                report(Problem(line: number, reason: "is not in canonical form (edited by hand?)"))
            }
        }

        /// The entry `line` holds when it is the canonical encoding of one, else `nil`.
        static func canonicalEntry(_ line: [UInt8]) -> Entry? {
            var reader = JSONPullReader(line)
            var seq: Int?
            var action: String?, actor: String?, at: String?, prev: String?
            var details: [String: String]?
            func string(_ reader: inout JSONPullReader) -> String? {
                (try? reader.next()) == .string ? reader.stringValue() : nil
            }
            /// Reads an object's members through `member`; false unless every one was read and the object ended.
            func members(_ reader: inout JSONPullReader, _ member: (String, inout JSONPullReader) -> Bool) -> Bool {
                guard (try? reader.next()) == .beginObject else { return false }
                while true {
                    switch try? reader.next() {
                    case .key(let key)?: guard member(key, &reader) else { return false }
                    case .endObject?: return true
                    default: return false
                    }
                }
            }
            let complete = members(&reader) { key, reader in
                switch key {
                case "seq":
                    guard (try? reader.next()) == .number, let value = reader.integerValue() else { return false }
                    seq = Int(exactly: value)
                case "action": action = string(&reader)
                case "actor": actor = string(&reader)
                case "at": at = string(&reader)
                case "prev": prev = string(&reader)
                case "details":
                    var values: [String: String] = [:]
                    guard members(&reader, { name, reader in
                        guard let value = string(&reader) else { return false }
                        values[name] = value
                        return true
                    }) else { return false }
                    details = values
                default: return false
                }
                return true
            }
            guard complete, (try? reader.next()) == .end, let seq, let action, let actor, let at, let details, let prev else {
                return nil
            }
            let entry = Entry(seq: seq, action: action, actor: actor, at: at, details: details, prev: prev)
            return CustodyJournal.line(for: entry) == line ? entry : nil
        }

        private mutating func report(_ problem: Problem) {
            if problems.count < maximumProblems { problems.append(problem) } else { unlistedProblemCount += 1 }
        }

        /// Every problem of the journal (empty when the chain holds), the first `maximumProblems` of them.
        ///
        /// - Parameter unterminatedTail: Whether bytes followed the last newline: the journal was cut short, and
        ///   that alone is reported.
        package func finish(unterminatedTail: Bool) -> [Problem] {
            if unterminatedTail {
                return [Problem(line: lineCount + 1, reason: "the journal does not end with a newline (cut short?)")]
            }
            if lineCount == 0 { return [Problem(line: 0, reason: "the journal is empty")] }
            return problems
        }
    }
}
