import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem

/// The one thread that writes the bundle: buffers filled elsewhere land at their offsets, `then` runs only once the
/// bytes are in the file, a few buffers serve any number of writes, and a failed write is reported once, with
/// nothing written after it and no buffer lost.
@Suite struct SerialFileWriterTests {
    /// Collects what the writer's callbacks saw, from its thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func buffersLandAtTheirOffsetsAndAreReused() throws {
        let directory = try TestSupport.temporaryDirectory("serial-writer")
        let path = directory.appendingPathComponent("out.bin").path
        let fd = try FileSystem.createExclusive(path)
        defer { FileSystem.close(fd) }
        let pieces = 50
        let size = 1_000
        try FileSystem.setSize(fd, UInt64(pieces * size), path: path)
        let log = Log()
        let writer = SerialFileWriter(fd: fd, path: path, buffers: 2, capacity: size) { log.add("failed: \($0)") }
        let reader = try FileSystem.openForReading(path)
        defer { FileSystem.close(reader) }
        // Last piece first, so offsets are not in the order written; piece 7 is zeros, left as a hole.
        for piece in (0..<pieces).reversed() {
            let buffer = writer.buffer()
            buffer.append([UInt8](repeating: piece == 7 ? 0 : UInt8(piece + 1), count: size))
            writer.write(buffer, at: UInt64(piece * size), leavingHoles: true) {
                // The bytes are in the file when `then` runs.
                let back = (try? FileSystem.readUpTo(reader, limit: size, at: UInt64(piece * size), path: path)) ?? []
                log.add("\(piece) \(back == [UInt8](repeating: piece == 7 ? 0 : UInt8(piece + 1), count: size))")
            }
        }
        writer.write([0xEE], at: 0)
        try writer.finish()
        #expect(log.all == (0..<pieces).reversed().map { "\($0) true" })
        let file = try FileSystem.readPrefix(of: path, limit: pieces * size + 1)
        let expected = (0..<pieces).flatMap { [UInt8](repeating: $0 == 7 ? 0 : UInt8($0 + 1), count: size) }
        #expect(file == [0xEE] + expected.dropFirst())
    }

    @Test func aFailedWriteIsReportedOnceAndNothingIsWrittenAfterIt() throws {
        let directory = try TestSupport.temporaryDirectory("serial-writer-fails")
        let path = directory.appendingPathComponent("in.bin").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        // Opened for reading only: every write fails (EBADF).
        let fd = try FileSystem.openForReading(path)
        defer { FileSystem.close(fd) }
        let log = Log()
        let writer = SerialFileWriter(fd: fd, path: path, buffers: 1, capacity: 16) { _ in log.add("failed") }
        for piece in 0..<5 {
            // One buffer: each is taken again only once the writer has handed it back, failure or not.
            let buffer = writer.buffer()
            buffer.append([UInt8(piece)])
            writer.write(buffer, at: UInt64(piece)) { log.add("written \(piece)") }
        }
        #expect(throws: IOError.self) { try writer.finish() }
        #expect(throws: IOError.self) { try writer.checkWriting() }
        #expect(log.all == ["failed"])
        #expect(try FileSystem.readPrefix(of: path, limit: 10) == [1, 2, 3])
    }
}
