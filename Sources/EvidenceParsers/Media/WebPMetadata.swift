import EvidenceModel
/// WebP (RIFF) metadata: the `EXIF` and `XMP ` chunks, and the canvas size from `VP8X`, `VP8L` or `VP8 `.
package struct WebPMetadata {
    /// Times, clues and damage found.
    public var metadata = MediaMetadata()

    static let maxChunks = 1024
    static let maxMetadataChunk = 4 << 20

    /// Walks the RIFF chunks of the WebP in `source`.
    /// - Throws: ``MediaParseError`` when the RIFF/WEBP header is missing; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let header = try source.read(at: 0, maxCount: 12)
        guard header.count == 12, header.fourCC(0) == "RIFF", header.fourCC(8) == "WEBP",
              let riffSize = header.u32(4, bigEndian: false)
        else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no RIFF WEBP header")
        }
        let end = min(source.count, 8 + UInt64(riffSize))
        if 8 + UInt64(riffSize) > source.count {
            metadata.warn(.truncated, "WebP: the RIFF header claims \(riffSize) bytes but the file is shorter")
        }
        var offset: UInt64 = 12
        var chunks = 0
        while offset + 8 <= end {
            chunks += 1
            guard chunks <= Self.maxChunks else {
                metadata.warn(.tooManyChunks, "WebP: more than \(Self.maxChunks) chunks; the rest was not read")
                return
            }
            let chunkHeader = try source.read(at: offset, maxCount: 8)
            guard let type = chunkHeader.fourCC(0), let size = chunkHeader.u32(4, bigEndian: false) else { return }
            let dataStart = offset + 8
            guard UInt64(size) <= end - dataStart else {
                metadata.warn(.truncated, "WebP: chunk \(type) at byte \(offset) runs past the end of the file")
                return
            }
            switch type {
            case "EXIF", "XMP ", "VP8X", "VP8L", "VP8 ":
                let wanted = type.hasPrefix("VP8") ? min(Int(size), 16) : Int(size)
                guard wanted <= Self.maxMetadataChunk else {
                    metadata.warn(.tooLarge, "WebP: chunk \(type) at byte \(offset) is \(size) bytes; skipped")
                    break
                }
                read(type: type, data: try source.read(at: dataStart, maxCount: wanted))
            default:
                break
            }
            offset = dataStart + UInt64(size) + UInt64(size & 1)  // chunks are padded to an even length
        }
    }

    private mutating func read(type: String, data: [UInt8]) {
        switch type {
        case "EXIF":
            do {
                metadata.merge(try EXIFMetadata(tiff: data, origin: "WebP EXIF").metadata)
            } catch let error as MediaParseError {
                metadata.warn(error)
            } catch {}
        case "XMP ":
            metadata.merge(XMPMetadata(packet: data, origin: "WebP XMP").metadata)
        case "VP8X":
            if let width = data.u24(4, bigEndian: false), let height = data.u24(7, bigEndian: false) {
                metadata.width = metadata.width ?? Int(width) + 1
                metadata.height = metadata.height ?? Int(height) + 1
            }
        case "VP8L":
            if data.u8(0) == 0x2F, let bits = data.u32(1, bigEndian: false) {
                metadata.width = metadata.width ?? Int(bits & 0x3FFF) + 1
                metadata.height = metadata.height ?? Int((bits >> 14) & 0x3FFF) + 1
            }
        default:
            if data.starts(with: [0x9D, 0x01, 0x2A], at: 3), let width = data.u16(6, bigEndian: false),
               let height = data.u16(8, bigEndian: false) {
                metadata.width = metadata.width ?? Int(width & 0x3FFF)
                metadata.height = metadata.height ?? Int(height & 0x3FFF)
            }
        }
    }
}
