import EvidenceModel
import Foundation

/// Writes into one file from a thread of its own: buffers filled on other threads are written in the order they
/// are handed over, each at its offset, and handed back for reuse.
///
/// Several threads `pwrite`-ing into one file queue on its lock, and on Linux a waiting writer spins on the core
/// of the one holding it (`rwsem_spin_on_owner`, 13 % of seal's CPU) instead of leaving the core to the hashing.
/// One writer never waits on that lock, and the threads filling buffers hash the next ones while it writes. The
/// buffers are a fixed set, which bounds the memory: a thread asking for one waits until one has been written.
///
/// For example:
///
/// ```swift
/// let writer = SerialFileWriter(fd: fd, path: path, buffers: 4, capacity: 8 << 20) { error in stop(error) }
/// let buffer = writer.buffer()
/// buffer.append(header)
/// writer.write(buffer, at: 0) { print("the first bytes are in the file") }
/// try writer.finish()
/// ```
package final class SerialFileWriter: @unchecked Sendable {
    private enum Bytes {
        case gathered(GatheredWrite, leavingHoles: Bool)
        case array([UInt8])
    }

    private struct Request {
        var bytes: Bytes
        var offset: UInt64
        var then: (@Sendable () -> Void)?
    }

    private let fd: Int32
    private let path: String
    private let onFailure: @Sendable (any Error) -> Void
    /// Guards everything below; writers wait on it for requests, fillers for free buffers.
    private let condition = NSCondition()
    private var requests: [Request] = []
    private var nextRequest = 0
    private var freeBuffers: [GatheredWrite]
    private var closing = false
    private var failure: (any Error)?
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the writing thread for the open file `fd`, with `buffers` buffers of `capacity` bytes to fill.
    ///
    /// - Parameters:
    ///   - onFailure: Called once, on the writing thread, with the first write that failed; every later request is
    ///     skipped (its buffer still handed back), so those filling buffers can stop.
    package init(fd: Int32, path: String, buffers: Int, capacity: Int,
                 onFailure: @escaping @Sendable (any Error) -> Void) {
        precondition(buffers > 0, "at least one buffer")
        self.fd = fd
        self.path = path
        self.onFailure = onFailure
        freeBuffers = (0..<buffers).map { _ in GatheredWrite(capacity: capacity) }
        let thread = Thread { [self] in writeRequests() }
        thread.name = "bundle writer"
        thread.start()
    }

    /// An empty buffer to fill and hand to ``write(_:at:leavingHoles:then:)``, or back with ``giveBack(_:)``;
    /// waits while every buffer is being filled or written.
    package func buffer() -> GatheredWrite {
        condition.lock()
        defer { condition.unlock() }
        while freeBuffers.isEmpty { condition.wait() }
        let buffer = freeBuffers.removeLast()
        buffer.removeAll()
        return buffer
    }

    /// Returns a buffer that will not be written (what filled it failed).
    package func giveBack(_ buffer: GatheredWrite) {
        condition.lock()
        freeBuffers.append(buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// Writes what `buffer` holds at `offset`, after everything handed over before; then calls `then` on the
    /// writing thread (not after a failure) and takes the buffer back. With `leavingHoles`, an all-zero buffer is
    /// not written: the file keeps a hole there, which reads back as the same zeros (a sparse copy stays sparse).
    package func write(_ buffer: GatheredWrite, at offset: UInt64, leavingHoles: Bool = false,
                       then: (@Sendable () -> Void)? = nil) {
        enqueue(Request(bytes: .gathered(buffer, leavingHoles: leavingHoles), offset: offset, then: then))
    }

    /// Writes `bytes` at `offset`, after everything handed over before; then calls `then` on the writing thread
    /// (not after a failure).
    package func write(_ bytes: [UInt8], at offset: UInt64, then: (@Sendable () -> Void)? = nil) {
        enqueue(Request(bytes: .array(bytes), offset: offset, then: then))
    }

    /// Throws the first write's failure, if a write has failed (those filling buffers need not go on).
    package func checkWriting() throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    /// Waits until everything handed over is written and ends the writing thread; call once, after the last write.
    ///
    /// - Throws: The first write's failure (``IOError``).
    package func finish() throws {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
        ended.wait()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    private func enqueue(_ request: Request) {
        condition.lock()
        precondition(!closing, "no write after finish()")
        requests.append(request)
        condition.broadcast()
        condition.unlock()
    }

    private func writeRequests() {
        while true {
            condition.lock()
            while nextRequest == requests.count && !closing { condition.wait() }
            guard nextRequest < requests.count else {
                condition.unlock()
                ended.signal()
                return
            }
            let request = requests[nextRequest]
            nextRequest += 1
            // Drop the requests already taken once they are many, so the queue does not hold them all.
            if nextRequest >= 64 {
                requests.removeFirst(nextRequest)
                nextRequest = 0
            }
            let failed = failure != nil
            condition.unlock()

            var written = false
            if !failed {
                do {
                    switch request.bytes {
                    case .gathered(let buffer, let leavingHoles):
                        if !(leavingHoles && buffer.isHole) { try buffer.write(to: fd, at: request.offset, path: path) }
                    case .array(let bytes):
                        try FileSystem.write(fd, bytes, at: request.offset, path: path)
                    }
                    written = true
                } catch {
                    condition.lock()
                    failure = error
                    condition.unlock()
                    onFailure(error)
                }
            }
            if written { request.then?() }
            if case .gathered(let buffer, _) = request.bytes { giveBack(buffer) }
        }
    }
}
