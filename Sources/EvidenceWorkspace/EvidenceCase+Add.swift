import EvidenceModel
import EvidenceSystem
import Foundation

/// What the person said about the files of one `add`.
public struct AddOptions: Sendable {
    public var note: String?
    public var sensitive: Bool
    /// A time the victim asserts (recorded with source `declared`).
    public var declaredTime: EvidenceTimestamp?
    /// The person shown was a minor when these pictures or videos were made (also implied by the case's own flag).
    public var minorAtTime: Bool
    /// Where the files were seen, the service, the sending account and what they show (see
    /// ``EvidenceItem/sourceURL``); recorded on every file of this add.
    public var sourceURL: String?
    public var platform: String?
    public var account: String?
    public var description: String?
    /// The order of day, month and year in a chat export's dates, when the export cannot tell (`03/04/2023`).
    public var dateOrder: DateOrder?

    public init(note: String? = nil, sensitive: Bool = false, declaredTime: EvidenceTimestamp? = nil,
                minorAtTime: Bool = false, sourceURL: String? = nil, platform: String? = nil, account: String? = nil,
                description: String? = nil, dateOrder: DateOrder? = nil) {
        self.note = note
        self.sensitive = sensitive
        self.declaredTime = declaredTime
        self.minorAtTime = minorAtTime
        self.sourceURL = sourceURL
        self.platform = platform
        self.account = account
        self.description = description
        self.dateOrder = dateOrder
    }

    /// What this add says about content the case already holds: everything it would record on a new item, so
    /// nothing the person says is dropped (``EvidenceCase/annotate(itemIDs:with:now:)``).
    var annotation: ItemAnnotation {
        ItemAnnotation(note: note, declaredTime: declaredTime, sensitive: sensitive ? true : nil, minorAtTime: minorAtTime,
                       sourceURL: sourceURL, platform: platform, account: account, description: description)
    }
}

/// What one `add` did, file by file.
public struct AddReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Stored as a new item.
        case added(EvidenceItem)
        /// The same bytes are already item `existing`; not stored twice, the sighting is journaled, and what
        /// this add says about them (note, declared time, flags, describing fields) is recorded on it: `changes`.
        case duplicate(of: EvidenceItem, path: String, changes: [ItemChange])
        /// Left out on purpose (OS clutter, a symlink out of the folder), with the reason.
        case skipped(path: String, reason: String)
        /// Could not be read; nothing was stored for it.
        case failed(path: String, reason: String)
    }

    /// A file beside a chat export, linked to the messages that name it.
    public struct Link: Sendable, Equatable {
        public var conversationItem: Int64
        public var attachmentName: String
        public var fileItem: Int64
    }

    public var outcomes: [Outcome] = []
    /// Links made after this add between exports and the files beside them (whichever came first).
    public var links: [Link] = []

    public var added: [EvidenceItem] { outcomes.compactMap { if case .added(let item) = $0 { item } else { nil } } }
    public var failures: [(path: String, reason: String)] {
        outcomes.compactMap { if case .failed(let path, let reason) = $0 { (path, reason) } else { nil } }
    }
}

extension EvidenceCase {
    /// Adds files and folders (recursively) to the case.
    ///
    /// Each original is opened read-only and read once: the same pass copies it into the case and hashes it.
    /// Two files are copied, hashed and inspected at a time (one per core) and committed in batches (up to 128
    /// files or 32 MiB, or what half a second brought): the batch's copies are flushed to disk and moved into the
    /// store, then its items are recorded in one transaction. An interrupted `add` keeps every batch it had
    /// committed and nothing of the others; running it again adds the rest.
    ///
    /// - Parameters:
    ///   - progress: Called with each file's outcome, in the order the files were given, once the file's batch is
    ///     committed.
    ///   - keepingOutcomes: False to leave the outcomes of the files copied out of the report (they are passed to
    ///     `progress` all the same), so that adding 100,000 files does not hold 100,000 items in memory.
    ///   - working: Called while one file takes long (the messages of a large mailbox being recorded), at most
    ///     twice a second and once when its last carried file is recorded.
    ///   - waiting: Called once when another `add` or `seal` is changing the case: this one waits for it.
    ///   - advancing: Called from any thread as bytes are copied and files recorded, with the totals of the files
    ///     planned (for a progress line).
    /// - Throws: only when the case itself cannot be written; unreadable inputs are reported per file.
    public func add(_ paths: [URL], options: AddOptions = AddOptions(), now: @escaping @Sendable () -> Instant = { .now() },
                    progress: (@Sendable (AddReport.Outcome) -> Void)? = nil,
                    working: (@Sendable (AddProgress) -> Void)? = nil,
                    waiting: (() -> Void)? = nil,
                    advancing: (@Sendable (WorkProgress) -> Void)? = nil,
                    keepingOutcomes: Bool = true) throws -> AddReport {
        try changing(onWait: waiting) {
            // A case made before perceptual hashing gets its missing hashes the first time it is added to.
            _ = try fillInMissingContentHashes(now: now())
            let plan = AddPlan(paths: paths, caseFolder: folder, recordingFullPaths: metadata.recordsFullPaths == true)
            plan.outcomes.forEach { progress?($0) }
            let meter = advancing.map {
                ProgressMeter(totalItems: plan.files.count, totalBytes: plan.files.reduce(0) { $0 + $1.size }, observer: $0)
            }
            let outcomes = commitCopies(of: plan.files, options: options, now: now, progress: progress,
                                        working: working.map(ProgressThrottle.init), meter: meter,
                                        keepingOutcomes: keepingOutcomes)
            let links = try linkFilesBesideExports()
            return AddReport(outcomes: plan.outcomes + outcomes, links: links)
        }
    }
}

/// How far `add` has come inside one file that carries many others (a mailbox's messages, a zip's media).
public struct AddProgress: Sendable, Equatable {
    /// The original's name.
    public var name: String
    /// What is being counted.
    public enum Step: Sendable, Equatable {
        /// The messages of a mailbox, read.
        case messagesRead
        /// The files an item carries (zip media, attachments), recorded as items.
        case carriedFilesRecorded
    }

    /// What is being counted.
    public var step: Step = .carriedFilesRecorded
    /// Done so far.
    public var recorded: Int
    /// In all.
    public var total: Int

    /// True when standard error is a terminal, where a progress line is redrawn in place (`\r`) rather than
    /// printed line after line into a log.
    public static var standardErrorIsTerminal: Bool { FileSystem.isTerminal(2) }
}

/// Passes progress on at most twice a second, and always the last step, so a redrawn line costs nothing.
final class ProgressThrottle: @unchecked Sendable {
    private let report: @Sendable (AddProgress) -> Void
    private let lock = NSLock()
    private var last = ContinuousClock.now - .seconds(1)

    init(_ report: @escaping @Sendable (AddProgress) -> Void) {
        self.report = report
    }

    func update(_ progress: AddProgress) {
        lock.lock()
        let now = ContinuousClock.now
        let due = progress.recorded == progress.total || now - last >= .milliseconds(500)
        if due { last = now }
        lock.unlock()
        if due { report(progress) }
    }
}
