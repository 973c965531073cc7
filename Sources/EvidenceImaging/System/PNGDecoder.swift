internal import CEvidencePNG

/// PNG through libpng's simplified API, which catches libpng's own `longjmp` and returns a message instead.
/// Palette, grey, 16-bit, interlaced and transparent images all come out as 8-bit RGBA; the alpha is dropped.
enum PNGDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws -> DecodedImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // libpng reads from the caller's memory until the end of `finish_read`: both stay inside one borrow.
        let rgba: [UInt8] = try bytes.withUnsafeBufferPointer { input in
            guard png_image_begin_read_from_memory(&image, input.baseAddress, input.count) != 0 else {
                throw ImageDecodeError(.damaged, "PNG: \(Self.message(of: image))")
            }
            try limits.check(width: Int(image.width), height: Int(image.height), format: "PNG")
            image.format = evidencekit_png_format_rgba()
            var rgba = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * 4)
            let finished = rgba.withUnsafeMutableBytes { output in
                png_image_finish_read(&image, nil, output.baseAddress, 0, nil)
            }
            guard finished != 0 else { throw ImageDecodeError(.damaged, "PNG: \(Self.message(of: image))") }
            return rgba
        }
        let warning = (image.warning_or_error & 0x03) == 1 ? ["PNG: \(Self.message(of: image))"] : []
        var rgb = [UInt8](repeating: 0, count: rgba.count / 4 * 3)
        for pixel in 0..<rgba.count / 4 {
            rgb[pixel * 3] = rgba[pixel * 4]
            rgb[pixel * 3 + 1] = rgba[pixel * 4 + 1]
            rgb[pixel * 3 + 2] = rgba[pixel * 4 + 2]
        }
        return DecodedImage(image: RGBImage(width: Int(image.width), height: Int(image.height), pixels: rgb),
                            warnings: warning, scaleDenominator: 1)
    }

    /// libpng's message, a NUL-terminated C array of 64 characters inside the `png_image`.
    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
