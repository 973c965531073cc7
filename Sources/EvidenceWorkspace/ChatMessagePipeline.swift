import EvidenceModel
import Foundation

/// Parses on the calling thread and formats on a second one: for a million-message export, reading the export and
/// writing its JSON Lines or transcript take about the same time, and the machine has more than one core. Used by
/// `chat parse` (printing) and by `add` (the derived JSON Lines, hashed and written to the case's staging folder).
///
/// The parser's messages are handed over in batches through a queue of at most ``depth`` batches (memory stays
/// bounded, whatever the export's size), in order. The formatting side sees exactly the messages the parser
/// delivered, then learns whether parsing succeeded, so what it prints is what formatting each message as it came
/// would have printed. An error on the formatting side (standard output closed) stops the parser at its next batch.
package final class ChatMessagePipeline: @unchecked Sendable {
    /// Messages per batch: large enough that the two threads rarely wait on the lock, small enough to stay cheap.
    package static let batchSize = 4096
    /// Batches that may wait for the formatting side.
    package static let depth = 8

    private let condition = NSCondition()
    private var queue: [[ChatMessage]] = []
    private var parsingEnded = false
    private var parsingSucceeded = false
    private var formattingError: (any Error)?

    /// Runs `parse` here and `format` on a second thread, then `finish(parsingSucceeded)` there.
    ///
    /// - Returns: what `parse` returns.
    /// - Throws: the formatting side's error if it had one (it happened at an earlier message than any parse
    ///   error, as it would have without the second thread), else the parser's.
    package static func run<Result>(parse: (_ onMessage: (ChatMessage) throws -> Void) throws -> Result,
                            format: @escaping @Sendable (ChatMessage) throws -> Void,
                            finish: @escaping @Sendable (_ parsingSucceeded: Bool) throws -> Void) throws -> Result {
        let pipeline = ChatMessagePipeline()
        let formatted = DispatchSemaphore(value: 0)
        var succeeded = false
        Thread.detachNewThread {
            pipeline.formatAll(format: format, finish: finish)
            formatted.signal()
        }
        var batch: [ChatMessage] = []
        batch.reserveCapacity(batchSize)
        let outcome = Swift.Result<Result, any Error> {
            try parse { message in
                batch.append(message)
                if batch.count == batchSize {
                    try pipeline.put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if case .success = outcome {
            succeeded = (try? pipeline.put(batch)) != nil
        }
        pipeline.endParsing(succeeded: succeeded)
        formatted.wait()
        if let error = pipeline.formattingError { throw error }
        return try outcome.get()
    }

    /// Queues a batch, waiting while the queue is full; throws the formatting side's error once it has one.
    private func put(_ batch: [ChatMessage]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.depth && formattingError == nil { condition.wait() }
        if let formattingError { throw formattingError }
        if !batch.isEmpty { queue.append(batch) }
        condition.broadcast()
    }

    /// Tells the formatting side that no batch follows, and whether the parser reached the end of the export.
    private func endParsing(succeeded: Bool) {
        condition.lock()
        parsingEnded = true
        parsingSucceeded = succeeded
        condition.broadcast()
        condition.unlock()
    }

    /// The formatting thread: every queued batch in order, then `finish`.
    private func formatAll(format: (ChatMessage) throws -> Void, finish: (Bool) throws -> Void) {
        while true {
            condition.lock()
            while queue.isEmpty && !parsingEnded { condition.wait() }
            if queue.isEmpty {
                let succeeded = parsingSucceeded
                condition.unlock()
                do { try finish(succeeded) } catch { fail(error) }
                return
            }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                for message in batch { try format(message) }
            } catch {
                fail(error)
                return
            }
        }
    }

    private func fail(_ error: any Error) {
        condition.lock()
        formattingError = error
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
