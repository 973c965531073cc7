import EvidenceModel
/// Canon CR3 raw files: an ISO BMFF file (brand `crx `) whose `moov` holds a `uuid` box
/// (85c0b687-820f-11e0-8111-f4ce462b6a48) with the EXIF as separate TIFF blocks: `CMT1` (IFD0), `CMT2` (Exif IFD),
/// `CMT4` (GPS IFD), as laid out by Laurent Clévy's CR3 description and read by exiftool.
package struct CR3Metadata {
    /// Times, camera clues and damage found.
    public var metadata = MediaMetadata()

    static let canonUUID: [UInt8] = [0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0,
                                     0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48]
    static let maxBlock = 1 << 20

    /// Finds the Canon metadata box of the CR3 in `source` and reads its EXIF blocks.
    /// - Throws: ``MediaParseError`` when there is no `moov` box; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let top = try ISOBoxReader.boxes(in: source, from: 0, to: source.count, within: "the file", metadata: &metadata)
        guard let moov = top.first(where: { $0.type == "moov" }) else {
            throw MediaParseError(code: source.count == 0 ? .empty : .noMoov,
                                  reason: source.count == 0 ? "the file is empty"
                                      : "no movie header (moov box): the CR3 is cut short or damaged")
        }
        let children = try ISOBoxReader.boxes(in: source, from: moov.payloadStart, to: moov.end, within: "moov",
                                              metadata: &metadata)
        var canon: ISOBox?
        for box in children where box.type == "uuid" {
            if try source.read(at: box.payloadStart - 16, maxCount: 16) == Self.canonUUID { canon = box; break }
        }
        guard let canon else {
            metadata.warn(.badBox, "CR3: the moov box at byte \(moov.offset) has no Canon metadata box (uuid "
                + "85c0b687…); its EXIF cannot be found")
            return
        }
        let blocks = try ISOBoxReader.boxes(in: source, from: canon.payloadStart, to: canon.end, within: "Canon uuid",
                                            metadata: &metadata)
        func block(_ type: String) throws -> [UInt8]? {
            guard let box = blocks.first(where: { $0.type == type }) else { return nil }
            return try ISOBoxReader.payload(of: box, in: source, limit: Self.maxBlock, metadata: &metadata)
        }
        let cmt1 = try block("CMT1"), cmt2 = try block("CMT2"), cmt4 = try block("CMT4")
        guard cmt1 != nil || cmt2 != nil else {
            metadata.warn(.badBox, "CR3: the Canon box at byte \(canon.offset) has no CMT1 or CMT2 (EXIF) block")
            return
        }
        do {
            metadata.merge(try EXIFMetadata(canonIFD0: cmt1, exifIFD: cmt2, gpsIFD: cmt4).metadata)
        } catch let error as MediaParseError {
            metadata.warn(error)
        }
    }
}
