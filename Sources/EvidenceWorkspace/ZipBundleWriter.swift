import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// Writes bag entries into one zip, reproducibly and atomically, on every core.
///
/// Entries are sorted, dated with the sealing time (in UTC), with fixed permissions; text is deflated, media stored,
/// laid out byte for byte as ZIPFoundation wrote our bundles before (``ZipRecordEncoder``). The zip is written under
/// a temporary name beside the destination, flushed, and renamed only when complete. Large files stream in bounded
/// memory (ZIP64 when needed), and a run of zeros in a stored copy stays a hole in the zip.
///
/// Every entry's place in the zip is known before a byte is read (a stored copy's size is the case's record, tag
/// files are deflated first), so the stored copies are copied by several workers at once, each re-hashing its file
/// and computing the CRC-32 from the same read, while a ``TrailingFileHasher`` hashes the zip behind them. Each
/// worker takes a run of consecutive entries at a time: small files are read whole into one buffer and reach the
/// zip in one `pwrite` (a write each, and the file's lock the workers share, cost more than their bytes); a large
/// file streams alone.
enum ZipBundleWriter {
    struct StoredCopyChanged: Error, CustomStringConvertible {
        var path: String
        var expected: String
        var found: String
        var description: String {
            "the stored copy for \(path) no longer matches its recorded SHA-256 (expected \(expected), found \(found)); the case folder was altered"
        }
    }

