internal import CEvidenceWebP

/// Still WebP (lossy or lossless) through libwebp; an animated WebP is refused by libwebp's simple decoder and so
/// is not hashed.
enum WebPDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws -> DecodedImage {
        var width: Int32 = 0
        var height: Int32 = 0
        let known = bytes.withUnsafeBufferPointer { input in WebPGetInfo(input.baseAddress, input.count, &width, &height) }
        guard known != 0 else { throw ImageDecodeError(.damaged, "WebP: libwebp does not recognise the header") }
        try limits.check(width: Int(width), height: Int(height), format: "WebP")
        let stride = Int(width) * 3
        var pixels = [UInt8](repeating: 0, count: stride * Int(height))
        let decoded = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                WebPDecodeRGBInto(input.baseAddress, input.count, output.baseAddress, output.count, Int32(stride))
            }
        }
        guard decoded != nil else {
            throw ImageDecodeError(.damaged, "WebP: libwebp could not decode the image (damaged, or animated)")
        }
        return DecodedImage(image: RGBImage(width: Int(width), height: Int(height), pixels: pixels), warnings: [],
                            scaleDenominator: 1)
    }
}
