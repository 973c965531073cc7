/// The tent-filter blur PDQ downsamples with (Jarosz, "Fast image convolutions", 2001): box filters applied twice
/// along rows and along columns, which approximates a tent filter in a time that does not depend on its width.
///
/// The arithmetic is the reference code's, step for step and in `Float`, so our 64 × 64 image is its 64 × 64 image.
/// The reference alternates between two full-size buffers; here each row, or block of adjacent columns, is copied
/// into a scratch buffer and filtered back in place, which gives the same numbers with one full-size buffer.
enum JaroszFilter {
    /// The reference `computeJaroszFilterWindowSize`: about old / (2 × new), rounded up.
    static func windowSize(from oldDimension: Int, to newDimension: Int) -> Int {
        (oldDimension + 2 * newDimension - 1) / (2 * newDimension)
    }

    /// Blurs `plane` (rows × columns, row after row) in place.
    static func blur(_ plane: inout [Float], rows: Int, columns: Int, passes: Int = 2) {
        let alongRows = windowSize(from: columns, to: 64)
        let alongColumns = windowSize(from: rows, to: 64)
        var scratch = [Float](repeating: 0, count: columns)
        var block = [Float](repeating: 0, count: rows * min(columnBlock, columns))
        for _ in 0..<passes {
            for row in 0..<rows {
                for column in 0..<columns { scratch[column] = plane[row * columns + column] }
                box(scratch, length: columns, window: alongRows, into: &plane, start: row * columns, stride: 1)
            }
            var first = 0
            while first < columns {
                let width = min(columnBlock, columns - first)
                for row in 0..<rows {
                    for offset in 0..<width { block[row * width + offset] = plane[row * columns + first + offset] }
                }
                boxColumns(block, width: width, rows: rows, window: alongColumns, into: &plane, first: first,
                           columns: columns)
                first += width
            }
        }
    }

    /// Columns filtered together: a screenshot's column, read one float a row apart, missed the cache at every
    /// row (72 % of `add`'s time for real screenshots). Each keeps its own running sum and count, in the order
    /// ``box(_:length:window:into:start:stride:)`` uses for one column, so every output is the same `Float`.
    private static let columnBlock = 16

    /// ``box(_:length:window:into:start:stride:)`` for `width` adjacent columns at once: `input` holds them row
    /// after row (`rows` × `width`); the results go to columns `first...` of `output` (`columns` wide).
    private static func boxColumns(_ input: [Float], width: Int, rows length: Int, window: Int, into output: inout [Float],
                                   first: Int, columns: Int) {
        let half = (window + 2) / 2
        var sums = [Float](repeating: 0, count: width)
        var count = 0
        var read = 0
        var left = 0
        var written = 0
        func emit() {
            for offset in 0..<width { output[written * columns + first + offset] = sums[offset] / Float(count) }
            written += 1
        }
        for _ in 0..<(half - 1) {
            for offset in 0..<width { sums[offset] += input[read * width + offset] }
            count += 1
            read += 1
        }
        for _ in 0..<(window - half + 1) {
            for offset in 0..<width { sums[offset] += input[read * width + offset] }
            count += 1
            read += 1
            emit()
        }
        for _ in 0..<max(0, length - window) {
            for offset in 0..<width {
                sums[offset] += input[read * width + offset]
                sums[offset] -= input[left * width + offset]
            }
            read += 1
            left += 1
            emit()
        }
        for _ in 0..<(half - 1) {
            for offset in 0..<width { sums[offset] -= input[left * width + offset] }
            count -= 1
            left += 1
            emit()
        }
    }

    /// The reference `box1DFloat`: a running mean over `window` values centred on each output, with a window that
    /// grows from the start and shrinks at the end so every output averages only real samples.
    private static func box(_ input: [Float], length: Int, window: Int, into output: inout [Float], start: Int,
                            stride: Int) {
        let half = (window + 2) / 2
        var sum: Float = 0
        var count = 0
        var read = 0
        var left = 0
        var written = start
        for _ in 0..<(half - 1) {
            sum += input[read]
            count += 1
            read += 1
        }
        for _ in 0..<(window - half + 1) {
            sum += input[read]
            count += 1
            read += 1
            output[written] = sum / Float(count)
            written += stride
        }
        for _ in 0..<max(0, length - window) {
            sum += input[read]
            sum -= input[left]
            read += 1
            left += 1
            output[written] = sum / Float(count)
            written += stride
        }
        for _ in 0..<(half - 1) {
            sum -= input[left]
            count -= 1
            left += 1
            output[written] = sum / Float(count)
            written += stride
        }
    }
}
