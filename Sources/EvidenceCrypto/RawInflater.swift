internal import CEvidenceZlib

/// Raw deflate data (RFC 1951, as inside a zip entry) inflated by zlib, one bounded chunk at a time.
///
/// The consumer sees each chunk before the next one is made, so a consumer that stops (a size limit, an
/// error) stops the inflation: a zip bomb costs one chunk beyond the limit. The inflater owns its zlib
/// stream, which must not move in memory while in use, and frees it when released. Not thread-safe: one
/// inflater per entry.
///
/// For example:
///
/// ```swift
/// let inflater = try RawInflater()
/// let progress = try inflater.inflate(compressedChunk) { output in hasher.update(output) }
/// if progress.finished { … }
/// ```
package final class RawInflater {
    /// zlib could not start, or the data is not valid deflate.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        /// zlib's own words (`invalid block type`, `invalid distance too far back` …).
        package var reason: String
        package var description: String { "corrupt deflate data (\(reason))" }
    }

    /// How one call went.
    package struct Progress: Sendable, Equatable {
        /// Input bytes consumed by this call; fewer than given when the stream ended before them.
        package var consumed: Int
        /// The deflate stream's final block has been inflated.
        package var finished: Bool
    }

    /// Bytes handed to the consumer at most at once.
    package static let outputChunkSize = 1 << 16

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private var finished = false

    package init() throws(Failure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(byteCount: Self.outputChunkSize, alignment: 1)
        let status = evidencekit_inflate_init_raw(stream)
        guard status == Z_OK else {
            stream.deallocate()
            output.deallocate()
            throw Failure(reason: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Inflates `input`, handing every produced chunk to `consumer` before making the next.
    ///
    /// - Returns: how much input was consumed and whether the stream has ended.
    /// - Throws: ``Failure`` on invalid deflate data, or whatever `consumer` throws.
    package func inflate(_ input: [UInt8], into consumer: ([UInt8]) throws -> Void) throws -> Progress {
        try input.withUnsafeBytes { try inflate(raw: $0, into: consumer) }
    }

    private func inflate(raw input: UnsafeRawBufferPointer, into consumer: ([UInt8]) throws -> Void) throws -> Progress {
        if finished { return Progress(consumed: 0, finished: true) }
        guard let inputBase = input.baseAddress, !input.isEmpty else { return Progress(consumed: 0, finished: false) }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(output.count)
            let status = CEvidenceZlib.inflate(stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try consumer(Array(UnsafeRawBufferPointer(rebasing: output[0..<produced]))) }
            switch status {
            case Z_STREAM_END:
                finished = true
                return Progress(consumed: input.count - Int(stream.pointee.avail_in), finished: true)
            case Z_OK where stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0:
                continue
            case Z_OK, Z_BUF_ERROR:
                // Every input byte is in and the output was not full: zlib needs the next chunk.
                return Progress(consumed: input.count - Int(stream.pointee.avail_in), finished: false)
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Failure(reason: message)
            }
        }
    }
}
