/// A cursor over untrusted bytes, in the spirit of swift-nio's `ByteBuffer` readers: every read is checked
/// against the end, in release builds too, and returns `nil` on short input instead of trapping or reading
/// past the buffer. A read that fails leaves the cursor where it was.
///
/// For example:
/// ```swift
/// var reader = ByteReader(bytes)
/// while let line = reader.readLine() {
///     // line is the range of one line's bytes, without its "\n"
/// }
/// ```
package struct ByteReader {
    /// The whole buffer; ranges returned by the reader index into it.
    package let bytes: [UInt8]
    /// Where the next read starts.
    package private(set) var readerIndex: Int
    /// Where reading stops (exclusive); at most `bytes.count`.
    package let endIndex: Int

    /// A reader over `bytes[start..<end]` (both clamped to the buffer).
    package init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.endIndex = Swift.min(Swift.max(0, end ?? bytes.count), bytes.count)
        self.readerIndex = Swift.min(Swift.max(0, start), self.endIndex)
    }

    /// How many bytes are left to read.
    package var readableBytes: Int { endIndex - readerIndex }

    /// True when nothing is left to read.
    package var isAtEnd: Bool { readerIndex >= endIndex }

    /// The next byte, without moving, or `nil` at the end.
    package func peekUInt8() -> UInt8? {
        readerIndex < endIndex ? bytes[readerIndex] : nil
    }

    /// The next byte, or `nil` at the end.
    package mutating func readUInt8() -> UInt8? {
        guard readerIndex < endIndex else { return nil }
        defer { readerIndex += 1 }
        return bytes[readerIndex]
    }

    /// An integer of `T`'s width in the given byte order, or `nil` when fewer bytes are left.
    package mutating func readInteger<T: FixedWidthInteger>(as type: T.Type = T.self, bigEndian: Bool = true) -> T? {
        let width = MemoryLayout<T>.size
        guard readableBytes >= width else { return nil }
        var value: T = 0
        for index in 0..<width {
            value = value << 8 | T(bytes[readerIndex + (bigEndian ? index : width - 1 - index)])
        }
        readerIndex += width
        return value
    }

    /// An unsigned little-endian integer of `width` bytes (1 to 8), or `nil` when fewer are left. Not generic, so a
    /// reader in another module calls it directly: ``readInteger(as:bigEndian:)`` is not specialised across modules,
    /// and through its generic form reading a zip's central directory of 5,000 entries took a quarter longer.
    package mutating func readLittleEndian(width: Int) -> UInt64? {
        guard width > 0, width <= 8, readableBytes >= width else { return nil }
        var value: UInt64 = 0
        for index in stride(from: readerIndex + width - 1, through: readerIndex, by: -1) {
            value = value << 8 | UInt64(bytes[index])
        }
        readerIndex += width
        return value
    }

    /// The next `count` bytes, or `nil` when fewer are left (or `count` is negative).
    package mutating func readBytes(count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= readableBytes else { return nil }
        defer { readerIndex += count }
        return bytes[readerIndex..<readerIndex + count]
    }

    /// Skips `count` bytes; `false` (and no move) when fewer are left.
    @discardableResult
    package mutating func moveReaderIndex(forwardBy count: Int) -> Bool {
        guard count >= 0, count <= readableBytes else { return false }
        readerIndex += count
        return true
    }

    /// The range of the next line without its `\n` (a final line without one counts), or `nil` at the end.
    /// The cursor moves past the `\n`.
    package mutating func readLine() -> Range<Int>? {
        guard readerIndex < endIndex else { return nil }
        let start = readerIndex
        let end = bytes.firstIndex(of: 0x0A, from: start, to: endIndex) ?? endIndex
        readerIndex = Swift.min(end + 1, endIndex)
        return start..<end
    }
}
