import EvidenceSystem
import Foundation

/// Work spread over every core, results in order: the parts of `add` that need no database and no order
/// (reading a mailbox's messages, inspecting the files an item carries).
enum Parallel {
    /// `body(0..<count)` on every core, results in order; the first error (in order) is thrown once all are done.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = Results<T>(count: count)
        let next = WorkCounter()
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let position = next.take(below: count) {
                results.set(position, Result { try body(position) })
            }
        }
        return try results.values()
    }

    /// The results, filled in by worker threads.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<T, any Error>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ position: Int, _ result: Result<T, any Error>) {
            lock.lock()
            results[position] = result
            lock.unlock()
        }

        /// Every result; called once all are set.
        func values() throws -> [T] {
            try results.map { result in
                guard let result else { preconditionFailure("a position was never worked on") }
                return try result.get()
            }
        }
    }
}
