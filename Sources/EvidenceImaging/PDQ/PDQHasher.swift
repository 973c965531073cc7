public import EvidenceModel
import Foundation

/// The PDQ perceptual hash of an image and how much it says.
public struct PDQResult: Sendable, Equatable {
    public var hash: PDQHash
    /// 0 to 100: how much detail the hash rests on. Meta advises not to match on hashes below 50.
    public var quality: Int
}

/// Computes PDQ, Meta's open perceptual hash (the one StopNCII and ThreatExchange use), following the published
/// algorithm and its reference code (`pdq/cpp/hashing/pdqhashing.cpp` in facebook/ThreatExchange):
///
/// 1. luminance `0.299 R + 0.587 G + 0.114 B` as `Float`;
/// 2. a Jarosz tent-filter blur (``JaroszFilter``) and decimation to 64 × 64;
/// 3. the quality score from the 64 × 64 image's gradients;
/// 4. the 16 × 16 lowest frequencies (the DC term left out) of its discrete cosine transform;
/// 5. one bit per frequency: set when it is above the median of the 256.
///
/// For example:
///
/// ```swift
/// let result = PDQHasher.hash(of: decoded.image)
/// print(result?.hash.hex ?? "too small", result?.quality ?? 0)
/// ```
public enum PDQHasher {
    /// The reference's smallest hashable side; it gives an all-zero hash for smaller images, we give none.
    public static let minimumDimension = 5

    /// The hash of an image, or `nil` when a side is shorter than ``minimumDimension``.
    public static func hash(of image: RGBImage) -> PDQResult? {
        guard image.width >= minimumDimension, image.height >= minimumDimension else { return nil }
        return result(of: downsampledLuminance(of: image))
    }

    /// Steps 3 to 5, from the 64 × 64 luminance.
    private static func result(of small: [Float]) -> PDQResult {
        let frequencies = dct64To16(small)
        let median = frequencies.sorted()[127]
        let hash = PDQHash(settingBits: { frequencies[$0] > median })
        return PDQResult(hash: hash, quality: quality(of: small))
    }

    /// The hash of an image handed over row after row (8-bit RGB, `width × 3` bytes a row, each row once, top to
    /// bottom), none of it held whole; `nil` when a side is shorter than ``minimumDimension`` (no row is read then).
    static func hash(width: Int, height: Int, nextRow: (inout [UInt8]) -> Void) -> PDQResult? {
        guard width >= minimumDimension, height >= minimumDimension else { return nil }
        var row = [UInt8](repeating: 0, count: width * 3)
        let small = downsampledLuminance(width: width, height: height) { buffer, start in
            nextRow(&row)
            luminance(of: row, from: 0, count: width, into: &buffer, at: start)
        }
        return result(of: small)
    }

    /// The 64 × 64 luminance PDQ hashes: blurred and decimated (``JaroszFilter``), or as it is when the image is
    /// 64 × 64 already, as the reference does.
    static func downsampledLuminance(of image: RGBImage) -> [Float] {
        var next = 0
        return downsampledLuminance(width: image.width, height: image.height) { buffer, start in
            luminance(of: image.pixels, from: next * image.width, count: image.width, into: &buffer, at: start)
            next += 1
        }
    }

    /// The 64 × 64 luminance from `loadRow`, which writes the luminance of the next row (`width` values) into
    /// `buffer` from index `start`, called once for each row in order.
    private static func downsampledLuminance(width: Int, height: Int,
                                             loadRow: (_ buffer: inout [Float], _ start: Int) -> Void) -> [Float] {
        guard width == JaroszFilter.side && height == JaroszFilter.side else {
            return JaroszFilter.blurredSamples(rows: height, columns: width) { _, buffer, start in loadRow(&buffer, start) }
        }
        var plane = [Float](repeating: 0, count: width * height)
        for row in 0..<height { loadRow(&plane, row * width) }
        return plane
    }

    /// Luminance as the reference's Python bindings compute it: `0.299 R + 0.587 G + 0.114 B` in `Double`, rounded
    /// to `Float` once, for `count` pixels from pixel `first`. Each product is looked up in a table of the same
    /// `Double`s instead of multiplied.
    static func luminance(of pixels: [UInt8], from first: Int, count: Int, into plane: inout [Float], at start: Int) {
        let (red, green, blue) = (weightedRed, weightedGreen, weightedBlue)
        // Screenshots are mostly runs of one colour: a pixel like the one before it has its luminance.
        var previous = UInt32.max  // no pixel's key
        var value: Float = 0
        for index in 0..<count {
            let byte = (first + index) &* 3
            let (r, g, b) = (pixels[byte], pixels[byte &+ 1], pixels[byte &+ 2])
            let key = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16
            if key != previous {
                value = Float(red[Int(r)] + green[Int(g)] + blue[Int(b)])
                previous = key
            }
            plane[start &+ index] = value
        }
    }

    private static let weightedRed = (0...255).map { Double($0) * 0.299 }
    private static let weightedGreen = (0...255).map { Double($0) * 0.587 }
    private static let weightedBlue = (0...255).map { Double($0) * 0.114 }

    /// The reference's quality heuristic: the sum of quantised gradients between neighbours, over 90, at most 100.
    static func quality(of small: [Float]) -> Int {
        var gradients = 0
        for i in 0..<63 {
            for j in 0..<64 { gradients += abs(Int((small[i * 64 + j] - small[(i + 1) * 64 + j]) * 100 / 255)) }
        }
        for i in 0..<64 {
            for j in 0..<63 { gradients += abs(Int((small[i * 64 + j] - small[i * 64 + j + 1]) * 100 / 255)) }
        }
        return min(gradients / 90, 100)
    }

    /// Rows 1…16 of the 64-point DCT-II matrix (row 0, the mean, says nothing about the picture's structure).
    static let dctMatrix: [Float] = {
        let scale = Float(sqrt(2.0 / 64.0))
        var matrix = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                matrix[i * 64 + j] = Float(Double(scale) * cos(Double.pi / 2 / 64 * Double(i + 1) * Double(2 * j + 1)))
            }
        }
        return matrix
    }()

    /// `D × A × Dᵀ` for the 16 × 64 matrix `D`: the 16 × 16 low frequencies, summed in the reference's order.
    static func dct64To16(_ a: [Float]) -> [Float] {
        let d = dctMatrix
        var t = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                var sum: Float = 0
                for k in 0..<64 { sum += d[i * 64 + k] * a[k * 64 + j] }
                t[i * 64 + j] = sum
            }
        }
        var b = [Float](repeating: 0, count: 16 * 16)
        for i in 0..<16 {
            for j in 0..<16 {
                var sum: Float = 0
                for k in 0..<64 { sum += t[i * 64 + k] * d[j * 64 + k] }
                b[i * 16 + j] = sum
            }
        }
        return b
    }
}
