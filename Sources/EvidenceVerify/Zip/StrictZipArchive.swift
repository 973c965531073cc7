import EvidenceFormat
import EvidenceModel
import EvidenceCrypto
import Dispatch

/// A zip read so strictly that every zip reader would see the same entries with the same bytes, or the
/// difference is reported as a ``ZipAmbiguity``.
///
/// Every byte of the file must belong to exactly one structure: local header, entry data, data descriptor,
/// central directory, ZIP64 end record and locator, end record. There is no prefix, gap, trailing data or
/// comment; the local header of each entry agrees with its central-directory record; ZIP64 values agree with
/// the 32-bit ones they stand for; nothing is encrypted. The archive is read through a byte source in ranges
/// (`pread`), so a huge or truncated file costs a few reads, never a scan: the end record is found with one
/// read of the last 64 KiB + 22 bytes.
///
/// For example:
/// ```swift
/// let archive = try StrictZipArchive(source: FileByteSource(path: path), path: path)
/// archive.ambiguities.forEach { print($0) }
/// try archive.stream(archive.entries[0], limit: 1 << 20) { chunk in hasher.update(chunk) }
/// ```
final class StrictZipArchive {
    /// More entries than this is not a case bundle but an attack on the verifier.
    static let maximumEntries = BundleLimits.maximumEntries
    /// 200,000 records with names of a few hundred bytes; larger is refused before it is read.
    static let maximumCentralDirectorySize: UInt64 = 64 << 20
    /// The end record (22 bytes) plus the longest comment it can carry: the only place it can be.
    static let endSearchLength: UInt64 = 65_535 + UInt64(ZipEndRecord.size)
    /// Compressed bytes read at once while streaming an entry.
    static let readChunkSize = 1 << 20

    let path: String
    /// Every entry of the central directory, in its order.
    let entries: [ZipEntry]
    /// Everything that another reader would see differently; empty for a zip our own writer made.
    let ambiguities: [ZipAmbiguity]
    private let source: any ByteSource

    /// Reads and checks the structure of the zip in `source` (no entry data is read).
    ///
    /// - Parameter alongside: Work on the central directory's entries (their names and kinds are final, their data
    ///   offsets not yet known) that runs on the calling thread while another thread reads and checks every local
    ///   header: for a bundle of thousands of small files, both take about as long.
    /// - Throws: ``BundleUnusableError`` when it is not a zip, is truncated, or a central-directory record
    ///   cannot be read (entries after it could not be checked); the local headers' read errors before what
    ///   `alongside` throws.
    init(source: any ByteSource, path: String, alongside: ([ZipEntry]) throws -> Void = { _ in }) throws {
        var reader = ZipLayoutReader(source: source, path: path)
        let directory = try reader.readCentralDirectory()
        let localHeaders = LocalHeaderCheck(reader: reader, directory: directory)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { localHeaders.run() }
        let alongsideResult = Result { try alongside(directory.entries) }
        done.wait()
        entries = try localHeaders.result.get()
        try alongsideResult.get()
        ambiguities = localHeaders.reader.ambiguities
        self.source = source
        self.path = path
    }

    /// Streams an entry's content through `body`, checking its CRC-32 and size as it goes.
    ///
    /// - Throws: ``EntryTooLarge`` as soon as more than `limit` bytes come out, ``ZipAmbiguity`` when the
    ///   entry cannot be read unambiguously or its content does not match its CRC-32 and size,
    ///   `RawInflater.Failure` on corrupt deflate data, or what `body` throws.
    func stream(_ entry: ZipEntry, limit: Int64, _ body: ([UInt8]) throws -> Void) throws {
        if let reason = entry.unreadable { throw ZipAmbiguity(entry: entry.name, message: reason) }
        var crc = CRC32()
        var produced: Int64 = 0
        func emit(_ chunk: [UInt8]) throws {
            produced += Int64(chunk.count)
            if produced > limit { throw EntryTooLarge(limit: limit) }
            crc.update(chunk)
            try body(chunk)
        }
        let inflater = entry.method == 8 && entry.compressedSize > 0 ? try RawInflater() : nil
        var position = entry.dataOffset
        var remaining = entry.compressedSize
        var finished = inflater == nil
        while remaining > 0 {
            let chunk = try source.read(at: position, maxCount: Int(min(remaining, UInt64(Self.readChunkSize))))
            guard !chunk.isEmpty else {
                throw ZipAmbiguity(entry: entry.name, message: "the file ends inside this entry's data (truncated while being read?)")
            }
            position += UInt64(chunk.count)
            remaining -= UInt64(chunk.count)
            if let inflater {
                let progress = try inflater.inflate(chunk, into: emit)
                if progress.finished {
                    finished = true
                    let left = remaining + UInt64(chunk.count - progress.consumed)
                    if left > 0 {
                        throw ZipAmbiguity(entry: entry.name, message: "\(left) bytes follow the end of its deflate data inside "
                            + "the entry: hidden data that readers may treat differently")
                    }
                    break
                }
            } else {
                try emit(chunk)
            }
        }
        if !finished {
            throw ZipAmbiguity(entry: entry.name, message: "its deflate data stops before the final block: `unzip` reports it truncated")
        }
        if UInt64(produced) != entry.uncompressedSize {
            throw ZipAmbiguity(entry: entry.name, message: "holds \(produced) bytes, not the \(entry.uncompressedSize) its headers "
                + "declare: `unzip` reports an error for it and other readers stop at the declared size")
        }
        if crc.value != entry.crc32 {
            throw ZipAmbiguity(entry: entry.name, message: "its content has CRC-32 \(hex(crc.value)), not the \(hex(entry.crc32)) "
                + "its headers declare: `unzip` reports a bad CRC for it")
        }
    }
}

/// The local-header pass, handed to another thread and read back only after it has finished (the group's wait
/// orders the accesses, which is what makes the unchecked `Sendable` sound).
private final class LocalHeaderCheck: @unchecked Sendable {
    var reader: ZipLayoutReader
    let directory: ZipLayoutReader.CentralDirectory
    var result: Result<[ZipEntry], any Error> = .success([])

    init(reader: ZipLayoutReader, directory: ZipLayoutReader.CentralDirectory) {
        self.reader = reader
        self.directory = directory
    }

    func run() {
        result = Result { try reader.checkLocalHeaders(of: directory) }
    }
}

func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
