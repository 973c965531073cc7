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
        var plane = luminance(of: image)
        let small = downsample(&plane, rows: image.height, columns: image.width)
        let frequencies = dct64To16(small)
        let median = frequencies.sorted()[127]
        let hash = PDQHash(settingBits: { frequencies[$0] > median })
        return PDQResult(hash: hash, quality: quality(of: small))
    }

    /// Luminance as the reference's Python bindings compute it: in `Double`, rounded to `Float` once.
    static func luminance(of image: RGBImage) -> [Float] {
        var plane = [Float](repeating: 0, count: image.width * image.height)
        let pixels = image.pixels
        for index in plane.indices {
            let red = Double(pixels[index * 3]) * 0.299
            let green = Double(pixels[index * 3 + 1]) * 0.587
            let blue = Double(pixels[index * 3 + 2]) * 0.114
            plane[index] = Float(red + green + blue)
        }
        return plane
    }

    /// Blur and keep 64 × 64 samples (the reference `decimateFloat`: the sample nearest each cell's centre). A
    /// plane that is already 64 × 64 is used as it is, as the reference does.
    static func downsample(_ plane: inout [Float], rows: Int, columns: Int) -> [Float] {
        if rows == 64 && columns == 64 { return plane }
        JaroszFilter.blur(&plane, rows: rows, columns: columns)
        var small = [Float](repeating: 0, count: 64 * 64)
        for i in 0..<64 {
            let row = Int((Double(i) + 0.5) * Double(rows) / 64)
            for j in 0..<64 {
                let column = Int((Double(j) + 0.5) * Double(columns) / 64)
                small[i * 64 + j] = plane[row * columns + column]
            }
        }
        return small
    }

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
