internal import CEvidenceJPEG

/// One TurboJPEG decompressor, freed with its owner.
private final class TurboJPEGDecompressor {
    let handle: tjhandle

    init() throws {
        guard let handle = tjInitDecompress() else {
            throw ImageDecodeError(.damaged, "libjpeg-turbo could not start a decompressor")
        }
        self.handle = handle
    }

    deinit { tjDestroy(handle) }

    var lastError: String { String(cString: tjGetErrorStr2(handle)) }
    var lastErrorIsWarning: Bool { tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) }
}

/// JPEG through libjpeg-turbo's TurboJPEG API, whose errors are return codes rather than a `longjmp`.
enum JPEGDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws -> DecodedImage {
        let decompressor = try TurboJPEGDecompressor()
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let headerStatus = bytes.withUnsafeBufferPointer { input in
            tjDecompressHeader3(decompressor.handle, input.baseAddress, UInt(input.count), &width, &height,
                                &subsampling, &colorspace)
        }
        guard headerStatus == 0 else { throw ImageDecodeError(.damaged, "JPEG header: \(decompressor.lastError)") }
        // Too many pixels: decode at the largest scale libjpeg-turbo offers (it scales inside the IDCT) that fits.
        var denominator = 1
        while Self.scaled(Int(width), denominator) * Self.scaled(Int(height), denominator) > limits.maxPixels,
              denominator < 8 {
            denominator *= 2
        }
        let (outputWidth, outputHeight) = (Self.scaled(Int(width), denominator), Self.scaled(Int(height), denominator))
        try limits.check(width: outputWidth, height: outputHeight, format: "JPEG")

        let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        let channels = isCMYK ? 4 : 3
        let format = isCMYK ? TJPF_CMYK : TJPF_RGB
        var pixels = [UInt8](repeating: 0, count: outputWidth * outputHeight * channels)
        let status = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                tjDecompress2(decompressor.handle, input.baseAddress, UInt(input.count), output.baseAddress,
                              Int32(outputWidth), 0, Int32(outputHeight), Int32(format.rawValue), 0)
            }
        }
        var warnings: [String] = []
        if status != 0 {
            // A warning (a truncated file, a corrupt segment) still leaves a decoded picture: keep it, say so.
            guard decompressor.lastErrorIsWarning else {
                throw ImageDecodeError(.damaged, "JPEG: \(decompressor.lastError)")
            }
            warnings.append("JPEG: \(decompressor.lastError)")
        }
        if isCMYK { pixels = Self.rgb(fromAdobeCMYK: pixels) }
        return DecodedImage(image: RGBImage(width: outputWidth, height: outputHeight, pixels: pixels),
                            warnings: warnings, scaleDenominator: denominator)
    }

    /// libjpeg-turbo's `TJSCALED` for a scale of 1/denominator: the dimension rounded up.
    private static func scaled(_ dimension: Int, _ denominator: Int) -> Int {
        (dimension + denominator - 1) / denominator
    }

    /// CMYK JPEGs are written by Adobe software with inverted samples (0 is full ink), which libjpeg passes through.
    private static func rgb(fromAdobeCMYK cmyk: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: cmyk.count / 4 * 3)
        for pixel in 0..<cmyk.count / 4 {
            let k = Int(cmyk[pixel * 4 + 3])
            for channel in 0..<3 { rgb[pixel * 3 + channel] = UInt8(Int(cmyk[pixel * 4 + channel]) * k / 255) }
        }
        return rgb
    }
}
