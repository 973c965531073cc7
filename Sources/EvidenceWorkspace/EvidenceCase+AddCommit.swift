import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceCrypto
import Foundation
import GRDB

/// The committing half of `add`: copy and hash each planned file into `staging/`, move it into the object
/// store, and record it (item row, custody entry, the files it carries) in one transaction.
extension EvidenceCase {
    /// Copies two files at a time (one per core) and commits them in the order they were planned, so item
    /// numbers follow the person's order whatever the workers' timing. Each commit is its own transaction.
    func commitCopies(of files: [AddPlan.File], options: AddOptions, now: @escaping @Sendable () -> Instant,
                      progress: (@Sendable (AddReport.Outcome) -> Void)?, working: ProgressThrottle?,
                      meter: ProgressMeter? = nil) -> [AddReport.Outcome] {
        let commits = OrderedCommits(count: files.count)
        let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount), max(files.count, 1))
        let next = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let position = next.take(below: files.count) {
                let staged = Result { try self.stage(files[position], meter: meter) }
                commits.finish(position, staged) { position, staged in
                    let outcome = self.commit(files[position], staged: staged, options: options, now: now,
                                              working: working)
                    progress?(outcome)
                    meter?.finishItem()
                    return outcome
                }
            }
        }
        return commits.outcomes.compactMap { $0 }
    }

    struct StagedCopy: Sendable {
        var digest: SHA256Digest
        var size: UInt64
        var stagingPath: String
    }

    /// Copies the original into `staging/` while hashing it.
    func stage(_ file: AddPlan.File, meter: ProgressMeter? = nil) throws -> StagedCopy {
        let stagingPath = folder.appendingPathComponent("staging/\(UUID().uuidString).part").path
        do {
            let hasher = SHA256Hasher()
            let size = try FileSystem.copy(from: file.path, to: stagingPath) { chunk in
                hasher.update(chunk)
                meter?.add(bytes: chunk.count)
            }
            return StagedCopy(digest: hasher.finalize(), size: size, stagingPath: stagingPath)
        } catch {
            FileSystem.removeFile(stagingPath)
            throw error
        }
    }

    /// Moves a staged copy into the object store and records the item, the files it carries (zip media,
    /// e-mail attachments) and their journal entries in one transaction.
    func commit(_ file: AddPlan.File, staged: Result<StagedCopy, any Error>, options: AddOptions,
                now: () -> Instant, working: ProgressThrottle? = nil) -> AddReport.Outcome {
        let copy: StagedCopy
        switch staged {
        case .success(let value): copy = value
        case .failure(let error): return .failed(path: file.path, reason: "\(error)")
        }
        do {
            let sha256 = copy.digest.hex
            let object = URL(fileURLWithPath: try moveIntoStore(stagingPath: copy.stagingPath, sha256: sha256))
            let acquiredAt = now()
            if let existing = try index.database.read({ db in try index.item(withSHA256: sha256, in: db) }) {
                return try recordDuplicate(of: existing, file: file, options: options, at: acquiredAt)
            }
            // Inspect the stored copy, not the original: the original is read exactly once.
            let inspection = try ItemInspector.inspect(
                fileAt: object, originalName: file.name,
                context: InspectionContext(timeZone: timeZone, zoneName: metadata.timeZone,
                                           fileModificationTime: file.modifiedAt,
                                           acquiredAt: acquiredAt, declared: options.declaredTime))
            var item = EvidenceItem(
                id: 0, sha256: sha256, size: Int64(copy.size),
                mediaType: inspection.mediaType, kind: inspection.kind, kindReason: inspection.kindReason,
                originalPath: file.recordedPath, originalName: file.name, acquiredAt: acquiredAt,
                modifiedAt: file.modifiedAt, note: options.note, sensitive: options.sensitive,
                timestamps: inspection.timestamps, best: inspection.best, warnings: inspection.warnings)
            _ = item.apply(ItemAnnotation(sourceURL: options.sourceURL, platform: options.platform,
                                          account: options.account, description: options.description),
                           zoneName: metadata.timeZone)
            item.minorAtTime = options.minorAtTime || metadata.minorAtTime == true ? true : nil
            try item.addContentHashes(storedCopy: object)
            if file.recordedPath != file.path { item.sourcePath = file.path }
            let contents = try storeContents(of: &item, storedCopy: object.path, originalPath: file.path,
                                             dateOrder: options.dateOrder, working: working)
            item.dropUnwritableTimes()
            return try index.database.write { db -> AddReport.Outcome in
                if let existing = try index.item(withSHA256: sha256, in: db) {
                    return try recordDuplicate(of: existing, file: file, options: options, at: acquiredAt, in: db)
                }
                item.id = try index.nextItemID(in: db)
                try index.insert(item, in: db)
                try index.appendCustody(action: "item-added", actor: actor, at: acquiredAt,
                                        details: ["item": String(item.id), "sha256": sha256, "size": String(item.size),
                                                  "originalName": file.name, "originalPath": file.recordedPath],
                                        in: db)
                try recordContents(contents, of: &item, acquiredAt: acquiredAt, in: db, working: working)
                return .added(item)
            }
        } catch {
            FileSystem.removeFile(copy.stagingPath)
            return .failed(path: file.path, reason: "\(error)")
        }
    }

    /// Puts a staged file under its hash in the object store (or drops it when the store has it already).
    /// The staged file must already be flushed to disk; its folder in the store is flushed too unless the caller
    /// flushes many folders at once (`syncingFolder: false`).
    /// Returns the stored copy's path.
    func moveIntoStore(stagingPath: String, sha256: String, syncingFolder: Bool = true) throws -> String {
        let object = storedCopyPath(sha256: sha256)
        if FileSystem.exists(object) {
            FileSystem.removeFile(stagingPath)
        } else {
            let shard = String(object.dropLast(sha256.count + 1))
            if (try? FileSystem.makeDirectory(shard)) == nil {
                // `objects/sha256/` itself is gone (a case folder copied without its empty folders).
                try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
            }
            try FileSystem.rename(stagingPath, to: object)
            if syncingFolder { try FileSystem.fsyncDirectory(shard) }
        }
        return object
    }

    private func recordDuplicate(of existing: EvidenceItem, file: AddPlan.File, options: AddOptions,
                                 at acquiredAt: Instant) throws -> AddReport.Outcome {
        try index.database.write { db in
            try recordDuplicate(of: try index.item(withSHA256: existing.sha256, in: db) ?? existing, file: file,
                                options: options, at: acquiredAt, in: db)
        }
    }

    private func recordDuplicate(of existing: EvidenceItem, file: AddPlan.File, options: AddOptions, at acquiredAt: Instant,
                                 in db: Database) throws -> AddReport.Outcome {
        try index.recordSighting(itemID: existing.id, originalPath: file.recordedPath, at: acquiredAt, in: db)
        try index.appendCustody(action: "duplicate-seen", actor: actor, at: acquiredAt,
                                details: ["item": String(existing.id), "sha256": existing.sha256, "originalPath": file.recordedPath], in: db)
        // What the person says now about the same content is kept, never lost and never applied silently: a
        // new note is added to the earlier one, a declared time recorded as `annotate` would, and the outcome
        // lists each change.
        let outcome = try annotate(existing, with: options.annotation, at: acquiredAt, in: db)
        return .duplicate(of: outcome.item, path: file.path, changes: outcome.changes)
    }
}

/// Collects staged copies from the workers and commits them in the order the files were given,
/// so item numbers follow the person's order whatever the workers' timing.
private final class OrderedCommits: @unchecked Sendable {
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
