import EvidenceModel
/// TIFF-based raw files: Adobe DNG (what phones save as "RAW"), Nikon NEF, Sony ARW, Pentax PEF, Canon CR2 and
/// plain TIFF. Their EXIF is the same IFD structure a JPEG carries, starting at byte 0 of the file, so it is read by
/// ``EXIFMetadata``. A TIFF whose IFD0 has `DNGVersion` is reported as `image/x-adobe-dng`.
///
/// Only the first ``maxMetadataBytes`` are read: writers put the IFDs and their values before the image data;
/// an IFD or value further in is reported as pointing outside the data read.
package struct TIFFMetadata {
    /// Times, camera clues and damage found.
    public var metadata = MediaMetadata()

    static let maxMetadataBytes = 16 << 20

    /// Reads the IFDs of the TIFF in `source`.
    /// - Throws: ``MediaParseError`` when there is no TIFF header; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        guard source.count > 0 else { throw MediaParseError(code: .empty, reason: "the file is empty") }
        let bytes = try source.read(at: 0, maxCount: Self.maxMetadataBytes)
        let exif = try EXIFMetadata(tiff: bytes, origin: "TIFF")
        metadata = exif.metadata
        if exif.isDNG { metadata.refinedMediaType = "image/x-adobe-dng" }
    }
}
