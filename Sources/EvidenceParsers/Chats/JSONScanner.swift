import EvidenceModel
import Foundation

/// Finds where JSON values start and end in the original bytes, without building them.
///
/// Foundation's `JSONSerialization` decodes values but cannot say where each came from; evidence needs the byte
/// range of every message. This scanner tracks only strings, escapes and nesting (capped at ``maximumDepth``);
/// the values of one message are then decoded with `JSONSerialization` on that message's slice.
struct JSONScanner {
    static let maximumDepth = 256

    let b: [UInt8]
    let name: String

    func error(_ reason: String, at offset: Int) -> ChatParseError {
        let clamped = max(0, min(offset, b.count))
        return ChatParseError(code: .malformedJSON, reason: reason, fileName: name,
                              line: b.lineNumber(of: clamped), byteOffset: clamped)
    }

    @inline(__always)
    func skipSpace(_ p: Int) -> Int {
        var p = p
        while p < b.count {
            let c = b[p]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { p &+= 1 } else { break }
        }
        return p
    }

    /// The offset just past the string that starts (with its opening quote) at `p`.
    func stringEnd(_ p: Int) throws -> Int {
        var i = p &+ 1
        while i < b.count {
            let c = b[i]
            if c == 0x22 { return i &+ 1 }
            if c == 0x5C { i &+= 2; continue }
            if c < 0x20 { throw error("a control character inside a string (JSON does not allow it)", at: i) }
            i &+= 1
        }
        throw error("the file ends inside a string opened on line \(b.lineNumber(of: p)): the JSON "
                        + "is truncated", at: b.count)
    }

    /// The offset just past the value that starts at `p` (after whitespace).
    func valueEnd(_ p: Int) throws -> Int {
        let start = skipSpace(p)
        guard start < b.count else { throw error("the file ends where a value should be: the JSON is truncated", at: start) }
        switch b[start] {
        case 0x22:
            return try stringEnd(start)
        case 0x7B, 0x5B:
            var stack: [UInt8] = [b[start]]
            var i = start &+ 1
            while i < b.count {
                let c = b[i]
                switch c {
                case 0x22:
                    i = try stringEnd(i)
                    continue
                case 0x7B, 0x5B:
                    stack.append(c)
                    if stack.count > Self.maximumDepth {
                        throw error("nested more than \(Self.maximumDepth) levels deep", at: i)
                    }
                case 0x7D, 0x5D:
                    guard let open = stack.popLast(), (open == 0x7B) == (c == 0x7D) else {
                        throw error("a closing \(c == 0x7D ? "}" : "]") that matches nothing", at: i)
                    }
                    if stack.isEmpty { return i &+ 1 }
                default:
                    break
                }
                i &+= 1
            }
            throw error("the file ends before the \(b[start] == 0x7B ? "object" : "array") opened on line "
                            + "\(b.lineNumber(of: start)) is closed: the JSON is truncated", at: b.count)
        default:
            var i = start
            while i < b.count {
                let c = b[i]
                if c == 0x2C || c == 0x7D || c == 0x5D || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { break }
                i &+= 1
            }
            if i == start { throw error("a value was expected here", at: start) }
            return i
        }
    }

    /// The members of the object starting at `p`: each key (decoded) with its value's range.
    func members(_ p: Int) throws -> [(key: String, value: Range<Int>)] {
        var i = skipSpace(p)
        guard i < b.count, b[i] == 0x7B else { throw error("an object was expected here", at: i) }
        i = skipSpace(i &+ 1)
        var result: [(key: String, value: Range<Int>)] = []
        if i < b.count, b[i] == 0x7D { return result }
        while true {
            guard i < b.count else { throw error("the file ends inside an object: the JSON is truncated", at: i) }
            guard b[i] == 0x22 else { throw error("a member name was expected here", at: i) }
            let keyEnd = try stringEnd(i)
            let key = try decodeString(i..<keyEnd)
            i = skipSpace(keyEnd)
            guard i < b.count, b[i] == 0x3A else { throw error("\":\" was expected after a member name", at: i) }
            let valueStart = skipSpace(i &+ 1)
            let end = try valueEnd(valueStart)
            result.append((key, valueStart..<end))
            i = skipSpace(end)
            guard i < b.count else { throw error("the file ends inside an object: the JSON is truncated", at: i) }
            if b[i] == 0x2C { i = skipSpace(i &+ 1); continue }
            if b[i] == 0x7D { return result }
            throw error("\",\" or \"}\" was expected here", at: i)
        }
    }

    /// Calls `body` with the range of each element of the array starting at `p`.
    func forEachElement(_ p: Int, _ body: (Range<Int>) throws -> Void) throws {
        var i = skipSpace(p)
        guard i < b.count, b[i] == 0x5B else { throw error("an array was expected here", at: i) }
        i = skipSpace(i &+ 1)
        if i < b.count, b[i] == 0x5D { return }
        while true {
            let end = try valueEnd(i)
            try body(i..<end)
            i = skipSpace(end)
            guard i < b.count else { throw error("the file ends inside an array: the JSON is truncated", at: i) }
            if b[i] == 0x2C { i = skipSpace(i &+ 1); continue }
            if b[i] == 0x5D { return }
            throw error("\",\" or \"]\" was expected here", at: i)
        }
    }

    /// Decodes one value with Foundation, naming the place when it is malformed.
    func decode(_ range: Range<Int>) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(b[range]),
                                                    options: [.fragmentsAllowed])
        } catch {
            throw self.error("this value is not valid JSON", at: range.lowerBound)
        }
    }

    /// Decodes one value whose strings together keep at most `stringBudget` bytes (as written, escapes included):
    /// a string that would pass the budget is cut there, on a character boundary. `cut` says what was left out.
    /// A value that is large for another reason (more than twice the budget once its strings are cut) is refused,
    /// so no hostile value costs more than a few times the budget in memory.
    func decode(_ range: Range<Int>, stringBudget: Int) throws -> (value: Any, cut: StringCut?) {
        // A value no longer than the budget cannot hold a string longer than it: the common case copies nothing.
        guard range.count > stringBudget else { return (try decode(range), nil) }
        let maximumCopy = 2 &* stringBudget
        var copy: [UInt8] = []
        var remaining = stringBudget
        var cut = StringCut()
        var copiedUpTo = range.lowerBound
        var i = range.lowerBound
        func append(upTo end: Int) throws {
            guard copy.count &+ (end &- copiedUpTo) <= maximumCopy else {
                throw error("a value of \(range.count) bytes whose structure alone passes \(maximumCopy) bytes",
                            at: range.lowerBound)
            }
            copy.append(contentsOf: b[copiedUpTo..<end])
            copiedUpTo = end
        }
        while i < range.upperBound {
            guard b[i] == 0x22 else { i &+= 1; continue }
            let end = try stringEnd(i)
            let length = end &- i &- 2
            if length <= remaining {
                remaining &-= length
                i = end
                continue
            }
            let kept = cutPoint(from: i &+ 1, limit: i &+ 1 &+ remaining)
            try append(upTo: kept)
            copy.append(0x22)
            remaining &-= kept &- (i &+ 1)
            cut.strings &+= 1
            cut.droppedBytes &+= (end &- 1) &- kept
            cut.longestString = max(cut.longestString, length)
            copiedUpTo = end
            i = end
        }
        try append(upTo: range.upperBound)
        do {
            return (try JSONSerialization.jsonObject(with: Data(copy), options: [.fragmentsAllowed]),
                    cut.strings > 0 ? cut : nil)
        } catch {
            throw self.error("this value is not valid JSON", at: range.lowerBound)
        }
    }

    /// What ``decode(_:stringBudget:)`` left out of a value.
    struct StringCut {
        /// Strings cut short.
        var strings = 0
        /// Bytes of the original left out.
        var droppedBytes = 0
        /// The longest string cut, in bytes as written.
        var longestString = 0
    }

    /// The offset at or before `limit` where the string content starting at `start` can end: never inside an
    /// escape (a surrogate pair counts as one), never inside a UTF-8 sequence.
    private func cutPoint(from start: Int, limit: Int) -> Int {
        var p = start
        while p < limit {
            guard b[p] == 0x5C else { p &+= 1; continue }
            var step = b[p &+ 1] == 0x75 ? 6 : 2
            // `\uD8xx`–`\uDBxx` opens a surrogate pair: keep both halves or neither.
            if step == 6, p &+ 3 < b.count, b[p &+ 2] | 0x20 == 0x64,
               [0x38, 0x39, 0x61, 0x62].contains(b[p &+ 3] | 0x20) {
                step = 12
            }
            if p &+ step > limit { break }
            p &+= step
        }
        p = min(p, limit)
        while p > start, b[p] & 0xC0 == 0x80 { p &-= 1 }
        return p
    }

    func decodeString(_ range: Range<Int>) throws -> String {
        // Keys and short names without escapes are the common case: skip Foundation for them.
        if !b[range].contains(0x5C) {
            let inner = (range.lowerBound &+ 1)..<(range.upperBound &- 1)
            if b.firstInvalidUTF8(from: inner.lowerBound, to: inner.upperBound) != nil {
                throw error("invalid UTF-8 inside a string", at: range.lowerBound)
            }
            return b.text(from: inner.lowerBound, to: inner.upperBound)
        }
        guard let s = try decode(range) as? String else { throw error("a string was expected here", at: range.lowerBound) }
        return s
    }

    /// The first non-space byte of the file must open an object.
    func rootObject() throws -> Int {
        var p = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p = 3 }
        p = skipSpace(p)
        guard p < b.count, b[p] == 0x7B else { throw error("this is not a JSON object", at: p) }
        return p
    }
}

