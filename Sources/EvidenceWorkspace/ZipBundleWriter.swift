import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation
import ZIPFoundation

/// Writes bag entries into one zip, reproducibly and atomically.
///
/// Entries are sorted, dated with the sealing time (in UTC), with fixed permissions; text is deflated, media stored,
/// laid out byte for byte as ZIPFoundation wrote our bundles before (``ZipRecordEncoder``). The zip is written under
/// a temporary name beside the destination, flushed, and renamed only when complete. Large files stream in bounded
/// memory (ZIP64 when needed), and a run of zeros in a stored copy stays a hole in the zip.
enum ZipBundleWriter {
    struct StoredCopyChanged: Error, CustomStringConvertible {
        var path: String
        var expected: String
        var found: String
        var description: String {
            "the stored copy for \(path) no longer matches its recorded SHA-256 (expected \(expected), found \(found)); the case folder was altered"
        }
    }

    static func write(_ entries: [BagEntry], bagFolder: String, modificationDate: Date, to destination: URL,
                      meter: ProgressMeter? = nil) throws {
        let directory = destination.deletingLastPathComponent()
        let temporaryPrefix = ".\(destination.lastPathComponent)."
        // A seal killed earlier leaves its hidden partial zip behind; it was never a bundle, so it goes.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where name.hasPrefix(temporaryPrefix) && name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        let temporary = directory.appendingPathComponent("\(temporaryPrefix)\(UUID().uuidString).partial")
        do {
            do {
                try writeEntries(entries, bagFolder: bagFolder, modificationDate: modificationDate, to: temporary,
                                 meter: meter)
            } catch let error as StoredCopyChanged {
                throw error
            } catch {
                // Name the bundle (not its hidden temporary name) and the system's reason.
                let written = (try? FileSystem.linkStatus(temporary.path).size) ?? 0
                throw FileSystem.likelyWriteFailure(at: temporary.path, size: written).map {
                    IOError(path: destination.path, operation: "write the bundle", reason: $0.reason, errno: $0.errno)
                } ?? error
            }
            try flush(temporary)
            try FileSystem.rename(temporary.path, to: destination.path)
            try FileSystem.fsyncDirectory(directory.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes the entries, one after the other, then the central directory and the end records.
    private static func writeEntries(_ entries: [BagEntry], bagFolder: String, modificationDate: Date, to url: URL,
                                     meter: ProgressMeter?) throws {
        let encoder = ZipRecordEncoder(modificationDate: modificationDate)
        let fd = try FileSystem.createExclusive(url.path)
        defer { FileSystem.close(fd) }
        var offset: UInt64 = 0
        var centralDirectory: [UInt8] = []
        for entry in entries {
            let path = "\(bagFolder)/\(entry.path)"
            var record = ZipRecordEncoder.Entry(name: Array(path.utf8), method: 0, crc32: 0, compressedSize: 0,
                                                uncompressedSize: UInt64(entry.size), offset: offset)
            switch entry.content {
            case .bytes(let bytes):
                let (compressed, crc32) = try deflated(bytes)
                record.method = 8
                record.crc32 = crc32
                record.compressedSize = UInt64(compressed.count)
                let header = encoder.localHeader(record)
                try FileSystem.write(fd, header + compressed, at: offset, path: url.path)
                offset += UInt64(header.count + compressed.count)
                meter?.add(bytes: bytes.count)
            case .file(let source, let size, let sha256):
                record.compressedSize = UInt64(size)
                // The header's length is known before its CRC-32: the data goes after the room left for it, and the
                // header is written once the data has been read.
                let headerLength = UInt64(encoder.localHeader(record).count)
                record.crc32 = try copyStoredFile(source, size: size, sha256: sha256, as: path, to: fd, zipPath: url.path,
                                                  at: offset + headerLength, meter: meter)
                try FileSystem.write(fd, encoder.localHeader(record), at: offset, path: url.path)
                offset += headerLength + UInt64(size)
            }
            centralDirectory += encoder.centralHeader(record)
            meter?.finishItem()
        }
        let end = encoder.endRecords(entryCount: UInt64(entries.count), centralDirectoryOffset: offset,
                                     centralDirectorySize: UInt64(centralDirectory.count))
        try FileSystem.write(fd, centralDirectory + end, at: offset, path: url.path)
    }

    /// Deflates a tag file as ZIPFoundation did (its zlib settings and 64 KiB steps), so the bytes stay the same.
    private static func deflated(_ bytes: [UInt8]) throws -> (compressed: [UInt8], crc32: UInt32) {
        let data = Data(bytes)
        var compressed: [UInt8] = []
        let crc32 = try Data.compress(size: Int64(bytes.count), bufferSize: 1 << 16, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { compressed += $0 })
        return (compressed, crc32)
    }

    /// Streams a stored copy into the zip at `start`, checking that its bytes still hash to what the case recorded;
    /// SHA-256 and CRC-32 are computed from the same read. Returns the CRC-32.
    private static func copyStoredFile(_ url: URL, size: Int64, sha256: String, as path: String, to fd: Int32,
                                       zipPath: String, at start: UInt64, meter: ProgressMeter?) throws -> UInt32 {
        let hasher = SHA256Hasher()
        var crc32 = CRC32()
        var written: UInt64 = 0
        let read = try FileSystem.forEachBufferedChunk(of: url.path, chunkSize: copyChunkSize) { chunk in
            let position = start + written
            if chunk.count < parallelChunkSize {
                hasher.update(chunk)
                crc32.update(chunk)
                try FileSystem.write(fd, chunk, at: position, path: zipPath)
            } else {
                // Both cores: SHA-256 on one while the other computes the CRC-32 and writes the same bytes. Each
                // lane touches only its own state, and both end before the buffer is read into again.
                nonisolated(unsafe) let bytes = chunk
                nonisolated(unsafe) let sha256 = hasher
                nonisolated(unsafe) var crc = crc32
                nonisolated(unsafe) var writing: Result<Void, any Error> = .success(())
                DispatchQueue.concurrentPerform(iterations: 2) { lane in
                    if lane == 0 {
                        sha256.update(bytes)
                    } else {
                        crc.update(bytes)
                        writing = Result { try FileSystem.write(fd, bytes, at: position, path: zipPath) }
                    }
                }
                crc32 = crc
                try writing.get()
            }
            written += UInt64(chunk.count)
            meter?.add(bytes: chunk.count)
        }
        guard read >= UInt64(size) else {
            throw IOError(path: url.path, operation: "read", reason: "the stored copy is shorter than the case records")
        }
        let found = hasher.finalize().hex
        guard found == sha256, read == UInt64(size) else { throw StoredCopyChanged(path: path, expected: sha256, found: found) }
        return crc32.value
    }

    /// Bytes read and written per step: large sequential reads and writes.
    private static let copyChunkSize = 4 << 20
    /// Below this, handing half a chunk's work to the other core costs more than it saves.
    private static let parallelChunkSize = 1 << 20

    private static func flush(_ url: URL) throws {
        let fd = try FileSystem.openForReading(url.path)
        defer { FileSystem.close(fd) }
        try FileSystem.fsync(fd, path: url.path)
    }
}
