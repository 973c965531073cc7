import EvidenceModel
/// One box of an ISO base media file (MP4, MOV, 3GP, HEIF, AVIF): where it is and how long.
struct ISOBox {
    var type: String
    /// The type as a number: `ilst` items are typed by their key's index, not by letters.
    var code: UInt32
    var offset: UInt64
    var headerLength: UInt64
    var size: UInt64

    var payloadStart: UInt64 { offset + headerLength }
    var end: UInt64 { offset + size }
    var payloadLength: UInt64 { size - headerLength }
}

/// Walks box headers with one small read each, so `mdat` (the media data, gigabytes in a video) is skipped
/// without being read.
enum ISOBoxReader {
    static let maxBoxesPerLevel = 4096

    /// The boxes laid end to end in `start..<end`. Damage (a size running past its parent, a size too small)
    /// ends the walk with a warning; the boxes before it are kept.
    static func boxes(in source: some ByteSource, from start: UInt64, to end: UInt64, within parent: String,
                      metadata: inout MediaMetadata) throws -> [ISOBox] {
        var result: [ISOBox] = []
        var offset = start
        while offset < end, end - offset >= 8 {
            guard result.count < maxBoxesPerLevel else {
                metadata.warn(.tooManyBoxes, "ISO BMFF: more than \(maxBoxesPerLevel) boxes in \(parent); "
                    + "the rest was not read")
                break
            }
            let header = try source.read(at: offset, maxCount: 16)
            guard let size32 = header.u32(0), let type = header.fourCC(4), let code = header.u32(4) else { break }
            var size = UInt64(size32)
            var headerLength: UInt64 = 8
            if size32 == 1 {
                guard let large = header.u64(8) else {
                    metadata.warn(.truncated, "ISO BMFF: box \(type) at byte \(offset) is cut short")
                    break
                }
                size = large
                headerLength = 16
            } else if size32 == 0 {
                size = end - offset  // "to the end of the file" (or of the parent)
            }
            if type == "uuid" { headerLength += 16 }
            guard size >= headerLength else {
                metadata.warn(.badBox, "ISO BMFF: box \(type) at byte \(offset) in \(parent) has an impossible size "
                    + "(\(size)); the rest of \(parent) was not read")
                break
            }
            if size > end - offset {
                metadata.warn(.truncated, "ISO BMFF: box \(type) at byte \(offset) runs past the end of \(parent) "
                    + "(\(size) bytes claimed, \(end - offset) left)")
                size = end - offset
                guard size >= headerLength else { break }
            }
            result.append(ISOBox(type: type, code: code, offset: offset, headerLength: headerLength, size: size))
            offset += size
        }
        return result
    }

    /// The payload of a small box (at most `limit` bytes), or `nil` with a warning when it is larger.
    static func payload(of box: ISOBox, in source: some ByteSource, limit: Int, metadata: inout MediaMetadata) throws
        -> [UInt8]?
    {
        guard box.payloadLength <= UInt64(limit) else {
            metadata.warn(.tooLarge, "ISO BMFF: box \(box.type) at byte \(box.offset) is \(box.size) bytes, more "
                + "than the \(limit) read for metadata; it was skipped")
            return nil
        }
        return try source.read(at: box.payloadStart, maxCount: Int(box.payloadLength))
    }

    /// The children of a `meta` box, which is a full box in ISO files but a plain box in QuickTime files.
    static func metaChildren(_ meta: ISOBox, in source: some ByteSource, metadata: inout MediaMetadata) throws
        -> [ISOBox]
    {
        let head = try source.read(at: meta.payloadStart, maxCount: 12)
        let isFullBox = head.fourCC(8) == "hdlr" || head.fourCC(4) != "hdlr"
        let start = meta.payloadStart + (isFullBox ? 4 : 0)
        guard start <= meta.end else { return [] }
        return try boxes(in: source, from: start, to: meta.end, within: "meta", metadata: &metadata)
    }
}
