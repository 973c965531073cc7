/// Decodes a still image (JPEG, PNG, WebP, HEIF/HEIC/AVIF) with the system's libraries, within limits.
///
/// For example:
///
/// ```swift
/// let decoded = try ImageDecoder.decode(bytes, mediaType: "image/png")
/// let pdq = PDQHasher.hash(of: decoded.image)
/// ```
public enum ImageDecoder {
    /// The media types ``decode(_:mediaType:limits:)`` reads.
    public static let mediaTypes: Set<String> = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "image/avif"]

    /// Decodes the bytes of a file whose media type was found from its content (the probe), never from
    /// its name.
    ///
    /// - Parameters:
    ///   - bytes: The whole encoded file.
    ///   - mediaType: One of ``mediaTypes``.
    ///   - limits: Checked before the decoder allocates pixel memory.
    /// - Returns: The pixels and any damage the decoder worked around.
    /// - Throws: ``ImageDecodeError`` when the image is too large, damaged or of a type not decoded.
    public static func decode(_ bytes: [UInt8], mediaType: String, limits: ImageLimits = ImageLimits()) throws -> DecodedImage {
        try checkEncodedSize(of: bytes, limits: limits)
        switch mediaType {
        case "image/jpeg": return try JPEGDecoder.decode(bytes, limits: limits)
        case "image/png": return try PNGDecoder.decode(bytes, limits: limits)
        case "image/webp": return try WebPDecoder.decode(bytes, limits: limits)
        case "image/heic", "image/heif", "image/avif": return try HEIFDecoder.decode(bytes, limits: limits)
        default: throw ImageDecodeError(.unsupported, "\(mediaType) images are not decoded")
        }
    }

    /// Throws ``ImageDecodeError/Code/tooLarge`` for a file larger than ``ImageLimits/maxEncodedBytes``.
    static func checkEncodedSize(of bytes: [UInt8], limits: ImageLimits) throws {
        guard bytes.count <= limits.maxEncodedBytes else {
            throw ImageDecodeError(.tooLarge, "the file holds \(bytes.count) bytes, more than the \(limits.maxEncodedBytes) "
                                   + "this tool decodes")
        }
    }
}
