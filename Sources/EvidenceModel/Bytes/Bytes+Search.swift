/// Bounds-checked comparisons and searches over byte arrays. Every position is checked against the array,
/// so a hostile offset or length gives `false`/`nil`, never a read out of bounds.
package extension Array where Element == UInt8 {
    /// Whether the bytes at `offset` start with `prefix`, without looking at or past `end` (default: the end).
    @inlinable
    func starts(with prefix: [UInt8], at offset: Int = 0, end: Int? = nil) -> Bool {
        let limit = Swift.min(end ?? count, count)
        guard offset >= 0, limit - offset >= prefix.count else { return false }
        var index = 0
        while index < prefix.count {
            if self[offset + index] != prefix[index] { return false }
            index += 1
        }
        return true
    }

    /// Whether `self[start..<end]` is exactly `other`.
    @inlinable
    func equals(_ other: [UInt8], from start: Int, to end: Int) -> Bool {
        end - start == other.count && starts(with: other, at: start, end: end)
    }

    /// Whether `self[start..<end]` ends with `suffix`.
    @inlinable
    func ends(with suffix: [UInt8], from start: Int, to end: Int) -> Bool {
        end - start >= suffix.count && starts(with: suffix, at: end - suffix.count, end: end)
    }

    /// Index of the first `byte` in `from..<to` (default: to the end), or `nil`.
    @inlinable
    func firstIndex(of byte: UInt8, from: Int, to end: Int? = nil) -> Int? {
        let start = Swift.max(0, from)
        let limit = Swift.min(end ?? count, count)
        guard start < limit else { return nil }
        return self[start..<limit].firstIndex(of: byte)
    }

    /// Index of the first occurrence of `needle` starting in `from...` and ending by `to` (default: the end), or `nil`.
    @inlinable
    func firstIndex(of needle: [UInt8], from: Int, to end: Int? = nil) -> Int? {
        guard let first = needle.first else { return nil }
        let limit = Swift.min(end ?? count, count)
        var index = Swift.max(0, from)
        while index + needle.count <= limit {
            guard let hit = firstIndex(of: first, from: index, to: limit - needle.count + 1) else { return nil }
            if starts(with: needle, at: hit, end: limit) { return hit }
            index = hit + 1
        }
        return nil
    }

    /// Whether the first `limit` bytes contain `needle`.
    @inlinable
    func prefix(_ limit: Int, contains needle: [UInt8]) -> Bool {
        firstIndex(of: needle, from: 0, to: limit) != nil
    }
}
