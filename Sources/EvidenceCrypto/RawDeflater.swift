internal import CEvidenceZlib

/// Bytes deflated by zlib into raw deflate data (RFC 1951, as inside a zip entry), with their CRC-32.
///
/// The settings and the steps are ZIPFoundation 0.9.20's (default level, raw 15-bit window, memory level 9, input
/// in 64 KiB steps with `Z_FINISH` on the last), which wrote the tag files of our first bundles: a case sealed again
/// at the same time gives the same bytes. zlib's output depends on these and on the order of the calls, not on the
/// size of the output buffer. The CRC-32 is zlib's too (ZIPFoundation's own loop on Linux went a byte at a time).
///
/// For example:
///
/// ```swift
/// let (compressed, crc32) = try RawDeflater.deflate(Array(summary.utf8))
/// ```
package enum RawDeflater {
    /// zlib could not start or failed.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var reason: String
        package var description: String { "deflate failed (\(reason))" }
    }

    /// Input bytes per call to zlib: ZIPFoundation's buffer size.
    static let inputStepSize = 1 << 16
    /// Output bytes made per call at most.
    static let outputStepSize = 1 << 16

    /// Deflates `bytes`; returns the raw deflate data and the CRC-32 of `bytes`.
    ///
    /// - Throws: ``Failure`` when zlib cannot start or fails.
    package static func deflate(_ bytes: [UInt8]) throws -> (compressed: [UInt8], crc32: UInt32) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = evidencekit_deflate_init_raw(stream, Z_DEFAULT_COMPRESSION)
        guard status == Z_OK else { throw Failure(reason: "zlib could not start (status \(status))") }
        defer { deflateEnd(stream) }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: outputStepSize, alignment: 1)
        defer { output.deallocate() }
        var compressed: [UInt8] = []
        compressed.reserveCapacity(bytes.count / 4)
        var crc32 = CRC32()
        try bytes.withUnsafeBytes { input in
            crc32.update(input)
            var position = 0
            repeat {
                let step = min(inputStepSize, bytes.count - position)
                let flush = position + inputStepSize >= bytes.count ? Z_FINISH : Z_NO_FLUSH
                stream.pointee.next_in = step == 0 ? nil
                    : UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + position)
                stream.pointee.avail_in = uInt(step)
                // As zlib asks: call again, with the same flush, while it fills the whole output.
                var result: Int32
                repeat {
                    stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = uInt(output.count)
                    result = CEvidenceZlib.deflate(stream, flush)
                    guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                        throw Failure(reason: "zlib status \(result)")
                    }
                    let made = output.count - Int(stream.pointee.avail_out)
                    compressed.append(contentsOf: UnsafeRawBufferPointer(rebasing: output[0..<made]))
                } while stream.pointee.avail_out == 0
                guard stream.pointee.avail_in == 0, flush != Z_FINISH || result == Z_STREAM_END else {
                    throw Failure(reason: "zlib stopped early (status \(result))")
                }
                position += step
            } while position < bytes.count
        }
        return (compressed, crc32.value)
    }
}
