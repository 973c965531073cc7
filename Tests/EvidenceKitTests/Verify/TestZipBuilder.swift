import Foundation
@testable import EvidenceCrypto

/// Zips written byte by byte for the attack tests, independently of our writer and of ZIPFoundation, so that a
/// test can put any structure anywhere: a prefix, a second central directory, headers that disagree.
///
/// Every entry is stored (method 0); names are flagged UTF-8, attributes are Unix regular files 0644.
struct TestZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var flags: UInt16 = 0x0800
        var method: UInt16 = 0
        var externalAttributes: UInt32 = 0o100644 << 16
        /// The name the local header gives, when it differs from the central directory's.
        var localName: String?
        var extra: [UInt8] = []
        /// The local header's extra field, when it differs from the central directory's.
        var localExtra: [UInt8]?
        /// The uncompressed size both headers declare, when it differs from the data's length.
        var declaredSize: UInt32?
        /// The CRC-32 both headers declare, when it differs from the data's.
        var declaredCRC: UInt32?

        var crc: UInt32 {
            if let declaredCRC { return declaredCRC }
            var crc = CRC32()
            crc.update(data)
            return crc.value
        }
    }

    /// The zip so far: local headers and data, or anything appended.
    private(set) var bytes: [UInt8] = []
    /// Central-directory records of the entries added so far, with the offsets they were given.
    private(set) var records: [[UInt8]] = []

    /// The entries of a real bundle, in its own order (from `zipinfo`), with the bytes `unzip` extracted.
    static func entries(ofBundle bundle: URL, unpackedIn folder: URL) throws -> [Entry] {
        let names = try TestSupport.tool("zipinfo", ["-1", bundle.path]).stdout.split(separator: "\n").map(String.init)
        return try names.map { Entry(name: $0, data: Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    /// Appends bytes that belong to no entry.
    mutating func append(_ raw: [UInt8]) { bytes += raw }

    /// Appends an entry's local header and data; its central record says it is at its offset minus `offsetBase`.
    /// An entry with `inCentralDirectory: false` exists in local headers only.
    mutating func add(_ entry: Entry, offsetBase: Int = 0, inCentralDirectory: Bool = true) {
        let offset = bytes.count
        let size = entry.declaredSize ?? UInt32(entry.data.count)
        bytes += le32(0x0403_4B50) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x5C81)
        bytes += le32(entry.crc) + le32(UInt32(entry.data.count)) + le32(size)
        let localName = Array((entry.localName ?? entry.name).utf8)
        let localExtra = entry.localExtra ?? entry.extra
        bytes += le16(UInt16(localName.count)) + le16(UInt16(localExtra.count)) + localName + localExtra + entry.data
        guard inCentralDirectory else { return }
        let name = Array(entry.name.utf8)
        var record = le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x5C81)
        record += le32(entry.crc) + le32(UInt32(entry.data.count)) + le32(size)
        record += le16(UInt16(name.count)) + le16(UInt16(entry.extra.count)) + le16(0) + le16(0) + le16(0)
        record += le32(entry.externalAttributes) + le32(UInt32(offset - offsetBase)) + name + entry.extra
        records.append(record)
    }

    /// Appends the central directory of `records` and returns its offset and size.
    mutating func appendCentralDirectory(_ records: [[UInt8]]) -> (offset: Int, size: Int) {
        let offset = bytes.count
        for record in records { bytes += record }
        return (offset, bytes.count - offset)
    }

    /// Appends a 32-bit end record.
    mutating func appendEndRecord(entries: Int, directory: (offset: Int, size: Int), comment: [UInt8] = []) {
        bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries)) + le16(UInt16(entries))
        bytes += le32(UInt32(directory.size)) + le32(UInt32(directory.offset)) + le16(UInt16(comment.count)) + comment
    }

    /// Appends a ZIP64 end record and its locator.
    mutating func appendZIP64EndRecord(entries: Int, directory: (offset: Int, size: Int)) {
        let recordOffset = bytes.count
        bytes += le32(0x0606_4B50) + le64(44) + le16(0x032D) + le16(45) + le32(0) + le32(0)
        bytes += le64(UInt64(entries)) + le64(UInt64(entries)) + le64(UInt64(directory.size)) + le64(UInt64(directory.offset))
        bytes += le32(0x0706_4B50) + le32(0) + le64(UInt64(recordOffset)) + le32(1)
    }

    /// The usual ending: the central directory of every entry added, then the end record.
    mutating func finish(comment: [UInt8] = []) -> [UInt8] {
        let directory = appendCentralDirectory(records)
        appendEndRecord(entries: records.count, directory: directory, comment: comment)
        return bytes
    }

    /// A plain zip of `entries`.
    static func zip(_ entries: [Entry]) -> [UInt8] {
        var builder = TestZipBuilder()
        for entry in entries { builder.add(entry) }
        return builder.finish()
    }
}

func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
