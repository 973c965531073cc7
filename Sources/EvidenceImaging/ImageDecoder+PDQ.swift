/// An image's PDQ hash, computed while it was decoded.
public struct PDQHashedImage: Sendable {
    /// The decoded size (after any scaling).
    public var width: Int
    public var height: Int
    /// The hash, or `nil` when a side is shorter than ``PDQHasher/minimumDimension``.
    public var pdq: PDQResult?
    /// The decoder's own words about damage it worked around.
    public var warnings: [String]
    /// How much the image was scaled down while decoding to stay within ``ImageLimits/maxPixels`` (1 when not).
    public var scaleDenominator: Int
}

extension ImageDecoder {
    /// The PDQ hash of an encoded still image: the same hash, quality, warnings and errors as
    /// ``decode(_:mediaType:limits:)`` followed by ``PDQHasher/hash(of:)``, but a JPEG is hashed row by row as it
    /// is decoded, so its pixels are never all held at once. Other formats are decoded whole, then hashed.
    ///
    /// For example:
    ///
    /// ```swift
    /// let hashed = try ImageDecoder.pdqHash(of: bytes, mediaType: "image/jpeg")
    /// print(hashed.pdq?.hash.hex ?? "too small")
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The whole encoded file.
    ///   - mediaType: One of ``mediaTypes``.
    ///   - limits: Checked before the decoder allocates pixel memory.
    /// - Throws: ``ImageDecodeError`` when the image is too large, damaged or of a type not decoded.
    public static func pdqHash(of bytes: [UInt8], mediaType: String,
                               limits: ImageLimits = ImageLimits()) throws -> PDQHashedImage {
        try checkEncodedSize(of: bytes, limits: limits)
        var hashed = PDQHashedImage(width: 0, height: 0, pdq: nil, warnings: [], scaleDenominator: 1)
        func hash(width: Int, height: Int, nextRow: (inout [UInt8]) -> Void) {
            (hashed.width, hashed.height) = (width, height)
            hashed.pdq = PDQHasher.hash(width: width, height: height, nextRow: nextRow)
        }
        guard mediaType == "image/jpeg" else { return try whole(bytes, mediaType: mediaType, limits: limits) }
        (hashed.warnings, hashed.scaleDenominator) = try JPEGDecoder.decodeRows(bytes, limits: limits, hash)
        return hashed
    }

    /// Decoded whole, then hashed.
    private static func whole(_ bytes: [UInt8], mediaType: String, limits: ImageLimits) throws -> PDQHashedImage {
        let decoded = try decode(bytes, mediaType: mediaType, limits: limits)
        return PDQHashedImage(width: decoded.image.width, height: decoded.image.height,
                              pdq: PDQHasher.hash(of: decoded.image), warnings: decoded.warnings,
                              scaleDenominator: decoded.scaleDenominator)
    }
}
