import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceCrypto
import Foundation
import GRDB

/// The committing half of `add`: copy, hash and inspect the planned files into `staging/` (two at a time, one per
/// core), then commit them in batches: one flush of the batch's copies, their renames into the object store, one
/// flush of those renames, and one transaction recording every item of the batch (item rows, custody entries, the
/// files they carry).
extension EvidenceCase {
    /// When a batch of staged copies is committed: after this many files or bytes, or once its first copy has
    /// waited this long (a slow source still shows its files as they come in). A batch costs two flushes and one
    /// transaction whatever its size. The first batches are smaller (1, 1, 2, 4, … files: never more than were
    /// committed before), so the first file is shown, and the case locked for good reason, at once.
    struct CommitBatching: Sendable {
        var maximumFiles = 128
        var maximumBytes: Int64 = 32 << 20
        var maximumWait: Duration = .milliseconds(500)
        /// How many files the copies may run ahead of the commits (their copies wait in `staging/`).
        var maximumAhead = 512
    }

    /// Copies and inspects two files at a time (one per core) and commits them in batches, in the order they were
    /// planned, so item numbers follow the person's order whatever the workers' timing. A file is reported
    /// (`progress`) only once its batch's transaction is committed: a kill leaves each batch either wholly recorded
    /// or not at all.
    ///
    /// - Parameter keepingOutcomes: false to return no outcomes (the caller takes them from `progress`), so the
    ///   memory of an add of 100,000 files does not grow with their number.
    func commitCopies(of files: [AddPlan.File], options: AddOptions, now: @escaping @Sendable () -> Instant,
                      progress: (@Sendable (AddReport.Outcome) -> Void)?, working: ProgressThrottle?,
                      meter: ProgressMeter? = nil, keepingOutcomes: Bool = true,
                      batching: CommitBatching = CommitBatching()) -> [AddReport.Outcome] {
        let commits = BatchedCommits(files: files, batching: batching)
        let collected = OutcomeCollector(keeping: keepingOutcomes)
        let commitBatch: @Sendable (Range<Int>, [Result<StagedCopy, any Error>]) -> Void = { range, staged in
            let outcomes = self.commit(Array(files[range]), staged: staged, options: options, working: working)
            for outcome in outcomes {
                progress?(outcome)
                meter?.finishItem()
            }
            collected.append(outcomes)
        }
        let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount), max(files.count, 1))
        // One name per add, numbered by position: a `UUID` per file cost a `getrandom` each.
        let staging = "\(folderPath)/staging/\(UUID().uuidString)-"
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let copier = FileCopier()
            let hasher = SHA256Hasher()
            while true {
                // The worker that completes a batch commits it while the other goes on copying.
                while let (range, staged) = commits.takeBatch(final: false) {
                    commitBatch(range, staged)
                    commits.finishBatch(range)
                }
                guard let (position, acquiredAt) = commits.take(stamping: now) else { return }
                commits.deposit(position, Result {
                    try self.stage(files[position], to: "\(staging)\(position).part", through: copier,
                                   hashingWith: hasher, acquiredAt: acquiredAt, options: options, meter: meter)
                })
            }
        }
        // Every copy is staged now: what is left is one last, partial batch.
        while let (range, staged) = commits.takeBatch(final: true) {
            commitBatch(range, staged)
            commits.finishBatch(range)
        }
        return collected.outcomes
    }

    struct StagedCopy: Sendable {
        var digest: SHA256Digest
        var size: UInt64
        var stagingPath: String
        var acquiredAt: Instant
        /// The item the copy would become, inspected from the staged copy (or why it could not be); what it
        /// carries (a chat export's messages) is stored only at the commit, once it is known to be a new item.
        var inspected: Result<EvidenceItem, any Error> { inspection.result }
        /// The item is held in a box, shared by every copy of this value: a batch hands its staged copies through
        /// several arrays and tuples, and copying the item at each (some twenty strings and arrays retained, then
        /// released) was a measurable share of adding many small files.
        private let inspection: Inspection

        init(digest: SHA256Digest, size: UInt64, stagingPath: String, acquiredAt: Instant,
             inspected: Result<EvidenceItem, any Error>) {
            self.digest = digest
            self.size = size
            self.stagingPath = stagingPath
            self.acquiredAt = acquiredAt
            inspection = Inspection(result: inspected)
        }

        private final class Inspection: Sendable {
            let result: Result<EvidenceItem, any Error>

            init(result: Result<EvidenceItem, any Error>) { self.result = result }
        }
    }

    /// Copies the original to `stagingPath` in `staging/` while hashing it, then inspects the copy (the original
    /// is read once): the work of a file that needs neither the index nor the order of the files, done on the
    /// worker's core while the other commits. A file that fits in the copier's buffer is inspected there, the very
    /// bytes just hashed and written, rather than read back. The copy is flushed to disk with the rest of its batch
    /// (``commit(_:staged:options:working:)``).
    ///
    /// - Parameter hasher: The worker's hasher, restarted for this file (one OpenSSL context per worker, not per
    ///   file).
    func stage(_ file: AddPlan.File, to stagingPath: String, through copier: FileCopier,
               hashingWith hasher: SHA256Hasher, acquiredAt: Instant, options: AddOptions,
               meter: ProgressMeter? = nil) throws -> StagedCopy {
        do {
            hasher.restart()
            let size = try copier.copy(from: file.path, to: stagingPath, flushing: false) { chunk in
                hasher.update(chunk)
                meter?.add(bytes: chunk.count)
            }
            let digest = hasher.finalize()
            let inspected = Result {
                try copier.withCopiedFile { bytes in
                    try inspectedItem(file, stagedCopy: stagingPath, bytes: bytes, sha256: digest.hex, size: size,
                                      acquiredAt: acquiredAt, options: options)
                }
            }
            return StagedCopy(digest: digest, size: size, stagingPath: stagingPath, acquiredAt: acquiredAt,
                              inspected: inspected)
        } catch {
            FileSystem.removeFile(stagingPath)
            throw error
        }
    }

    /// The item a staged copy becomes before what it carries is stored: its inspection, what this add says
    /// about it, and its content hashes, all read from the staged copy, or from `bytes` when they are all of it.
    private func inspectedItem(_ file: AddPlan.File, stagedCopy: String, bytes: FileCopier.CopiedBytes?,
                               sha256: String, size: UInt64, acquiredAt: Instant,
                               options: AddOptions) throws -> EvidenceItem {
        let context = InspectionContext(timeZone: timeZone, zoneName: metadata.timeZone,
                                        fileModificationTime: file.modifiedAt, acquiredAt: acquiredAt,
                                        declared: options.declaredTime)
        // The staged copy's path is used as it is: a `URL` made from it for every file was a measurable share of
        // adding many small ones.
        let inspection = try bytes.map { try ItemInspector.inspect(source: $0, originalName: file.name, context: context) }
            ?? ItemInspector.inspect(source: FileByteSource(path: stagedCopy), originalName: file.name,
                                     context: context)
        var item = EvidenceItem(
            id: 0, sha256: sha256, size: Int64(size),
            mediaType: inspection.mediaType, kind: inspection.kind, kindReason: inspection.kindReason,
            originalPath: file.recordedPath, originalName: file.name, acquiredAt: acquiredAt,
            modifiedAt: file.modifiedAt, note: options.note, sensitive: options.sensitive,
            timestamps: inspection.timestamps, best: inspection.best, warnings: inspection.warnings)
        // Most adds describe nothing; applying no description still built its list of fields for every file.
        if options.sourceURL != nil || options.platform != nil || options.account != nil || options.description != nil {
            _ = item.apply(ItemAnnotation(sourceURL: options.sourceURL, platform: options.platform,
                                          account: options.account, description: options.description),
                           zoneName: metadata.timeZone)
        }
        item.minorAtTime = options.minorAtTime || metadata.minorAtTime == true ? true : nil
        try item.addContentHashes(storedCopy: stagedCopy, heldBytes: bytes)
        if file.recordedPath != file.path { item.sourcePath = file.path }
        return item
    }

    /// A file of a batch, in the object store and inspected, waiting for the batch's transaction.
    private struct PreparedFile {
        var file: AddPlan.File
        var sha256: String
        var acquiredAt: Instant
        /// `nil` when the bytes are already an item: the file is recorded as a duplicate sighting.
        var item: EvidenceItem?
        var contents = StoredContents()
    }

    /// Commits one batch of staged copies, in order: flushes the copies (one `syncfs`), moves them into the
    /// object store and flushes the renames, stores what each new item carries, then records the whole batch in one
    /// transaction. One file's failure fails only that file: should any file fail, that transaction is rolled back
    /// and the batch recorded again with each file in a savepoint of its own.
    func commit(_ files: [AddPlan.File], staged: [Result<StagedCopy, any Error>], options: AddOptions,
                working: ProgressThrottle? = nil) -> [AddReport.Outcome] {
        var outcomes: [AddReport.Outcome?] = Array(repeating: nil, count: files.count)
        var copies: [(position: Int, copy: StagedCopy)] = []
        for (position, result) in staged.enumerated() {
            switch result {
            case .success(let copy): copies.append((position, copy))
            case .failure(let error): outcomes[position] = .failed(path: files[position].path, reason: "\(error)")
            }
        }
        // Each copy stays where it is in `copies` (an item and its inspection are many references to retain and
        // release at every copy of the value); `moved` and `prepare` refer to it there.
        var moved: [(copy: Int, sha256: String, object: String)] = []
        // The copies are on disk before they get their names in the store, and the names before the index
        // records them: a kill at any point leaves no item without its bytes.
        do {
            try FileSystem.fsyncFiles(copies.map(\.copy.stagingPath))
            var shards: Set<String> = []
            for slot in copies.indices {
                let position = copies[slot].position
                do {
                    let sha256 = copies[slot].copy.digest.hex
                    let object = try moveIntoStore(stagingPath: copies[slot].copy.stagingPath, sha256: sha256,
                                                   syncingFolder: false)
                    shards.insert(storeFolder(ofStoredCopy: object, sha256: sha256))
                    moved.append((slot, sha256, object))
                } catch {
                    FileSystem.removeFile(copies[slot].copy.stagingPath)
                    outcomes[position] = .failed(path: files[position].path, reason: "\(error)")
                }
            }
            try FileSystem.fsyncDirectories(shards.sorted())
        } catch {
            for (position, copy) in copies where outcomes[position] == nil {
                FileSystem.removeFile(copy.stagingPath)
                outcomes[position] = .failed(path: files[position].path, reason: "\(error)")
            }
            return outcomes.compactMap { $0 }
        }

        var prepared: [(position: Int, file: PreparedFile)] = []
        // `nil` when the index could not say which bytes are items: each file is then looked up as it is recorded.
        // One statement needs no transaction of its own: a read transaction (`BEGIN`, `PRAGMA query_only` on and
        // off, `COMMIT`) cost more than the query, and this add holds the case's lock, so nothing writes meanwhile.
        let known: Set<String>? = try? index.database.inDatabase { db in
            try index.storedSHA256s(among: moved.map(\.sha256), in: db)
        }
        for (slot, sha256, object) in moved {
            let position = copies[slot].position
            do {
                prepared.append((position, try prepare(files[position], copy: copies[slot].copy, sha256: sha256,
                                                       object: object, alreadyAnItem: known?.contains(sha256) == true,
                                                       options: options, working: working)))
            } catch {
                outcomes[position] = .failed(path: files[position].path, reason: "\(error)")
            }
        }

        do {
            let recorded: [(position: Int, outcome: AddReport.Outcome)]
            do {
                // Nearly every batch records every file: one transaction, without a savepoint per file (GRDB
                // parses `SAVEPOINT` and `RELEASE` each time, a quarter of the transaction's cost).
                recorded = try index.database.write { db in
                    try record(prepared, known: known, isolatingEachFile: false, options: options, in: db,
                               working: working)
                }
            } catch {
                recorded = try index.database.write { db in
                    try record(prepared, known: known, isolatingEachFile: true, options: options, in: db,
                               working: working)
                }
            }
            for (position, outcome) in recorded { outcomes[position] = outcome }
        } catch {
            for (position, file) in prepared {
                outcomes[position] = .failed(path: file.file.path, reason: "\(error)")
            }
        }
        return outcomes.compactMap { $0 }
    }

    /// Everything about one stored copy that needs no transaction and was not done while it was staged: the
    /// files it carries, put in the store (only for a new item: a duplicate's are there already).
    private func prepare(_ file: AddPlan.File, copy: StagedCopy, sha256: String, object objectPath: String,
                         alreadyAnItem: Bool, options: AddOptions, working: ProgressThrottle?) throws -> PreparedFile {
        let acquiredAt = copy.acquiredAt
        guard !alreadyAnItem else { return PreparedFile(file: file, sha256: sha256, acquiredAt: acquiredAt) }
        var item = try copy.inspected.get()
        let contents = try storeContents(of: &item, storedCopy: objectPath, originalPath: file.path,
                                         dateOrder: options.dateOrder, working: working)
        item.dropUnwritableTimes()
        return PreparedFile(file: file, sha256: sha256, acquiredAt: acquiredAt, item: item, contents: contents)
    }

    /// What the batch's transaction carries from one new item to the next instead of reading it back from the
    /// index: the next item number and the end of the custody journal.
    private struct RecordingCursor {
        var nextItemID: Int64
        var journalEnd: CaseIndex.CustodyJournalEnd
    }

    /// Records the prepared files of a batch, in order, inside its transaction.
    ///
    /// - Parameters:
    ///   - known: Which of the files' bytes were items when the batch began; `nil` when the index could not say.
    ///   - isolatingEachFile: true to record each file in a savepoint of its own and turn its failure into its
    ///     outcome; false to throw at the first failure (the caller rolls the transaction back).
    private func record(_ prepared: [(position: Int, file: PreparedFile)], known: Set<String>?,
                        isolatingEachFile: Bool, options: AddOptions, in db: Database,
                        working: ProgressThrottle?) throws -> [(position: Int, outcome: AddReport.Outcome)] {
        // A file whose bytes were no item when the batch began can only have become one earlier in this
        // transaction: as an earlier file of the batch, or as a file one of them carried. Until then there is
        // nothing to look up (the index's unique SHA-256 would refuse a second row anyway).
        var recordedBytes: Set<String> = []
        var carriedFiles = false
        // Read once, then carried by each plain new item; `nil` after anything else (a duplicate's annotation,
        // carried files, a file that failed), which may have moved either, so the next file reads them again.
        var cursor: RecordingCursor?
        var recorded: [(position: Int, outcome: AddReport.Outcome)] = []
        recorded.reserveCapacity(prepared.count)
        for (position, file) in prepared {
            let mayBeAnItem = known == nil || file.item == nil || carriedFiles || recordedBytes.contains(file.sha256)
            recordedBytes.insert(file.sha256)
            carriedFiles = carriedFiles || !file.contents.children.isEmpty
            guard isolatingEachFile else {
                recorded.append((position, try record(file, mayBeAnItem: mayBeAnItem, at: &cursor, options: options,
                                                   in: db, working: working)))
                continue
            }
            do {
                var outcome: AddReport.Outcome?
                try db.inSavepoint {
                    outcome = try record(file, mayBeAnItem: mayBeAnItem, at: &cursor, options: options, in: db,
                                         working: working)
                    return .commit
                }
                recorded.append((position, outcome!))
            } catch {
                cursor = nil
                recorded.append((position, .failed(path: file.file.path, reason: "\(error)")))
            }
        }
        return recorded
    }

    /// Records one prepared file inside the batch's transaction: a new item with its custody entry and the files
    /// it carries, or a sighting of the item that already has its bytes (added before, or earlier in this batch).
    /// - Parameters:
    ///   - mayBeAnItem: false when the bytes are known to be no item yet, so they are not looked up.
    ///   - cursor: The next item number and journal end, read here when `nil`; `nil` again afterwards unless
    ///     the file was recorded as a new item carrying nothing.
    private func record(_ prepared: PreparedFile, mayBeAnItem: Bool, at cursor: inout RecordingCursor?,
                        options: AddOptions, in db: Database, working: ProgressThrottle?) throws -> AddReport.Outcome {
        let file = prepared.file
        if mayBeAnItem, let existing = try index.item(withSHA256: prepared.sha256, in: db) {
            cursor = nil
            return try recordDuplicate(of: existing, file: file, options: options, at: prepared.acquiredAt, in: db)
        }
        guard var item = prepared.item else {
            // Known when the batch began, gone since: only `withdraw` removes items, and it waits for the lock.
            throw CaseError(.corrupted, "item with SHA-256 \(prepared.sha256) vanished from the index during add")
        }
        var current = try cursor ?? RecordingCursor(nextItemID: index.nextItemID(in: db),
                                                    journalEnd: index.custodyJournalEnd(in: db))
        cursor = nil
        item.id = current.nextItemID
        try index.insert(item, in: db)
        // In key order, as the journal writes them.
        try index.appendCustody(action: "item-added", actor: actor, at: prepared.acquiredAt,
                                sortedDetails: [("item", String(item.id)), ("originalName", file.name),
                                                ("originalPath", file.recordedPath), ("sha256", prepared.sha256),
                                                ("size", String(item.size))],
                                at: &current.journalEnd, in: db)
        guard !prepared.contents.children.isEmpty else {
            current.nextItemID += 1
            cursor = current
            return .added(item)
        }
        try recordContents(prepared.contents, of: &item, acquiredAt: prepared.acquiredAt, in: db, working: working)
        return .added(item)
    }

    /// Puts a staged file under its hash in the object store (or drops it when the store has it already).
    /// The staged file must already be flushed to disk; its folder in the store is flushed too unless the caller
    /// flushes many folders at once (`syncingFolder: false`).
    /// Returns the stored copy's path.
    func moveIntoStore(stagingPath: String, sha256: String, syncingFolder: Bool = true) throws -> String {
        let object = storedCopyPath(sha256: sha256)
        let shard = storeFolder(ofStoredCopy: object, sha256: sha256)
        // The rename refuses a stored copy already there (the store keeps it), rather than a look before it.
        let renamed: Bool
        do {
            renamed = try FileSystem.renameRefusingExisting(stagingPath, to: object)
        } catch where !FileSystem.exists(shard) {
            // The shard's first copy: its folder is made then, not tried (`mkdir`) before every rename.
            if (try? FileSystem.makeDirectory(shard)) == nil {
                // `objects/sha256/` itself is gone (a case folder copied without its empty folders).
                try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
            }
            renamed = try FileSystem.renameRefusingExisting(stagingPath, to: object)
        }
        if !renamed {
            FileSystem.removeFile(stagingPath)
        } else if syncingFolder {
            try FileSystem.fsyncDirectory(shard)
        }
        return object
    }

    /// The folder of the object store that holds a stored copy (``storedCopyPath(sha256:)``): its path without
    /// the last component, cut by bytes (cutting by `Character`s looked for grapheme breaks in the whole path).
    func storeFolder(ofStoredCopy object: String, sha256: String) -> String {
        String(decoding: object.utf8.dropLast(sha256.utf8.count + 1), as: UTF8.self)
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

/// Hands out the files to copy and gathers the staged copies into batches to commit, in the order the files were
/// given; one batch is committed at a time, while the other worker goes on copying.
private final class BatchedCommits: @unchecked Sendable {
    private let condition = NSCondition()
    private let sizes: [Int64]
    private let batching: EvidenceCase.CommitBatching
    /// The staged copies waiting for their commit, file `position` in slot `position % staged.count` (one slot
    /// per file that may be ahead of the commits): a file is taken only while fewer than `maximumAhead` are taken
    /// and not committed, so a slot is empty again (its copy committed) before a later file needs it. `isStaged` is read on every look for a due batch, apart
    /// from the copies, so that the look copies none of them.
    private var staged: [Result<EvidenceCase.StagedCopy, any Error>?]
    private var isStaged: [Bool]
    private var stagedCount = 0
    private var nextToTake = 0
    private var nextToCommit = 0
    private var committing = false
    /// When the oldest copy waiting for a commit was staged.
    private var oldestWaiting: ContinuousClock.Instant?

    init(files: [AddPlan.File], batching: EvidenceCase.CommitBatching) {
        sizes = files.map(\.size)
        self.batching = batching
        let slots = max(1, min(batching.maximumAhead, files.count))
        staged = Array(repeating: nil, count: slots)
        isStaged = Array(repeating: false, count: slots)
    }

    /// The next file to copy and its acquisition time, or `nil` when all are taken; waits while the copies are
    /// too far ahead of the commits. The time is read (`now`) as the file is taken, so acquisition times follow
    /// the files' order as their numbers do, whichever worker copies them.
    func take(stamping now: () -> Instant) -> (position: Int, acquiredAt: Instant)? {
        condition.lock()
        defer { condition.unlock() }
        while nextToTake < sizes.count && nextToTake - nextToCommit >= batching.maximumAhead {
            condition.wait()
        }
        guard nextToTake < sizes.count else { return nil }
        nextToTake += 1
        return (nextToTake - 1, now())
    }

    func deposit(_ position: Int, _ result: Result<EvidenceCase.StagedCopy, any Error>) {
        condition.lock()
        staged[position % staged.count] = result
        isStaged[position % staged.count] = true
        stagedCount += 1
        if oldestWaiting == nil { oldestWaiting = .now }
        condition.unlock()
    }

    /// The next batch of staged copies, in order, when one is due and no other is being committed: full, waited
    /// long enough, holding the last file, or (`final`, once every copy is staged) whatever is left.
    func takeBatch(final: Bool) -> (Range<Int>, [Result<EvidenceCase.StagedCopy, any Error>])? {
        condition.lock()
        defer { condition.unlock() }
        guard !committing else { return nil }
        let maximumFiles = min(batching.maximumFiles, max(1, nextToCommit))
        var end = nextToCommit
        var bytes: Int64 = 0
        // Only a file taken can be staged; the slots of the files taken are all different.
        while end < nextToTake, end - nextToCommit < maximumFiles, bytes < batching.maximumBytes,
              isStaged[end % staged.count] {
            bytes += sizes[end]
            end += 1
        }
        guard end > nextToCommit else { return nil }
        let due = final || end == sizes.count || end - nextToCommit == maximumFiles
            || bytes >= batching.maximumBytes
            || oldestWaiting.map { ContinuousClock.now - $0 >= batching.maximumWait } == true
        guard due else { return nil }
        committing = true
        let range = nextToCommit..<end
        return (range, range.map { position in
            isStaged[position % staged.count] = false
            stagedCount -= 1
            return staged[position % staged.count].take()!
        })
    }

    func finishBatch(_ range: Range<Int>) {
        condition.lock()
        committing = false
        nextToCommit = range.upperBound
        oldestWaiting = stagedCount == 0 ? nil : .now
        condition.broadcast()
        condition.unlock()
    }
}

/// The outcomes of the committed batches, in order, when the caller wants them back.
private final class OutcomeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let keeping: Bool
    private var collected: [AddReport.Outcome] = []

    init(keeping: Bool) { self.keeping = keeping }

    func append(_ outcomes: [AddReport.Outcome]) {
        guard keeping else { return }
        lock.lock()
        collected += outcomes
        lock.unlock()
    }

    var outcomes: [AddReport.Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
