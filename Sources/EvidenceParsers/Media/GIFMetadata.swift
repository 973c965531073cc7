import EvidenceModel
/// GIF: the logical screen size, and the XMP packet of an `XMP DataXMP` application extension, the only place a
/// GIF can carry a time.
///
/// Adobe's XMP specification (part 3, GIF) writes the packet raw after the 11-byte application identifier, not
/// cut into sub-blocks, followed by a 258-byte "magic trailer" (`0x01`, `0xFF` down to `0x00`, then the block
/// terminator) that makes any sub-block walk land on the terminator. So the blocks are walked as sub-blocks to find
/// the extension's end, and the packet is what lies between the identifier and the trailer.
package struct GIFMetadata {
    /// The logical screen size and the times of an XMP packet.
    public var metadata = MediaMetadata()

    static let maxBlocks = 100_000
    static let xmpIdentifier = Array("XMP DataXMP".utf8)
    static let magicTrailer: [UInt8] = [0x01] + (0...255).reversed().map { UInt8($0) } + [0x00]

    /// Reads the GIF in `source`.
    /// - Throws: ``MediaParseError`` when the `GIF87a`/`GIF89a` signature is missing; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let header = try source.read(at: 0, maxCount: 13)
        guard header.count >= 6, header.starts(with: Array("GIF87a".utf8)) || header.starts(with: Array("GIF89a".utf8))
        else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no GIF signature")
        }
        guard let width = header.u16(6, bigEndian: false), let height = header.u16(8, bigEndian: false),
              let flags = header.u8(10)
        else {
            metadata.warn(.truncated, "GIF: the file ends inside its header")
            return
        }
        metadata.width = Int(width)
        metadata.height = Int(height)
        var window = Window(source: source)
        var at: UInt64 = 13 + (flags & 0x80 != 0 ? 3 << (UInt64(flags & 0x07) + 1) : 0)
        for _ in 0..<Self.maxBlocks {
            guard let introducer = try window.byte(at) else {
                metadata.warn(.truncated, "GIF: the file ends at byte \(at) before its trailer")
                return
            }
            switch introducer {
            case 0x3B:
                return
            case 0x21:
                guard let label = try window.byte(at + 1) else {
                    metadata.warn(.truncated, "GIF: the file ends inside the extension at byte \(at)")
                    return
                }
                let identifier = try source.read(at: at + 2, maxCount: 12)
                let isXMP = label == 0xFF && identifier.first == 11 && Array(identifier.dropFirst()) == Self.xmpIdentifier
                guard let end = try window.endOfSubBlocks(from: at + 2) else {
                    metadata.warn(.truncated, "GIF: the extension at byte \(at) is cut short by the end of the file")
                    return
                }
                if isXMP { try readXMP(source, from: at + 14, to: end, extensionAt: at) }
                at = end
            case 0x2C:
                guard let descriptor = try window.bytes(at, 10) else {
                    metadata.warn(.truncated, "GIF: the file ends inside the image descriptor at byte \(at)")
                    return
                }
                let local = descriptor[9] & 0x80 != 0 ? UInt64(3) << (UInt64(descriptor[9] & 0x07) + 1) : 0
                // The LZW minimum code size, then the image data as sub-blocks.
                guard let end = try window.endOfSubBlocks(from: at + 10 + local + 1) else {
                    metadata.warn(.truncated, "GIF: the image at byte \(at) is cut short by the end of the file")
                    return
                }
                at = end
            default:
                metadata.warn(.badMarker, "GIF: unknown block 0x\(String(introducer, radix: 16)) at byte \(at); "
                    + "the rest was not read")
                return
            }
        }
        metadata.warn(.tooManyChunks, "GIF: more than \(Self.maxBlocks) blocks; the rest was not read")
    }

    private mutating func readXMP(_ source: some ByteSource, from start: UInt64, to end: UInt64,
                                  extensionAt offset: UInt64) throws {
        let trailer = UInt64(Self.magicTrailer.count)
        guard end >= start + trailer,
              try source.read(at: end - trailer, maxCount: Int(trailer)) == Self.magicTrailer
        else {
            metadata.warn(.badBox, "GIF: the XMP extension at byte \(offset) lacks its magic trailer; it was not read")
            return
        }
        let length = end - trailer - start
        let packet = try source.read(at: start, maxCount: Int(min(length, UInt64(XMPMetadata.maxPacketBytes + 1))))
        metadata.merge(XMPMetadata(packet: packet, origin: "GIF XMP extension").metadata)
    }

    /// Reads a GIF a window at a time: a sub-block walk touches every 256th byte of the image data.
    private struct Window {
        let source: any ByteSource
        var start: UInt64 = 0
        var bytes: [UInt8] = []
        static let size = 64 << 10

        init(source: some ByteSource) { self.source = source }

        mutating func byte(_ offset: UInt64) throws -> UInt8? {
            if offset < start || offset >= start + UInt64(bytes.count) {
                guard offset < source.count else { return nil }
                start = offset
                bytes = try source.read(at: offset, maxCount: Self.size)
            }
            let index = Int(offset - start)
            return index < bytes.count ? bytes[index] : nil
        }

        /// Exactly `count` bytes at `offset` (a structure read whole, not through the window), or `nil` at the end.
        func bytes(_ offset: UInt64, _ count: Int) throws -> [UInt8]? {
            let read = try source.read(at: offset, maxCount: count)
            return read.count == count ? read : nil
        }

        /// The offset just after the terminator of the sub-blocks starting at `offset`; `nil` when the file ends first.
        mutating func endOfSubBlocks(from offset: UInt64) throws -> UInt64? {
            var at = offset
            while let size = try byte(at) {
                at += 1 + UInt64(size)
                if size == 0 { return at }
            }
            return nil
        }
    }
}
