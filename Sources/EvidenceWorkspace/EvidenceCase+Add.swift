import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation
import GRDB

/// What the person said about the files of one `add`.
public struct AddOptions: Sendable {
    public var note: String?
    public var sensitive: Bool
    /// A time the victim asserts (recorded with source `declared`).
    public var declaredTime: EvidenceTimestamp?

    public init(note: String? = nil, sensitive: Bool = false, declaredTime: EvidenceTimestamp? = nil) {
        self.note = note
        self.sensitive = sensitive
        self.declaredTime = declaredTime
    }
}

/// What one `add` did, file by file.
public struct AddReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Stored as a new item.
        case added(EvidenceItem)
        /// The same bytes are already item `existing`; not stored twice, the sighting is journaled.
        case duplicate(of: EvidenceItem, path: String)
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
    /// Names the operating systems leave in folders; never evidence.
    static let clutterNames: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini", "__MACOSX", ".Spotlight-V100", ".Trashes", "ehthumbs.db"]

    /// Adds files and folders (recursively) to the case.
    ///
    /// Each original is opened read-only and read once: the same pass copies it into the case and hashes it.
    /// Two files are copied at a time (one per core); each item is committed on its own as soon as its copy is
    /// on disk, so an interrupted `add` keeps every item it had finished and nothing half-done.
    ///
    /// - Throws: only when the case itself cannot be written; unreadable inputs are reported per file.
    public func add(_ paths: [URL], options: AddOptions = AddOptions(), now: @escaping @Sendable () -> Instant = { .now() },
                    progress: (@Sendable (AddReport.Outcome) -> Void)? = nil) throws -> AddReport {
        var plan: [PlannedFile] = []
        var early: [AddReport.Outcome] = []
        for path in paths {
            collect(path.standardizedFileURL, root: nil, into: &plan, skipped: &early)
        }
        early.forEach { progress?($0) }
        let files = plan
        let state = AddState(count: plan.count)
        let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let next = WorkCounter()
        let group = DispatchGroup()
        for _ in 0..<min(workers, max(files.count, 1)) {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                while let position = next.take(below: files.count) {
                    let staged = Result { try self.stage(files[position]) }
                    state.finish(position, staged) { position, staged in
                        let outcome = self.commit(files[position], staged: staged, options: options, now: now)
                        progress?(outcome)
                        return outcome
                    }
                }
            }
        }
        group.wait()
        let links = try linkFilesBesideExports()
        return AddReport(outcomes: early + state.outcomes.compactMap { $0 }, links: links)
    }

    // MARK: Planning

    struct PlannedFile: Sendable {
        var path: String
        var name: String
        var size: Int64
        var modifiedAt: Instant?
    }

    private func collect(_ url: URL, root: URL?, into plan: inout [PlannedFile], skipped: inout [AddReport.Outcome]) {
        let path = url.path
        let name = url.lastPathComponent
        if EvidenceCase.clutterNames.contains(name) || name.hasPrefix("._") {
            skipped.append(.skipped(path: path, reason: "operating-system clutter, not evidence"))
            return
        }
        let info: FileSystem.Status
        do { info = try FileSystem.linkStatus(path) } catch {
            skipped.append(.failed(path: path, reason: "\(error)"))
            return
        }
        if info.isSymbolicLink {
            if root != nil {
                skipped.append(.skipped(path: path, reason: "symbolic link inside a folder; not followed (add its target directly if it is evidence)"))
                return
            }
            // A link named on the command line is what the person pointed at: follow it once.
            let resolved = url.resolvingSymlinksInPath()
            guard resolved.path != path else {
                skipped.append(.failed(path: path, reason: "broken symbolic link"))
                return
            }
            collect(resolved, root: nil, into: &plan, skipped: &skipped)
            return
        }
        // The case's own files (its stored copies, its index) are never evidence of themselves.
        let casePath = folder.standardizedFileURL.path
        if url.standardizedFileURL.path == casePath || url.standardizedFileURL.path.hasPrefix(casePath + "/") {
            skipped.append(.skipped(path: path, reason: "inside the case folder itself"))
            return
        }
        if info.isDirectory {
            let children: [String]
            do { children = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                skipped.append(.failed(path: path, reason: "cannot list folder: \(error.localizedDescription)"))
                return
            }
            for child in children.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                collect(url.appendingPathComponent(child), root: root ?? url, into: &plan, skipped: &skipped)
            }
            return
        }
        guard info.isRegularFile else {
            skipped.append(.skipped(path: path, reason: "not a regular file (device, socket or pipe)"))
            return
        }
        let mtime = Instant(unixSeconds: info.modified.seconds, nanoseconds: info.modified.nanoseconds)
        plan.append(PlannedFile(path: path, name: name, size: info.size, modifiedAt: mtime))
    }

    // MARK: Copy, hash, commit

    struct StagedCopy: Sendable {
        var digest: SHA256Digest
        var size: UInt64
        var stagingPath: String
    }

    /// Copies the original into `staging/` while hashing it.
    func stage(_ file: PlannedFile) throws -> StagedCopy {
        let stagingPath = folder.appendingPathComponent("staging/\(UUID().uuidString).part").path
        do {
            let hasher = SHA256Hasher()
            let size = try FileSystem.copy(from: file.path, to: stagingPath) { hasher.update($0) }
            return StagedCopy(digest: hasher.finalize(), size: size, stagingPath: stagingPath)
        } catch {
            FileSystem.removeFile(stagingPath)
            throw error
        }
    }

    /// Moves a staged copy into the object store and records the item, the files it carries (zip media,
    /// e-mail attachments) and their journal entries in one transaction.
    func commit(_ file: PlannedFile, staged: Result<StagedCopy, any Error>, options: AddOptions,
                now: () -> Instant) -> AddReport.Outcome {
        let copy: StagedCopy
        switch staged {
        case .success(let value): copy = value
        case .failure(let error): return .failed(path: file.path, reason: "\(error)")
        }
        do {
            let sha256 = copy.digest.hex
            let object = try moveIntoStore(stagingPath: copy.stagingPath, sha256: sha256)
            let acquiredAt = now()
            if let existing = try index.database.read({ db in try index.item(withSHA256: sha256, in: db) }) {
                return try recordDuplicate(of: existing, path: file.path, options: options, at: acquiredAt)
            }
            // Inspect the stored copy, not the original: the original is read exactly once.
            let inspection = try ItemInspector.inspect(
                fileAt: object, originalName: file.name,
                context: InspectionContext(timeZone: timeZone, fileModificationTime: file.modifiedAt,
                                           acquiredAt: acquiredAt, declared: options.declaredTime))
            var item = EvidenceItem(
                id: 0, sha256: sha256, size: Int64(copy.size),
                mediaType: inspection.mediaType, kind: inspection.kind, kindReason: inspection.kindReason,
                originalPath: file.path, originalName: file.name, acquiredAt: acquiredAt,
                modifiedAt: file.modifiedAt, note: options.note, sensitive: options.sensitive,
                timestamps: inspection.timestamps, best: inspection.best, warnings: inspection.warnings)
            let contents = try storeContents(of: &item, storedCopy: object, originalPath: file.path)
            return try index.database.write { db -> AddReport.Outcome in
                if let existing = try index.item(withSHA256: sha256, in: db) {
                    return try recordDuplicate(of: existing, path: file.path, options: options, at: acquiredAt, in: db)
                }
                item.id = try index.nextItemID(in: db)
                try index.insert(item, in: db)
                try index.appendCustody(action: "item-added", actor: Actor.current, at: acquiredAt,
                                        details: ["item": String(item.id), "sha256": sha256, "size": String(item.size),
                                                  "originalName": file.name, "originalPath": file.path],
                                        in: db)
                try recordContents(contents, of: &item, acquiredAt: acquiredAt, in: db)
                return .added(item)
            }
        } catch {
            unlink(copy.stagingPath)
            return .failed(path: file.path, reason: "\(error)")
        }
    }

    /// Puts a staged file under its hash in the object store (or drops it when the store has it already).
    func moveIntoStore(stagingPath: String, sha256: String) throws -> URL {
        let object = storedCopy(sha256: sha256)
        if FileManager.default.fileExists(atPath: object.path) {
            unlink(stagingPath)
        } else {
            try FileManager.default.createDirectory(at: object.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileSystem.rename(stagingPath, to: object.path)
            try FileSystem.fsyncDirectory(object.deletingLastPathComponent().path)
        }
        return object
    }

    private func recordDuplicate(of existing: EvidenceItem, path: String, options: AddOptions,
                                 at acquiredAt: Instant) throws -> AddReport.Outcome {
        try index.database.write { db in
            try recordDuplicate(of: try index.item(withSHA256: existing.sha256, in: db) ?? existing, path: path,
                                options: options, at: acquiredAt, in: db)
        }
    }

    private func recordDuplicate(of existing: EvidenceItem, path: String, options: AddOptions, at acquiredAt: Instant,
                                 in db: Database) throws -> AddReport.Outcome {
        try index.recordSighting(itemID: existing.id, originalPath: path, at: acquiredAt, in: db)
        try index.appendCustody(action: "duplicate-seen", actor: Actor.current, at: acquiredAt,
                                details: ["item": String(existing.id), "sha256": existing.sha256, "originalPath": path], in: db)
        // What the person says now about the same content is kept, never lost: a later
        // --sensitive marks it, a new --note is added to the earlier one.
        var annotated = existing
        if options.sensitive { annotated.sensitive = true }
        if let note = options.note, !(existing.note ?? "").contains(note) {
            annotated.note = existing.note.map { "\($0)\n\(note)" } ?? note
        }
        if annotated != existing {
            try index.update(annotated, in: db)
            try index.appendCustody(action: "item-annotated", actor: Actor.current, at: acquiredAt,
                                    details: ["item": String(existing.id), "sensitive": String(annotated.sensitive),
                                              "note": annotated.note ?? ""], in: db)
        }
        return .duplicate(of: annotated, path: path)
    }
}

/// Collects staged copies from the workers and commits them in the order the files were given,
/// so item numbers follow the person's order whatever the workers' timing.
private final class AddState: @unchecked Sendable {
    private let lock = NSLock()
    private var staged: [Result<EvidenceCase.StagedCopy, any Error>?]
    private(set) var outcomes: [AddReport.Outcome?]
    private var nextToCommit = 0

    init(count: Int) {
        staged = Array(repeating: nil, count: count)
        outcomes = Array(repeating: nil, count: count)
    }

    func finish(_ position: Int, _ result: Result<EvidenceCase.StagedCopy, any Error>,
                commit: (Int, Result<EvidenceCase.StagedCopy, any Error>) -> AddReport.Outcome) {
        lock.lock()
        defer { lock.unlock() }
        staged[position] = result
        while nextToCommit < staged.count, let ready = staged[nextToCommit] {
            outcomes[nextToCommit] = commit(nextToCommit, ready)
            staged[nextToCommit] = nil
            nextToCommit += 1
        }
    }
}
