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

/// One libjpeg decompressor reading scanlines (the shim keeps libjpeg's `longjmp` on the C side), freed with its
/// owner.
private final class JPEGScanlineReader {
    let reader: UnsafeMutablePointer<evidencekit_jpeg_reader>

    init() throws {
        guard let reader = evidencekit_jpeg_reader_new() else {
            throw ImageDecodeError(.damaged, "libjpeg-turbo could not start a decompressor")
        }
        self.reader = reader
    }

    deinit { evidencekit_jpeg_reader_free(reader) }

    /// The message libjpeg printed last: the first warning, or the fatal error after it.
    var message: String {
        withUnsafeBytes(of: reader.pointee.message) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// JPEG through libjpeg-turbo: the header through the TurboJPEG API, whose errors are return codes, then the pixels
/// a scanline at a time through libjpeg's own API, with TurboJPEG's scale, colour conversion and handling of
/// damage (`tjDecompress2`'s), so no whole image need be held.
enum JPEGDecoder {
    /// What the header says the decoded image will be.
    private struct Plan {
        var width: Int
        var height: Int
        var denominator: Int
        var scale: tjscalingfactor
        var isCMYK: Bool
    }

    /// The decoded image, whole.
    ///
    /// - Parameter throughTurboJPEG: Decode with `tjDecompress2` into one buffer instead of by scanlines (tests
    ///   compare the two).
    static func decode(_ bytes: [UInt8], limits: ImageLimits, throughTurboJPEG: Bool = false) throws -> DecodedImage {
        if throughTurboJPEG { return try decodeWhole(bytes, limits: limits) }
        var pixels: [UInt8] = []
        var size = (width: 0, height: 0)
        let outcome = try decodeRows(bytes, limits: limits) { width, height, nextRow in
            size = (width, height)
            pixels.reserveCapacity(width * height * 3)
            var row = [UInt8](repeating: 0, count: width * 3)
            for _ in 0..<height {
                nextRow(&row)
                pixels.append(contentsOf: row)
            }
        }
        return DecodedImage(image: RGBImage(width: size.width, height: size.height, pixels: pixels),
                            warnings: outcome.warnings, scaleDenominator: outcome.scaleDenominator)
    }

    /// Decodes row after row, handing each to `body` as 8-bit RGB.
    ///
    /// - Parameters:
    ///   - body: Called once the size is known, with the output's width and height and a function that fills a
    ///     row of `width × 3` bytes with the next row; rows it does not ask for are decoded afterwards all the same,
    ///     so damage anywhere gives the same outcome. A row after a fatal error is black (zeros), as
    ///     `tjDecompress2` leaves it.
    /// - Returns: The warnings (damage worked around) and the scale's denominator.
    /// - Throws: ``ImageDecodeError`` when the header is refused, the image is too large, or a fatal error came
    ///   with no warning before it (after a warning, TurboJPEG calls it a warning, and keeps the picture).
    static func decodeRows(_ bytes: [UInt8], limits: ImageLimits,
                           _ body: (_ width: Int, _ height: Int, _ nextRow: (inout [UInt8]) -> Void) -> Void) throws
        -> (warnings: [String], scaleDenominator: Int) {
        let plan = try plan(bytes, limits: limits)
        let decoder = try JPEGScanlineReader()
        let reader = decoder.reader
        let channels = plan.isCMYK ? 4 : 3
        // libjpeg reads the caller's memory until the reader is freed: everything happens inside one borrow.
        return try bytes.withUnsafeBufferPointer { input in
            var failed = evidencekit_jpeg_start(reader, input.baseAddress, UInt(input.count),
                                                plan.isCMYK ? JCS_CMYK : JCS_EXT_RGB, UInt32(plan.scale.num),
                                                UInt32(plan.scale.denom)) == 0
            if !failed, Int(reader.pointee.info.output_width) != plan.width
                || Int(reader.pointee.info.output_height) != plan.height
                || Int(reader.pointee.info.output_components) != channels {
                throw ImageDecodeError(.damaged, "JPEG: the image does not decode to the size its header gives")
            }
            var decoded = [UInt8](repeating: 0, count: plan.width * channels)
            var rowsRead = 0
            func nextRow(_ row: inout [UInt8]) {
                precondition(rowsRead < plan.height && row.count == plan.width * 3, "a JPEG row out of turn")
                rowsRead += 1
                if !failed {
                    failed = decoded.withUnsafeMutableBufferPointer { evidencekit_jpeg_read_row(reader, $0.baseAddress) } == 0
                }
                if failed {
                    for index in row.indices { row[index] = 0 }
                } else if plan.isCMYK {
                    rgb(fromAdobeCMYK: decoded, into: &row)
                } else {
                    swap(&row, &decoded)
                }
            }
            body(plan.width, plan.height, nextRow)
            var rest = [UInt8](repeating: 0, count: plan.width * 3)
            while rowsRead < plan.height && !failed { nextRow(&rest) }
            if !failed { failed = evidencekit_jpeg_finish(reader) == 0 }
            let warned = reader.pointee.warned != 0
            guard !failed || warned else { throw ImageDecodeError(.damaged, "JPEG: \(decoder.message)") }
            return (warned ? ["JPEG: \(decoder.message)"] : [], plan.denominator)
        }
    }

    /// The header, and the scale that brings the image within ``ImageLimits/maxPixels``.
    private static func plan(_ bytes: [UInt8], limits: ImageLimits) throws -> Plan {
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
        // tjDecompress2's choice for that size: the first of TurboJPEG's factors (largest first) that fits in it.
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count) else {
            throw ImageDecodeError(.damaged, "libjpeg-turbo gave no scaling factors")
        }
        let fitting = UnsafeBufferPointer(start: factors, count: Int(count)).first { factor in
            Self.scaled(Int(width), factor) <= outputWidth && Self.scaled(Int(height), factor) <= outputHeight
        }
        guard let fitting else { throw ImageDecodeError(.damaged, "JPEG: no scale fits \(outputWidth) × \(outputHeight)") }
        let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        return Plan(width: outputWidth, height: outputHeight, denominator: denominator, scale: fitting, isCMYK: isCMYK)
    }

    /// The whole image in one call to `tjDecompress2`.
    private static func decodeWhole(_ bytes: [UInt8], limits: ImageLimits) throws -> DecodedImage {
        let plan = try plan(bytes, limits: limits)
        let decompressor = try TurboJPEGDecompressor()
        let channels = plan.isCMYK ? 4 : 3
        let format = plan.isCMYK ? TJPF_CMYK : TJPF_RGB
        var pixels = [UInt8](repeating: 0, count: plan.width * plan.height * channels)
        let status = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                tjDecompress2(decompressor.handle, input.baseAddress, UInt(input.count), output.baseAddress,
                              Int32(plan.width), 0, Int32(plan.height), Int32(format.rawValue), 0)
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
        if plan.isCMYK {
            var converted = [UInt8](repeating: 0, count: plan.width * plan.height * 3)
            rgb(fromAdobeCMYK: pixels, into: &converted)
            pixels = converted
        }
        return DecodedImage(image: RGBImage(width: plan.width, height: plan.height, pixels: pixels),
                            warnings: warnings, scaleDenominator: plan.denominator)
    }

    /// libjpeg-turbo's `TJSCALED` for a scale of 1/denominator: the dimension rounded up.
    private static func scaled(_ dimension: Int, _ denominator: Int) -> Int {
        (dimension + denominator - 1) / denominator
    }

    /// libjpeg-turbo's `TJSCALED`: the dimension times the factor, rounded up.
    private static func scaled(_ dimension: Int, _ factor: tjscalingfactor) -> Int {
        (dimension * Int(factor.num) + Int(factor.denom) - 1) / Int(factor.denom)
    }

    /// CMYK JPEGs are written by Adobe software with inverted samples (0 is full ink), which libjpeg passes through.
    private static func rgb(fromAdobeCMYK cmyk: [UInt8], into rgb: inout [UInt8]) {
        for pixel in 0..<cmyk.count / 4 {
            let k = Int(cmyk[pixel * 4 + 3])
            for channel in 0..<3 { rgb[pixel * 3 + channel] = UInt8(Int(cmyk[pixel * 4 + channel]) * k / 255) }
        }
    }
}
