@testable import EvidenceImaging
import Testing

/// The blur filters adjacent columns together for speed; PDQ hashes must not move by a bit, so its output is
/// compared, float for float, with the reference's one-column-at-a-time filter written out here.
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

    /// Sizes around the 16-column block (narrower, exact multiples, one over), tall and wide, and a screenshot's.
    @Test(arguments: [(64, 64), (64, 15), (64, 16), (64, 17), (127, 33), (33, 127), (300, 200), (2532, 1170), (65, 1)])
    func blockedColumnsGiveTheReferenceFloats(size: (rows: Int, columns: Int)) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(size.rows * 7919 + size.columns)
        let plane = (0..<(size.rows * size.columns)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) * 255
        }
        var ours = plane, reference = plane
        JaroszFilter.blur(&ours, rows: size.rows, columns: size.columns)
        Self.referenceBlur(&reference, rows: size.rows, columns: size.columns)
        #expect(ours == reference)
        #expect(ours != plane, "the blur changed something")
    }
}
