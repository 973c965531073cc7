/// A decoded still image: 8-bit red, green and blue samples, row after row, three bytes a pixel.
///
/// Alpha is dropped (not composited), as Pillow's `convert("RGB")` does, so our hashes are computed from the same
/// pixels as those of the reference tools. The EXIF orientation is not applied, as in the reference PDQ code.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes.
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB pixels do not fit the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// A decoded image and what went wrong while decoding it without stopping it (a truncated JPEG is decoded as far
/// as it goes, the rest grey).
public struct DecodedImage: Sendable {
    public var image: RGBImage
    /// The decoder's own words about damage it worked around.
    public var warnings: [String]
    /// How much the image was scaled down while decoding to stay within ``ImageLimits/maxPixels`` (1 when not).
    public var scaleDenominator: Int
}
