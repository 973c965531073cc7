internal import CEvidencePNG

/// PNG through libpng's simplified API, which catches libpng's own `longjmp` and returns a message instead.
/// Palette, grey, 16-bit, interlaced and transparent images all come out as 8-bit RGBA; the alpha is dropped.
enum PNGDecoder {
    /// - Parameter throughRGBA: Decode as RGBA and drop the alpha even when the file is 8-bit RGB without
    ///   transparency (tests compare the two paths).
    static func decode(_ bytes: [UInt8], limits: ImageLimits, throughRGBA: Bool = false) throws -> DecodedImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // libpng reads from the caller's memory until the end of `finish_read`: both stay inside one borrow. It writes
        // every byte of the buffer, so the buffer is not zeroed first.
        let rgb: [UInt8] = try bytes.withUnsafeBufferPointer { input in
            guard png_image_begin_read_from_memory(&image, input.baseAddress, input.count) != 0 else {
                throw ImageDecodeError(.damaged, "PNG: \(Self.message(of: image))")
            }
            try limits.check(width: Int(image.width), height: Int(image.height), format: "PNG")
            let pixels = Int(image.width) * Int(image.height)
            var finished: Int32 = 0
            // A file that is 8-bit RGB already (most screenshots) is read as it is, with no transformation: the
            // RGBA path would add an alpha of 255 to every pixel only to drop it again, through 4 bytes a pixel of
            // memory that no cache holds.
            if image.format == evidencekit_png_format_rgb() && !throughRGBA {
                let rgb = [UInt8](unsafeUninitializedCapacity: pixels * 3) { buffer, initialized in
                    finished = png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil)
                    initialized = finished != 0 ? pixels * 3 : 0
                }
                guard finished != 0 else { throw ImageDecodeError(.damaged, "PNG: \(Self.message(of: image))") }
                return rgb
            }
            // Every other file as RGBA, then the alpha squeezed out in place: pixel p's three bytes move from 4p to
            // 3p, never over a byte still to be read.
            image.format = evidencekit_png_format_rgba()
            let rgb = [UInt8](unsafeUninitializedCapacity: pixels * 4) { buffer, initialized in
                finished = png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil)
                guard finished != 0 else { return }
                for pixel in 0..<pixels {
                    let (red, green, blue) = (buffer[pixel * 4], buffer[pixel * 4 + 1], buffer[pixel * 4 + 2])
                    buffer[pixel * 3] = red
                    buffer[pixel * 3 + 1] = green
                    buffer[pixel * 3 + 2] = blue
                }
                initialized = pixels * 3
            }
            guard finished != 0 else { throw ImageDecodeError(.damaged, "PNG: \(Self.message(of: image))") }
            return rgb
        }
        let warning = (image.warning_or_error & 0x03) == 1 ? ["PNG: \(Self.message(of: image))"] : []
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
