import Foundation

/// How far a long operation (`add`, `seal`, `verify`) has come: items and bytes done, out of the totals known when
/// it started.
///
/// For example, a progress line on a terminal:
/// ```swift
/// try evidenceCase.add(paths, advancing: { progress in
///     print("\r\(progress.items) of \(progress.totalItems) files", terminator: "")
/// })
/// ```
public struct WorkProgress: Sendable, Equatable {
    /// Items finished so far.
    public var items: Int
    /// Items in all.
    public var totalItems: Int
    /// Bytes read so far (of items finished or under way).
    public var bytes: Int64
    /// Bytes in all.
    public var totalBytes: Int64

    public init(items: Int, totalItems: Int, bytes: Int64, totalBytes: Int64) {
        self.items = items
        self.totalItems = totalItems
        self.bytes = bytes
        self.totalBytes = totalBytes
    }
}

/// Counts work done on any thread and passes every new count to one observer.
///
/// Worker threads call ``add(bytes:)`` per chunk read and ``finishItem()`` per item; the observer (a progress
/// line) decides how often to redraw, so counting stays a few instructions under a lock.
package final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: WorkProgress
    private let observer: @Sendable (WorkProgress) -> Void

    package init(totalItems: Int, totalBytes: Int64, observer: @escaping @Sendable (WorkProgress) -> Void) {
        progress = WorkProgress(items: 0, totalItems: totalItems, bytes: 0, totalBytes: totalBytes)
        self.observer = observer
    }

    /// `count` more bytes were read.
    package func add(bytes count: Int) {
        lock.lock()
        progress.bytes += Int64(count)
        let now = progress
        lock.unlock()
        observer(now)
    }

    /// One more item is done.
    package func finishItem() {
        lock.lock()
        progress.items += 1
        let now = progress
        lock.unlock()
        observer(now)
    }
}
