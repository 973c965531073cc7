import EvidenceModel
/// The metadata segments of a JPEG: EXIF and XMP in APP1, IPTC-IIM in the Photoshop resources of APP13, the
/// frame size in SOFn. Reading stops at the first scan (SOS), so image data is never read.
package struct JPEGMetadata {
    /// Times, clues and damage found.
    public var metadata = MediaMetadata()

    static let maxSegments = 512
    static let xmpSignature = Array("http://ns.adobe.com/xap/1.0/\0".utf8)

    /// Walks the segments of the JPEG in `source`.
    /// - Throws: ``MediaParseError`` when the bytes do not start with a JPEG SOI marker;
    ///   ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let start = try source.read(at: 0, maxCount: 2)
        guard start == [0xFF, 0xD8] else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no JPEG start-of-image marker")
        }
        var offset: UInt64 = 2
        var segments = 0
        while segments < Self.maxSegments {
            segments += 1
            let header = try source.read(at: offset, maxCount: 4)
            guard header.count >= 2 else {
                metadata.warn(.truncated, "JPEG: the file ends at byte \(offset) before any image data")
                return
            }
            guard header[0] == 0xFF else {
                metadata.warn(.badMarker, "JPEG: expected a marker at byte \(offset), found 0x"
                    + String(header[0], radix: 16) + "; the rest was not read")
                return
            }
            let marker = header[1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xD9 || marker == 0xDA { return }  // EOI, or SOS: image data follows
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            guard let length = header.u16(2), length >= 2 else {
                metadata.warn(.truncated, "JPEG: segment 0xFF\(String(marker, radix: 16, uppercase: true)) at byte "
                    + "\(offset) has no valid length")
                return
            }
            let payloadStart = offset + 4
            let payloadLength = Int(length) - 2
            let isSOF = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if marker == 0xE1 || marker == 0xED || isSOF {
                let payload = try source.read(at: payloadStart, maxCount: payloadLength)
                if payload.count < payloadLength {
                    metadata.warn(.truncated, "JPEG: segment at byte \(offset) is cut short (\(payload.count) of "
                        + "\(payloadLength) bytes)")
                }
                if isSOF {
                    if let height = payload.u16(1), let width = payload.u16(3) {
                        metadata.height = metadata.height ?? Int(height)
                        metadata.width = metadata.width ?? Int(width)
                    }
                } else if payload.starts(with: Array("Exif\0\0".utf8)) {
                    do {
                        metadata.merge(try EXIFMetadata(tiff: Array(payload.dropFirst(6)), origin: "JPEG APP1 EXIF")
                            .metadata)
                    } catch let error as MediaParseError {
                        metadata.warn(error)
                    }
                } else if marker == 0xED {
                    metadata.merge(IPTCMetadata(app13: payload).metadata)
                } else if payload.starts(with: Self.xmpSignature) {
                    metadata.merge(XMPMetadata(packet: Array(payload.dropFirst(Self.xmpSignature.count)),
                                               origin: "JPEG APP1 XMP").metadata)
                }
            }
            offset = payloadStart + UInt64(payloadLength)
        }
        metadata.warn(.tooManySegments, "JPEG: more than \(Self.maxSegments) segments before image data; "
            + "the rest was not read")
    }
}
