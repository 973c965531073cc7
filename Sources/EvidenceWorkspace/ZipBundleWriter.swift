import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation
import ZIPFoundation

/// Writes bag entries into one zip, reproducibly and atomically.
///
/// Entries are sorted, dated with the sealing time (stored in UTC by ZIPFoundation), with fixed permissions;
/// text is deflated, media stored. The zip is written under a temporary name beside the destination,
/// flushed, and renamed only when complete. Large files stream in bounded memory (ZIP64 when needed).
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
                // ZIPFoundation says `unwritableFile` and drops errno: name the bundle and the system's reason.
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

    /// Writes the entries; the archive is closed (its buffers written) when this returns.
    private static func writeEntries(_ entries: [BagEntry], bagFolder: String, modificationDate: Date, to url: URL,
                                     meter: ProgressMeter?) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
                let path = "\(bagFolder)/\(entry.path)"
                switch entry.content {
                case .bytes(let bytes):
                    let data = Data(bytes)
                    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                         modificationDate: modificationDate, permissions: 0o644,
                                         compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
                        data.subdata(in: Int(position)..<Int(position) + size)
                    }
                    meter?.add(bytes: bytes.count)
                case .file(let url, let size, let sha256):
                    try addFile(url, size: size, sha256: sha256, as: path, to: archive, date: modificationDate,
                                meter: meter)
                }
                meter?.finishItem()
            }
    }

    /// Streams a stored copy into the zip, checking that its bytes still hash to what the case recorded.
    private static func addFile(_ url: URL, size: Int64, sha256: String, as path: String, to archive: Archive, date: Date,
                                meter: ProgressMeter?) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let hasher = SHA256Hasher()
        var expectedPosition: Int64 = 0
        try archive.addEntry(with: path, type: .file, uncompressedSize: size, modificationDate: date,
                             permissions: 0o644, compressionMethod: .none, bufferSize: FileSystem.chunkSize) { position, count in
            if position != expectedPosition { try handle.seek(toOffset: UInt64(position)) }
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else {
                throw IOError(path: url.path, operation: "read", reason: "the stored copy is shorter than the case records")
            }
            hasher.update(data)
            meter?.add(bytes: data.count)
            expectedPosition = position + Int64(count)
            return data
        }
        let found = hasher.finalize().hex
        guard found == sha256 else { throw StoredCopyChanged(path: path, expected: sha256, found: found) }
    }

    private static func flush(_ url: URL) throws {
        let fd = try FileSystem.openForReading(url.path)
        defer { FileSystem.close(fd) }
        try FileSystem.fsync(fd, path: url.path)
    }
}
