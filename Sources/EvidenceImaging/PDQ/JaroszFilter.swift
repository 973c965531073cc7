/// The tent-filter blur PDQ downsamples with (Jarosz, "Fast image convolutions", 2001): box filters applied twice
/// along rows and along columns, which approximates a tent filter in a time that does not depend on its width, then
/// the reference `decimateFloat`'s 64 × 64 samples of the result.
///
/// The arithmetic is the reference code's, step for step and in `Float`, so our 64 × 64 image is its 64 × 64 image:
/// every value goes through the same additions, subtractions and division in the same order. What differs is only
/// when each is done and what is kept:
///
/// - The image is streamed in strips of 16 rows, never held as a full-size plane: the first column pass keeps a
///   running sum per column and the rows its window still needs (a ring of `window + 16` rows), so the working set
///   stays in the cache instead of going through memory four times.
/// - A running mean along a row is a chain of dependent additions, which left the core waiting on each one. The 16
///   rows of a strip are filtered side by side, one row in each lane of a `SIMD16<Float>` (an addition in a lane is
///   the same `Float` addition), from a tile that holds the strip column after column.
/// - The last two passes compute only what the samples need: the second row pass runs every row's chain but
///   divides and keeps only the 64 sampled columns, and the second column pass runs over those 64 columns alone.
enum JaroszFilter {
    /// The reference `computeJaroszFilterWindowSize`: about old / (2 × new), rounded up.
    static func windowSize(from oldDimension: Int, to newDimension: Int) -> Int {
        (oldDimension + 2 * newDimension - 1) / (2 * newDimension)
    }

    /// The side of PDQ's downsampled image.
    static let side = 64

    /// Rows filtered side by side, one in each lane.
    private static let lanes = 16
    private typealias Lanes = SIMD16<Float>

    /// The reference `decimateFloat`'s sample for output `index` of `side`: the one nearest the cell's centre.
    static func sampleIndex(_ index: Int, of dimension: Int) -> Int {
        Int((Double(index) + 0.5) * Double(dimension) / Double(side))
    }

    /// The 64 × 64 samples (row after row) of the image blurred twice along rows and columns.
    ///
    /// - Parameters:
    ///   - rows: The image's height, at least 1.
    ///   - columns: The image's width, at least 1.
    ///   - loadRow: Writes row `row` of the unblurred image (`columns` values) into `buffer` from index `start`;
    ///     called once for each row, in order.
    static func blurredSamples(rows: Int, columns: Int,
                               loadRow: (_ row: Int, _ buffer: inout [Float], _ start: Int) -> Void) -> [Float] {
        precondition(rows > 0 && columns > 0, "an empty image has no samples")
        let alongRows = windowSize(from: columns, to: side)
        let alongColumns = windowSize(from: rows, to: side)
        let sampledRows = (0..<side).map { sampleIndex($0, of: rows) }
        let sampledColumns = (0..<side).map { sampleIndex($0, of: columns) }
        // A row padded to whole vectors of 16 columns, so the column passes add 16 columns at a time. The padding
        // holds finite numbers, filtered along with the rest and never read back into a sample.
        let vectors = (columns + lanes - 1) / lanes
        let paddedColumns = vectors * lanes
        let ringRows = alongColumns + lanes

        var block = [Float](repeating: 0, count: lanes * paddedColumns)  // a strip of 16 rows as loaded
        var tile = [Lanes](repeating: Lanes(), count: paddedColumns)    // a strip column after column, a row a lane
        var filtered = tile                                             // the strip after the first row pass
        var ring = [Lanes](repeating: Lanes(), count: ringRows * vectors) // the first row pass's rows still needed
        var sums = [Lanes](repeating: Lanes(), count: vectors)          // the first column pass's running sums
        var columnPassed = [Lanes](repeating: Lanes(), count: lanes * vectors) // 16 rows of the first column pass
        var rowSamples = [Lanes](repeating: Lanes(), count: rows * side / lanes) // the second row pass, sampled

        // Pass 1 along rows, a strip of 16 rows at a time, into the ring. Rows go into lanes and back 16 columns
        // at a time, so each cache line is filled at once from 16 sequential streams.
        var stripsFiltered = 0
        func firstRowPass(throughRow row: Int) {
            while stripsFiltered * lanes <= row {
                let first = stripsFiltered * lanes
                let count = min(lanes, rows - first)
                for lane in 0..<count { loadRow(first + lane, &block, lane * paddedColumns) }
                for column in 0..<columns {
                    var strip = Lanes()
                    for lane in 0..<lanes { strip[lane] = block[lane &* paddedColumns &+ column] }
                    tile[column] = strip
                }
                filterLanes(tile, length: columns, window: alongRows) { position, mean in filtered[position] = mean() }
                for vector in 0..<vectors {
                    for lane in 0..<count {
                        var row = Lanes()
                        for offset in 0..<lanes { row[offset] = filtered[vector &* lanes &+ offset][lane] }
                        ring[((first + lane) % ringRows) * vectors + vector] = row
                    }
                }
                stripsFiltered += 1
            }
        }
        func ringRow(_ row: Int) -> Int {
            firstRowPass(throughRow: row)
            return (row % ringRows) * vectors
        }

        // Pass 1 along columns, one output row at a time into `columnPassed`; every 16 rows, pass 2 along rows.
        // Reading the ring runs the first row pass as far as the column window needs.
        runningMean(length: rows, window: alongColumns,
                    enter: { row in
                        let entering = ringRow(row)
                        for vector in 0..<vectors { sums[vector] += ring[entering + vector] }
                    },
                    slide: { row, leftRow in
                        let entering = ringRow(row)
                        let leaving = ringRow(leftRow)
                        for vector in 0..<vectors {
                            sums[vector] += ring[entering + vector]
                            sums[vector] -= ring[leaving + vector]
                        }
                    },
                    leave: { leftRow in
                        let leaving = ringRow(leftRow)
                        for vector in 0..<vectors { sums[vector] -= ring[leaving + vector] }
                    },
                    emit: { row, count in
                        let lane = row % lanes
                        let divisor = Lanes(repeating: count)
                        for vector in 0..<vectors { columnPassed[lane * vectors + vector] = sums[vector] / divisor }
                        guard lane == lanes - 1 || row == rows - 1 else { return }
                        for column in 0..<columns {
                            let (vector, offset) = (column / lanes, column % lanes)
                            var strip = Lanes()
                            for lane in 0..<lanes { strip[lane] = columnPassed[lane &* vectors &+ vector][offset] }
                            tile[column] = strip
                        }
                        // Pass 2 along rows: every chain runs, only the sampled columns are divided and kept.
                        let first = row - lane
                        var next = 0
                        filterLanes(tile, length: columns, window: alongRows) { position, mean in
                            guard next < side, sampledColumns[next] == position else { return }
                            let means = mean()
                            while next < side, sampledColumns[next] == position {
                                for strip in 0...lane {
                                    rowSamples[(first + strip) * (side / lanes) + next / lanes][next % lanes] = means[strip]
                                }
                                next += 1
                            }
                        }
                    })

        // Pass 2 along columns, over the 64 sampled columns only, keeping the 64 sampled rows.
        var samples = [Float](repeating: 0, count: side * side)
        var columnSums = [Lanes](repeating: Lanes(), count: side / lanes)
        var nextRow = 0
        let perRow = side / lanes
        runningMean(length: rows, window: alongColumns,
                    enter: { row in
                        for vector in 0..<perRow { columnSums[vector] += rowSamples[row * perRow + vector] }
                    },
                    slide: { row, leftRow in
                        for vector in 0..<perRow {
                            columnSums[vector] += rowSamples[row * perRow + vector]
                            columnSums[vector] -= rowSamples[leftRow * perRow + vector]
                        }
                    },
                    leave: { leftRow in
                        for vector in 0..<perRow { columnSums[vector] -= rowSamples[leftRow * perRow + vector] }
                    },
                    emit: { row, count in
                        while nextRow < side, sampledRows[nextRow] == row {
                            for vector in 0..<perRow {
                                let means = columnSums[vector] / Lanes(repeating: count)
                                for lane in 0..<lanes { samples[nextRow * side + vector * lanes + lane] = means[lane] }
                            }
                            nextRow += 1
                        }
                    })
        return samples
    }

