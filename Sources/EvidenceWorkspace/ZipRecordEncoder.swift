import Foundation

/// The zip records a bundle is made of (PKWARE APPNOTE 6.3.10: local file header, central directory header, ZIP64
/// extra field, ZIP64 end of central directory record and locator, end of central directory record), byte for byte
/// as ZIPFoundation 0.9.20 wrote them when it wrote our bundles.
///
/// Bundles sealed before this writer existed must come out the same when their case is sealed again at the same
/// time (the golden bundle test), so every choice ZIPFoundation made is kept: "version made by" 789 (UNIX, 2.1),
/// "version needed" 2.0 (4.5 with ZIP64), the UTF-8 flag (bit 11) and no data descriptor, DOS times in UTC, ZIP64
/// fields only where a value does not fit, and the ZIP64 end records only when a count, size or offset does not.
struct ZipRecordEncoder {
    /// One entry's fixed facts.
    struct Entry {
        var name: [UInt8]
        /// 0 stored, 8 deflated.
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        /// Where its local header starts.
        var offset: UInt64
    }

    /// A regular file, `rw-r--r--`, in the high half as UNIX zip tools write it.
    static let externalAttributes: UInt32 = (0o100000 | 0o644) << 16

    let dosTime: UInt16
    let dosDate: UInt16

    /// Records dated `date`, read in UTC (years outside 1980–2099 are clamped, as the DOS format requires).
    init(modificationDate date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max(parts.year ?? 1980, 1980), 2099)
        dosDate = UInt16(parts.day! + parts.month! * 32 + (year - 1980) * 512)
        dosTime = UInt16(parts.second! / 2 + parts.minute! * 32 + parts.hour! * 2048)
    }

    private static func needsZIP64Sizes(_ entry: Entry) -> Bool {
        entry.uncompressedSize >= 0xFFFF_FFFF || entry.compressedSize >= 0xFFFF_FFFF
    }

    /// The local file header; its length depends only on the name and on whether the sizes need ZIP64, so it can be
    /// written after the entry's data, in the room left for it.
    func localHeader(_ entry: Entry) -> [UInt8] {
        let zip64 = Self.needsZIP64Sizes(entry)
        var out = LittleEndianBytes()
        out.u32(0x0403_4B50)
        out.u16(zip64 ? 45 : 20)
        out.u16(0x0800)
        out.u16(entry.method)
        out.u16(dosTime)
        out.u16(dosDate)
        out.u32(entry.crc32)
        out.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.compressedSize))
        out.u32(zip64 ? 0xFFFF_FFFF : UInt32(entry.uncompressedSize))
        out.u16(UInt16(entry.name.count))
        out.u16(zip64 ? 20 : 0)
        out.bytes += entry.name
        if zip64 {
            out.u16(0x0001)
            out.u16(16)
            out.u64(entry.uncompressedSize)
            out.u64(entry.compressedSize)
        }
        return out.bytes
    }

    /// The entry's central directory header.
    func centralHeader(_ entry: Entry) -> [UInt8] {
        let zip64Sizes = Self.needsZIP64Sizes(entry)
        let zip64Offset = entry.offset >= 0xFFFF_FFFF
        var extra = LittleEndianBytes()
        if zip64Sizes {
            extra.u64(entry.uncompressedSize)
            extra.u64(entry.compressedSize)
        }
        if zip64Offset { extra.u64(entry.offset) }
        var out = LittleEndianBytes()
        out.u32(0x0201_4B50)
        out.u16(789)
        out.u16(zip64Sizes ? 45 : 20)
        out.u16(0x0800)
        out.u16(entry.method)
        out.u16(dosTime)
        out.u16(dosDate)
        out.u32(entry.crc32)
        out.u32(zip64Sizes ? 0xFFFF_FFFF : UInt32(entry.compressedSize))
        out.u32(zip64Sizes ? 0xFFFF_FFFF : UInt32(entry.uncompressedSize))
        out.u16(UInt16(entry.name.count))
        out.u16(extra.bytes.isEmpty ? 0 : UInt16(extra.bytes.count + 4))
        out.u16(0)  // comment
        out.u16(0)  // disk
        out.u16(0)  // internal attributes
        out.u32(Self.externalAttributes)
        out.u32(zip64Offset ? 0xFFFF_FFFF : UInt32(entry.offset))
        out.bytes += entry.name
        if !extra.bytes.isEmpty {
            out.u16(0x0001)
            out.u16(UInt16(extra.bytes.count))
            out.bytes += extra.bytes
        }
        return out.bytes
    }

    /// The end records, written right after the central directory: the ZIP64 record and locator when the count,
    /// the directory's size or its offset does not fit the classic record, then the classic record.
    func endRecords(entryCount: UInt64, centralDirectoryOffset: UInt64, centralDirectorySize: UInt64) -> [UInt8] {
        let count16: UInt16 = entryCount >= 0xFFFF ? 0xFFFF : UInt16(entryCount)
        let size32: UInt32 = centralDirectorySize >= 0xFFFF_FFFF ? 0xFFFF_FFFF : UInt32(centralDirectorySize)
        let offset32: UInt32 = centralDirectoryOffset >= 0xFFFF_FFFF ? 0xFFFF_FFFF : UInt32(centralDirectoryOffset)
        var out = LittleEndianBytes()
        if count16 == 0xFFFF || size32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            let recordOffset = centralDirectoryOffset + centralDirectorySize
            out.u32(0x0606_4B50)
            out.u64(44)
            out.u16(789)
            out.u16(45)
            out.u32(0)
            out.u32(0)
            out.u64(entryCount)
            out.u64(entryCount)
            out.u64(centralDirectorySize)
            out.u64(centralDirectoryOffset)
            out.u32(0x0706_4B50)
            out.u32(0)
            out.u64(recordOffset)
            out.u32(1)
        }
        out.u32(0x0605_4B50)
        out.u16(0)
        out.u16(0)
        out.u16(count16)
        out.u16(count16)
        out.u32(size32)
        out.u32(offset32)
        out.u16(0)  // comment
        return out.bytes
    }
}

/// Bytes appended little-endian, as every zip field is.
private struct LittleEndianBytes {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
