import EvidenceCrypto
import EvidenceModel
import EvidenceSystem
import Foundation
import Testing
@testable import EvidenceWorkspace

/// `add` writes a chat's derived messages on a thread of its own: the file holds every chunk in the order handed
/// over, its SHA-256 and size are those of those bytes, and a failed write is reported, not lost.
@Suite struct HashingFileWriterTests {
    @Test(arguments: [0, 1, HashingFileWriter.depth, HashingFileWriter.depth * 10 + 3])
    func everyChunkIsWrittenInOrderAndHashed(chunks: Int) throws {
        let path = try TestSupport.temporaryDirectory("hashing-writer").appendingPathComponent("out").path
        let fd = try FileSystem.createExclusive(path)
        defer { FileSystem.close(fd) }
        let writer = HashingFileWriter(fd: fd, path: path)
        defer { writer.stop() }
        var expected: [UInt8] = []
        for index in 0..<chunks {
            let chunk = (0..<(index * 7919 % 70_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            expected += chunk
            try writer.write(chunk)
        }
        let written = try writer.finish()
        #expect(written.size == Int64(expected.count))
        #expect(written.sha256 == SHA256.hash(expected))
        #expect(try FileSystem.readPrefix(of: path, limit: expected.count + 1) == expected)
    }

    @Test func aFailedWriteIsThrownAndTheThreadStillEnds() throws {
        let path = try TestSupport.temporaryDirectory("hashing-writer").appendingPathComponent("read-only").path
        try FileSystem.writeAtomically([1, 2, 3], to: path)
        // A descriptor open for reading only: every write fails with EBADF.
        let fd = try FileSystem.openForReading(path)
        defer { FileSystem.close(fd) }
        let writer = HashingFileWriter(fd: fd, path: path)
        defer { writer.stop() }
        var thrown: (any Error)?
        for _ in 0..<(HashingFileWriter.depth * 4) {
            do { try writer.write([0x41]) } catch { thrown = error; break }
        }
        #expect(throws: IOError.self) { _ = try writer.finish() }
        if let thrown { #expect(thrown is IOError) }
        writer.stop()
        #expect(try FileSystem.readPrefix(of: path, limit: 16) == [1, 2, 3])
    }
}