    /// Writes the zip and returns its SHA-256, read back from the file as it was written.
    static func write(_ entries: [BagEntry], bagFolder: String, modificationDate: Date, to destination: URL,
                      meter: ProgressMeter? = nil) throws -> SHA256Digest {
        // A seal killed earlier leaves its hidden partial zip behind; it was never a bundle, so it goes.
        FileSystem.removePartials(of: destination.path)
        let temporary = URL(fileURLWithPath: FileSystem.partialPath(for: destination.path))
        do {
            let digest: SHA256Digest
            do {
                digest = try writeEntries(entries, bagFolder: bagFolder, modificationDate: modificationDate,
                                          to: temporary, meter: meter)
            } catch let error as StoredCopyChanged {
                throw error
            } catch {
                // Name the bundle (not its hidden temporary name) and the system's reason: the one a call gave
                // when it was the file-size limit or a full disk, else the likely one, asked of the system afterwards.
                let written = (try? FileSystem.linkStatus(temporary.path).size) ?? 0
                let reported = (error as? IOError).flatMap { [EFBIG, ENOSPC].contains($0.errno) ? $0 : nil }
                throw (reported ?? FileSystem.likelyWriteFailure(at: temporary.path, size: written)).map {
                    IOError(path: destination.path, operation: "write the bundle", reason: $0.reason, errno: $0.errno)
                } ?? error
            }
            try FileSystem.rename(temporary.path, to: destination.path)
            try FileSystem.fsyncDirectory(destination.deletingLastPathComponent().path)
            return digest
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// One entry with its place in the zip.
    private struct PlannedEntry: Sendable {
        enum Content: Sendable {
            /// A tag file, deflated; its record is complete.
            case deflated([UInt8])
            /// A stored copy; its record's CRC-32 is known once it has been read.
            case file(URL, sha256: String)
        }

        var record: ZipRecordEncoder.Entry
        var content: Content
        /// The entry's path in the zip, as errors name it.
        var path: String
    }

    /// Places every entry (tag files deflated on every core), and says where the central directory starts.
    private static func plan(_ entries: [BagEntry], bagFolder: String, encoder: ZipRecordEncoder) throws
        -> (entries: [PlannedEntry], centralDirectoryOffset: UInt64) {
        let inMemory = entries.indices.filter { if case .bytes = entries[$0].content { true } else { false } }
        let deflatedTagFiles = try Parallel.map(inMemory.count) { position in
            guard case .bytes(let bytes) = entries[inMemory[position]].content else {
                preconditionFailure("a tag file")
            }
            return try RawDeflater.deflate(bytes)
        }
        var deflatedByIndex: [Int: (compressed: [UInt8], crc32: UInt32)] = [:]
        for (position, index) in inMemory.enumerated() { deflatedByIndex[index] = deflatedTagFiles[position] }

        var planned: [PlannedEntry] = []
        planned.reserveCapacity(entries.count)
        var offset: UInt64 = 0
        for (index, entry) in entries.enumerated() {
            let path = "\(bagFolder)/\(entry.path)"
            var record = ZipRecordEncoder.Entry(name: Array(path.utf8), method: 0, crc32: 0, compressedSize: 0,
                                                uncompressedSize: UInt64(entry.size), offset: offset)
            let content: PlannedEntry.Content
            switch entry.content {
            case .bytes:
                guard let (compressed, crc32) = deflatedByIndex[index] else { preconditionFailure("deflated above") }
                record.method = 8
                record.crc32 = crc32
                record.compressedSize = UInt64(compressed.count)
                content = .deflated(compressed)
            case .file(let source, let size, let sha256):
                record.compressedSize = UInt64(size)
                content = .file(source, sha256: sha256)
            }
            offset += UInt64(encoder.localHeader(record).count) + record.compressedSize
            planned.append(PlannedEntry(record: record, content: content, path: path))
        }
        return (planned, offset)
    }

    /// Consecutive entries written by one worker in one go: small ones gathered into one buffer and one `pwrite`,
    /// or a large one alone, streamed.
    private struct Run: Sendable {
        var entries: Range<Int>
        /// Where the run starts and ends in the zip.
        var start: UInt64
        var end: UInt64
        var isGathered: Bool
    }

    /// Cuts the planned entries into runs: consecutive small entries up to ``gatherLimit`` bytes together, each
    /// larger entry alone. Consecutive, so each worker writes one sequential region at a time and the zip is final
    /// up to the first unfinished run.
    private static func runs(of planned: [PlannedEntry], end: UInt64) -> [Run] {
        func endOfEntry(_ index: Int) -> UInt64 { index + 1 < planned.count ? planned[index + 1].record.offset : end }
        var runs: [Run] = []
        var first = 0
        while first < planned.count {
            let start = planned[first].record.offset
            var next = first
            while next < planned.count, endOfEntry(next) - planned[next].record.offset <= smallEntryLimit,
                  next == first || endOfEntry(next) - start <= gatherLimit {
                next += 1
            }
            let isGathered = next > first
            if !isGathered { next += 1 }
            runs.append(Run(entries: first..<next, start: start, end: endOfEntry(next - 1), isGathered: isGathered))
            first = next
        }
        return runs
    }

    /// Writes the entries on every core, then the central directory and the end records; returns the zip's SHA-256.
    private static func writeEntries(_ entries: [BagEntry], bagFolder: String, modificationDate: Date, to url: URL,
                                     meter: ProgressMeter?) throws -> SHA256Digest {
        let encoder = ZipRecordEncoder(modificationDate: modificationDate)
        let (planned, centralDirectoryOffset) = try plan(entries, bagFolder: bagFolder, encoder: encoder)
        let runs = runs(of: planned, end: centralDirectoryOffset)
        let fd = try FileSystem.createExclusive(url.path)
        defer { FileSystem.close(fd) }
        // Zeros in a stored copy are left as holes, not written. Without the entries' full length set first, an
        // entry ending in zeros just before the central directory would leave the file shorter than what the
        // trailing hasher has been told is final, and it would stop at an end that is not the end.
        try FileSystem.setSize(fd, centralDirectoryOffset, path: url.path)
        let trailing = try TrailingFileHasher(path: url.path)
        let end: UInt64
        do {
            let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let workers = min(cores, max(runs.count, 1))
            let work = RunQueue(workers: workers, cores: cores, runCount: runs.count, entryCount: planned.count)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let gathered = GatheredWrite(capacity: gatherLimit + (64 << 10))
                while let index = work.take() {
                    do {
                        let run = runs[index]
                        let crc32s = run.isGathered
                            ? try writeGathered(run, of: planned, into: gathered, encoder: encoder, to: fd,
                                                zipPath: url.path, meter: meter)
                            : [try write(planned[run.entries.lowerBound], encoder: encoder, to: fd, zipPath: url.path,
                                         work: work, meter: meter)]
                        let firstUnfinished = work.finish(index, entries: run.entries, crc32s: crc32s)
                        trailing.advance(to: firstUnfinished < runs.count ? runs[firstUnfinished].start
                                         : centralDirectoryOffset)
                    } catch {
                        work.fail(error)
                    }
                }
                work.stopWorking()
            }
            let crc32s = try work.crc32s()
            var centralDirectory: [UInt8] = []
            for (entry, crc32) in zip(planned, crc32s) {
                var record = entry.record
                record.crc32 = crc32
                centralDirectory += encoder.centralHeader(record)
            }
            let endRecords = encoder.endRecords(entryCount: UInt64(planned.count),
                                                centralDirectoryOffset: centralDirectoryOffset,
                                                centralDirectorySize: UInt64(centralDirectory.count))
            try FileSystem.write(fd, centralDirectory + endRecords, at: centralDirectoryOffset, path: url.path)
            end = centralDirectoryOffset + UInt64(centralDirectory.count + endRecords.count)
        } catch {
            trailing.cancel()
            throw error
        }
        let digest = try trailing.finish(size: end)
        try FileSystem.fsync(fd, path: url.path)
        return digest
    }

    /// Writes a run of small entries, headers and data, with one `pwrite`: each stored copy read whole into the
    /// buffer, re-hashed and CRC-32'd there, its local header filled in once its CRC-32 is known. Returns the
    /// entries' CRC-32s.
    private static func writeGathered(_ run: Run, of planned: [PlannedEntry], into gathered: GatheredWrite,
                                      encoder: ZipRecordEncoder, to fd: Int32, zipPath: String,
                                      meter: ProgressMeter?) throws -> [UInt32] {
        gathered.removeAll()
        var crc32s: [UInt32] = []
        crc32s.reserveCapacity(run.entries.count)
        for index in run.entries {
            let entry = planned[index]
            switch entry.content {
            case .deflated(let compressed):
                gathered.append(encoder.localHeader(entry.record))
                gathered.append(compressed)
                crc32s.append(entry.record.crc32)
            case .file(let source, let sha256):
                let headerPosition = gathered.count
                gathered.append(encoder.localHeader(entry.record))
                let size = Int(entry.record.uncompressedSize)
                let hasher = SHA256Hasher()
                var crc32 = CRC32()
                let read = try gathered.appendFile(source.path, limit: size) { bytes in
                    hasher.update(bytes)
                    crc32.update(bytes)
                }
                guard read == size else { throw try sizeChanged(source, sha256: sha256, entry: entry, read: read) }
                let found = hasher.finalize().hex
                guard found == sha256 else { throw StoredCopyChanged(path: entry.path, expected: sha256, found: found) }
                var record = entry.record
                record.crc32 = crc32.value
                gathered.replace(at: headerPosition, with: encoder.localHeader(record))
                crc32s.append(crc32.value)
            }
            meter?.add(bytes: Int(entry.record.uncompressedSize))
        }
        precondition(UInt64(gathered.count) == run.end - run.start, "the run fills its planned place")
        try gathered.write(to: fd, at: run.start, path: zipPath)
        for _ in run.entries { meter?.finishItem() }
        return crc32s
    }

    /// Why a stored copy read for a gathered run is not the size the case records: shorter, or longer (then named
    /// with the SHA-256 of all it holds, as the streamed copy names it).
    private static func sizeChanged(_ url: URL, sha256: String, entry: PlannedEntry, read: Int) throws -> any Error {
        guard read > Int(entry.record.uncompressedSize) else {
            return IOError(path: url.path, operation: "read", reason: "the stored copy is shorter than the case records")
        }
        let hasher = SHA256Hasher()
        try FileSystem.forEachChunk(of: url.path) { hasher.update($0) }
        return StoredCopyChanged(path: entry.path, expected: sha256, found: hasher.finalize().hex)
    }

    /// Writes one large entry, header and data, at its place; returns its CRC-32.
    private static func write(_ entry: PlannedEntry, encoder: ZipRecordEncoder, to fd: Int32, zipPath: String,
                              work: RunQueue, meter: ProgressMeter?) throws -> UInt32 {
        let crc32: UInt32
        switch entry.content {
        case .deflated(let compressed):
            try FileSystem.write(fd, encoder.localHeader(entry.record) + compressed, at: entry.record.offset,
                                 path: zipPath)
            meter?.add(bytes: Int(entry.record.uncompressedSize))
            crc32 = entry.record.crc32
        case .file(let source, let sha256):
            crc32 = try copyStoredFile(source, sha256: sha256, entry: entry, encoder: encoder, to: fd,
                                       zipPath: zipPath, work: work, meter: meter)
        }
        meter?.finishItem()
        return crc32
    }

    /// Streams a stored copy into its place in the zip, checking that its bytes still hash to what the case
    /// recorded; SHA-256 and CRC-32 are computed from the same read, then the local header is written in front.
    /// Returns the CRC-32.
    private static func copyStoredFile(_ url: URL, sha256: String, entry: PlannedEntry, encoder: ZipRecordEncoder,
                                       to fd: Int32, zipPath: String, work: RunQueue,
                                       meter: ProgressMeter?) throws -> UInt32 {
        let size = entry.record.uncompressedSize
        let dataStart = entry.record.offset + UInt64(encoder.localHeader(entry.record).count)
        let hasher = SHA256Hasher()
        var crc32 = CRC32()
        var written: UInt64 = 0
        let read = try FileSystem.forEachBufferedChunk(of: url.path, chunkSize: copyChunkSize) { chunk in
            let position = dataStart + written
            if chunk.count < parallelChunkSize || !work.hasIdleWorker {
                hasher.update(chunk)
                crc32.update(chunk)
                try FileSystem.write(fd, chunk, at: position, path: zipPath)
            } else {
                // A core is free: SHA-256 here while another thread computes the CRC-32 and writes the same bytes.
                // Each touches only its own state, and both end before the buffer is read into again.
                nonisolated(unsafe) let bytes = chunk
                nonisolated(unsafe) var crc = crc32
                nonisolated(unsafe) var writing: Result<Void, any Error> = .success(())
                let otherLane = DispatchGroup()
                DispatchQueue.global().async(group: otherLane) {
                    crc.update(bytes)
                    writing = Result { try FileSystem.write(fd, bytes, at: position, path: zipPath) }
                }
                hasher.update(bytes)
                otherLane.wait()
                crc32 = crc
                try writing.get()
            }
            written += UInt64(chunk.count)
            meter?.add(bytes: chunk.count)
        }
        guard read >= size else {
            throw IOError(path: url.path, operation: "read", reason: "the stored copy is shorter than the case records")
        }
        let found = hasher.finalize().hex
        guard found == sha256, read == size else {
            throw StoredCopyChanged(path: entry.path, expected: sha256, found: found)
        }
        var record = entry.record
        record.crc32 = crc32.value
        try FileSystem.write(fd, encoder.localHeader(record), at: entry.record.offset, path: zipPath)
        return crc32.value
    }

    /// Bytes read and written per step: large sequential reads and writes.
    private static let copyChunkSize = 4 << 20
    /// Entries up to this size (header and data: photos, screenshots, tag files) are gathered with their
    /// neighbours into one write.
    private static let smallEntryLimit: UInt64 = 2 << 20
    /// A gathered run's size: few writes, and a zip final not far behind the workers for the trailing hasher. Each
    /// worker holds one run: 4 MiB rather than 8 took seal of 5,000 screenshots from 102–104 MB to 97 MB at its
    /// peak, at the same speed (0.90× the time of `zip -0 -r`).
    private static let gatherLimit = 4 << 20
    /// Below this, handing half a step's work to another thread costs more than it saves.
    private static let parallelChunkSize = 1 << 20
}

/// The runs the workers share: which to take next, which are done (the zip is final up to the first that is not),
/// the CRC-32 of every entry, and the first failure, after which no run is started.
private final class RunQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished: [Bool]
    private var firstUnfinished = 0
    private var checksums: [UInt32]
    private var failure: (any Error)?
    private var working: Int
    private let cores: Int

