import EvidenceModel
import Foundation

/// Hands out the positions `0..<limit` to worker threads, each exactly once.
package final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next unclaimed position, or `nil` when all are taken.
    package init() {}

    package func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