extension JSONScanner.StringCut {
    /// The warning for message `index` (0-based) at `line`, whose text was cut to `budget` bytes.
    func warning(message index: Int, line: Int, budget: Int) -> EvidenceWarning {
        EvidenceWarning(
            code: .messageTruncated,
            message: "Message \(index + 1) (line \(line)) holds \(strings == 1 ? "a text" : "texts") of "
                + "\(longestString) bytes, more than the \(budget) bytes read from one message; \(droppedBytes) bytes "
                + "were left out of the parsed messages. The original export, sealed unchanged, holds the full text "
                + "byte for byte.")
    }
}

/// Counts lines forward through a file whose positions only increase, so each message's line costs its own length.
struct LineCounter {
    var offset = 0
    var line = 1

    mutating func line(at target: Int, in b: [UInt8]) -> Int {
        if target < offset {
            offset = 0
            line = 1
        }
        var i = offset
        let end = min(target, b.count)
        while i < end {
            if b[i] == 0x0A { line &+= 1 }
            i &+= 1
        }
        offset = end
        return line
    }

    mutating func range(_ r: Range<Int>, in b: [UInt8]) -> SourceRange {
        let first = line(at: r.lowerBound, in: b)
        let last = line(at: max(r.lowerBound, r.upperBound &- 1), in: b)
        return SourceRange(byteStart: r.lowerBound, byteEnd: r.upperBound, lineStart: first, lineEnd: last)
    }
}

/// Whether the bytes' first 64 KiB contain every one of `needles`.
func prefixContains(_ b: [UInt8], all needles: [String]) -> Bool {
    needles.allSatisfy { b.prefix(1 << 16, contains: Array($0.utf8)) }
}