    init(workers: Int, cores: Int, runCount: Int, entryCount: Int) {
        finished = Array(repeating: false, count: runCount)
        checksums = Array(repeating: 0, count: entryCount)
        working = workers
        self.cores = cores
    }

    /// The next run to write; `nil` when all are taken or one failed.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < finished.count else { return nil }
        next += 1
        return next - 1
    }

    /// Records the run as written with its entries' CRC-32s; returns the first run not yet written (the count when
    /// all are).
    func finish(_ run: Int, entries: Range<Int>, crc32s: [UInt32]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        finished[run] = true
        checksums.replaceSubrange(entries, with: crc32s)
        while firstUnfinished < finished.count && finished[firstUnfinished] { firstUnfinished += 1 }
        return firstUnfinished
    }

    func fail(_ error: any Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// A worker found nothing left to take.
    func stopWorking() {
        lock.lock()
        working -= 1
        lock.unlock()
    }

    /// True when a core has no worker (the last runs, or fewer runs than cores): a large file still being copied
    /// may use it.
    var hasIdleWorker: Bool {
        lock.lock()
        defer { lock.unlock() }
        return working < cores
    }

    /// The CRC-32 of every entry, in order, once all are written; the first failure otherwise.
    func crc32s() throws -> [UInt32] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return checksums
    }
}
