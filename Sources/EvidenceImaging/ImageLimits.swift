/// How large an image we agree to decode, checked from its header before any pixel memory is allocated.
///
/// `add` hashes a JPEG as it decodes it, a scanline at a time (``ImageDecoder/pdqHash(of:mediaType:limits:)``):
/// it holds the encoded file, a few rows, the blur's strips (16 rows of `Float` and a ring of the rows its column
/// window needs, about 1/32 of the image's height) and, for a progressive JPEG, libjpeg's coefficients. Every other
/// image is decoded whole first: its RGB pixels (3 bytes a pixel; a PNG that is not 8-bit RGB is briefly RGBA,
/// 4 bytes a pixel, squeezed to RGB in place), so `maxPixels` of 16 million keeps those pixels under 64 MB
/// whatever the file claims. ``ImageDecoder/decode(_:mediaType:limits:)`` decodes every format whole. A JPEG above
/// the limit is decoded at 1/2, 1/4 or 1/8 scale instead (libjpeg-turbo scales while decoding); other formats are
/// refused.
public struct ImageLimits: Sendable, Equatable {
    /// The most pixels (width × height) decoded at once.
    public var maxPixels: Int
    /// The largest encoded file we read into memory to decode.
    public var maxEncodedBytes: Int

    public init(maxPixels: Int = 16_000_000, maxEncodedBytes: Int = 128 << 20) {
        self.maxPixels = maxPixels
        self.maxEncodedBytes = maxEncodedBytes
    }

    /// Throws ``ImageDecodeError/Code/tooLarge`` when a header's dimensions exceed the limit.
    func check(width: Int, height: Int, format: String) throws {
        guard width > 0, height > 0 else {
            throw ImageDecodeError(.damaged, "the \(format) header gives a size of \(width) × \(height)")
        }
        guard width.multipliedReportingOverflow(by: height).partialValue <= maxPixels, width <= maxPixels,
              height <= maxPixels else {
            throw ImageDecodeError(.tooLarge, "the \(format) header gives \(width) × \(height) pixels, more than the "
                                   + "\(maxPixels) this tool decodes")
        }
    }
}
