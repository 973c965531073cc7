@testable import EvidenceImaging
import Testing

/// The blur streams the image in strips and keeps only what PDQ samples; PDQ hashes must not move by a bit, so its
/// 64 × 64 samples are compared, float for float, with those of the reference's whole-plane, one-row-or-column-at-a-
/// time filter written out here.
@Suite struct JaroszFilterTests {
    /// The reference `box1DFloat`, one row or column at a time, as the filter did before columns were blocked.
    static func referenceBox(_ input: [Float], length: Int, window: Int, into output: inout [Float], start: Int,
                             stride: Int) {
        let half = (window + 2) / 2
        var sum: Float = 0, count = 0, read = 0, left = 0, written = start
        for _ in 0..<(half - 1) { sum += input[read]; count += 1; read += 1 }
        for _ in 0..<(window - half + 1) {
            sum += input[read]; count += 1; read += 1
            output[written] = sum / Float(count); written += stride
        }
        for _ in 0..<max(0, length - window) {
            sum += input[read]; sum -= input[left]; read += 1; left += 1
            output[written] = sum / Float(count); written += stride
        }
        for _ in 0..<(half - 1) {
            sum -= input[left]; count -= 1; left += 1
            output[written] = sum / Float(count); written += stride
        }
    }

    static func referenceBlur(_ plane: inout [Float], rows: Int, columns: Int, passes: Int = 2) {
        let alongRows = JaroszFilter.windowSize(from: columns, to: 64)
        let alongColumns = JaroszFilter.windowSize(from: rows, to: 64)
        var scratch = [Float](repeating: 0, count: max(rows, columns))
        for _ in 0..<passes {
            for row in 0..<rows {
                for column in 0..<columns { scratch[column] = plane[row * columns + column] }
                referenceBox(scratch, length: columns, window: alongRows, into: &plane, start: row * columns, stride: 1)
            }
            for column in 0..<columns {
                for row in 0..<rows { scratch[row] = plane[row * columns + column] }
                referenceBox(scratch, length: rows, window: alongColumns, into: &plane, start: column, stride: columns)
            }
        }
    }

    /// The reference `decimateFloat` of the reference blur: PDQ's 64 × 64 image, as the filter computed it when it
    /// held the whole plane.
    static func referenceSamples(_ plane: [Float], rows: Int, columns: Int) -> [Float] {
        var blurred = plane
        referenceBlur(&blurred, rows: rows, columns: columns)
        return decimate(blurred, rows: rows, columns: columns)
    }

    static func decimate(_ plane: [Float], rows: Int, columns: Int) -> [Float] {
        var samples = [Float](repeating: 0, count: 64 * 64)
        for i in 0..<64 {
            let row = Int((Double(i) + 0.5) * Double(rows) / 64)
            for j in 0..<64 {
                samples[i * 64 + j] = plane[row * columns + Int((Double(j) + 0.5) * Double(columns) / 64)]
            }
        }
        return samples
    }

    static func streamedSamples(_ plane: [Float], rows: Int, columns: Int) -> [Float] {
        JaroszFilter.blurredSamples(rows: rows, columns: columns) { row, buffer, start in
            for column in 0..<columns { buffer[start + column] = plane[row * columns + column] }
        }
    }

    /// Sizes around the 16-row strip and 16-column vector (narrower, exact multiples, one over), tall and wide, the
    /// smallest PDQ hashes, narrower than 64 (samples repeat), a screenshot's and a photo's.
    @Test(arguments: [(64, 64), (64, 15), (64, 16), (64, 17), (127, 33), (33, 127), (300, 200), (2532, 1170), (65, 1),
                      (5, 5), (1, 70), (16, 16), (17, 31), (3024, 4032)])
    func streamedSamplesAreTheReferenceFloats(size: (rows: Int, columns: Int)) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(size.rows * 7919 + size.columns)
        let plane = (0..<(size.rows * size.columns)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) * 255
        }
        let ours = Self.streamedSamples(plane, rows: size.rows, columns: size.columns)
        #expect(ours == Self.referenceSamples(plane, rows: size.rows, columns: size.columns))
        #expect(ours != Self.decimate(plane, rows: size.rows, columns: size.columns), "the blur changed something")
    }
}
