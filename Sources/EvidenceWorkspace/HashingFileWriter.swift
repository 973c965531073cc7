import EvidenceCrypto
import EvidenceSystem
import Foundation

/// Writes chunks to an open file and computes their SHA-256 and size on a thread of its own, in the order they were
/// handed over: the third stage of `add`'s chat pipeline (parse, encode, then this). For a million-message export
/// the kernel's copy into the page cache and the SHA-256 of 340 MB of JSON Lines were a third of the encoding
/// thread's time, and that thread was the one the other waited on.
///
/// At most ``depth`` chunks wait, so memory stays bounded whatever the file's size. A write error stops the writing:
/// the next ``write(_:)`` and ``finish()`` throw it, and chunks after it are dropped. ``stop()`` must be called
/// before the file is closed, whatever happened (it waits for the thread).
final class HashingFileWriter: @unchecked Sendable {
    /// Chunks that may wait for the thread (each of about 256 KiB from the JSON Lines writer).
    static let depth = 8

    private let fd: Int32
    private let path: String
    /// Used on the writing thread only, until ``finish()`` has waited for it.
    private let hasher = SHA256Hasher()
    private var size: Int64 = 0

    private let condition = NSCondition()
    private var pending: [[UInt8]] = []
    private var failure: (any Error)?
    private var closed = false
    private let ended = DispatchSemaphore(value: 0)
    /// Whether the thread was waited for (touched by one thread at a time: the encoder, then the owner).
    private var joined = false

    /// Starts the writing thread for `fd`, the file at `path` (named in errors).
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        Thread.detachNewThread { self.writeQueued() }
    }

    /// Queues `chunk`, waiting while ``depth`` chunks wait already.
    ///
    /// - Throws: the error of an earlier write, if one failed.
    func write(_ chunk: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while pending.count >= Self.depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        pending.append(chunk)
        condition.broadcast()
    }

    /// Waits until every queued chunk is written.
    ///
    /// - Returns: the SHA-256 and the size of everything written.
    /// - Throws: the first write error.
    func finish() throws -> (sha256: SHA256Digest, size: Int64) {
        stop()
        if let failure { throw failure }
        return (hasher.finalize(), size)
    }

    /// Lets the thread write what is queued and end, and waits for it. Called again, it returns at once.
    func stop() {
        guard !joined else { return }
        joined = true
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        ended.wait()
    }

    private func writeQueued() {
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                ended.signal()
                return
            }
            let chunk = pending.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try FileSystem.writeAll(fd, chunk, path: path)
                hasher.update(chunk)
                size += Int64(chunk.count)
            } catch {
                condition.lock()
                failure = error
                pending.removeAll()
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