    /// The running mean along a row, for the 16 rows of a tile at once: `emit(position, mean)` is called for
    /// positions 0, 1, … `length - 1` in order; `mean()` divides the running sums by the count, for an emitter
    /// that keeps the value.
    @inline(__always)
    private static func filterLanes(_ tile: [Lanes], length: Int, window: Int,
                                    emit: (_ position: Int, _ mean: () -> Lanes) -> Void) {
        var sum = Lanes()
        runningMean(length: length, window: window,
                    enter: { sum += tile[$0] },
                    slide: { entering, leaving in
                        sum += tile[entering]
                        sum -= tile[leaving]
                    },
                    leave: { sum -= tile[$0] },
                    emit: { position, count in emit(position) { sum / Lanes(repeating: count) } })
    }

    /// The reference `box1DFloat`'s order of operations: a running sum over `window` values centred on each output,
    /// with a window that grows from the start and shrinks at the end so every output averages only real samples.
    /// `enter(i)` adds sample `i`, `slide(i, j)` adds sample `i` then subtracts sample `j`, `leave(j)` subtracts
    /// sample `j`, and `emit(position, count)` is due after each step that completes an output: the sum divided
    /// by `count` (a `Float`, as the reference divides).
    @inline(__always)
    private static func runningMean(length: Int, window: Int, enter: (Int) -> Void, slide: (Int, Int) -> Void,
                                    leave: (Int) -> Void, emit: (_ position: Int, _ count: Float) -> Void) {
        let half = (window + 2) / 2
        var count = 0
        var read = 0
        var left = 0
        var written = 0
        for _ in 0..<(half - 1) {
            enter(read)
            count += 1
            read += 1
        }
        for _ in 0..<(window - half + 1) {
            enter(read)
            count += 1
            read += 1
            emit(written, Float(count))
            written += 1
        }
        for _ in 0..<max(0, length - window) {
            slide(read, left)
            read += 1
            left += 1
            emit(written, Float(count))
            written += 1
        }
        for _ in 0..<(half - 1) {
            leave(left)
            count -= 1
            left += 1
            emit(written, Float(count))
            written += 1
        }
    }
}
