import EvidenceModel
import EvidenceSystem
import EvidenceCrypto
import Foundation

/// The SHA-256 of a file that is still being written, computed on a thread of its own that reads back each part as
/// soon as the writer says it is final.
///
/// Seal journals the bundle's SHA-256. Hashing the finished zip in a second pass cost as much as writing it and ran
/// on one core after everything else; trailing the writer, the digest is ready moments after the last byte and the
/// work overlaps the writing. The bytes are read back from the file (the page cache), so the digest is of what the
/// file holds, never of what was meant to be written.
///
/// For example:
///
/// ```swift
/// let hasher = try TrailingFileHasher(path: zipPath)
/// // … write the first 1,000 bytes, which will not change again …
/// hasher.advance(to: 1_000)
/// // … write the rest …
/// let digest = try hasher.finish(size: total)
/// ```
final class TrailingFileHasher: @unchecked Sendable {
    private struct Cancelled: Error {}

    private let fd: Int32
    private let path: String
    private let condition = NSCondition()
    /// How far from the start the file will not change again; guarded by `condition`, as are the two below.
    private var finalBytes: UInt64 = 0
    private var complete = false
    private var cancelled = false
    private var outcome: Result<SHA256Digest, any Error> = .failure(Cancelled())
    private let ended = DispatchSemaphore(value: 0)

    /// Starts trailing the file at `path`, which the caller has created and is writing.
    init(path: String) throws {
        fd = try FileSystem.openForReading(path)
        self.path = path
        let thread = Thread { [self] in
            let result = Result { try hashAsWritten() }
            condition.lock()
            outcome = result
            condition.unlock()
            ended.signal()
        }
        thread.name = "bundle SHA-256"
        thread.start()
    }

    deinit { FileSystem.close(fd) }

    /// The file's bytes before `offset` are written and will not change again.
    func advance(to offset: UInt64) {
        condition.lock()
        if offset > finalBytes {
            finalBytes = offset
            condition.signal()
        }
        condition.unlock()
    }

    /// The file is complete at `size` bytes: waits for the rest to be hashed and returns the digest.
    ///
    /// - Throws: ``IOError`` when the file could not be read back, or held fewer bytes than `size`.
    func finish(size: UInt64) throws -> SHA256Digest {
        condition.lock()
        finalBytes = size
        complete = true
        condition.signal()
        condition.unlock()
        ended.wait()
        condition.lock()
        defer { condition.unlock() }
        return try outcome.get()
    }

    /// Stops without a digest (the write failed); returns once the file is no longer read.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.signal()
        condition.unlock()
        ended.wait()
    }

    private func hashAsWritten() throws -> SHA256Digest {
        let hasher = SHA256Hasher()
        var hashed: UInt64 = 0
        while true {
            condition.lock()
            while hashed == finalBytes && !complete && !cancelled { condition.wait() }
            let target = finalBytes
            let isComplete = complete
            let isCancelled = cancelled
            condition.unlock()
            if isCancelled { throw Cancelled() }
            while hashed < target {
                let wanted = Int(min(UInt64(Self.chunkSize), target - hashed))
                let chunk = try FileSystem.readUpTo(fd, limit: wanted, at: hashed, path: path)
                guard chunk.count == wanted else {
                    throw IOError(path: path, operation: "read back",
                                  reason: "it ended at \(hashed + UInt64(chunk.count)) bytes, before the \(target) written")
                }
                hasher.update(chunk)
                hashed += UInt64(chunk.count)
            }
            if isComplete { return hasher.finalize() }
        }
    }

    /// Bytes read back per step: large sequential reads.
    private static let chunkSize = 4 << 20
}
