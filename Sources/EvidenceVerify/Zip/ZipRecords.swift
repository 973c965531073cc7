import EvidenceModel

/// The record signatures of the zip format (APPNOTE 6.3.10, section 4.3), as little-endian 32-bit values.
enum ZipSignature {
    static let localHeader: UInt32 = 0x0403_4B50
    static let centralRecord: UInt32 = 0x0201_4B50
    static let endRecord: UInt32 = 0x0605_4B50
    static let zip64EndRecord: UInt32 = 0x0606_4B50
    static let zip64EndLocator: UInt32 = 0x0706_4B50
    static let dataDescriptor: UInt32 = 0x0807_4B50

    /// The four bytes of `signature` as they appear in the file.
    static func bytes(_ signature: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: signature >> (8 * $0)) }
    }
}

/// The 32-bit end-of-central-directory record (APPNOTE 4.3.16).
struct ZipEndRecord {
    static let size = 22
    var disk: UInt16
    var centralDirectoryDisk: UInt16
    var entriesOnDisk: UInt16
    var entries: UInt16
    var centralDirectorySize: UInt32
    var centralDirectoryOffset: UInt32
    var commentLength: UInt16

    init?(_ bytes: [UInt8], at offset: Int) {
        guard bytes.u32(offset, bigEndian: false) == ZipSignature.endRecord,
              let disk = bytes.u16(offset + 4, bigEndian: false),
              let centralDirectoryDisk = bytes.u16(offset + 6, bigEndian: false),
              let entriesOnDisk = bytes.u16(offset + 8, bigEndian: false),
              let entries = bytes.u16(offset + 10, bigEndian: false),
              let centralDirectorySize = bytes.u32(offset + 12, bigEndian: false),
              let centralDirectoryOffset = bytes.u32(offset + 16, bigEndian: false),
              let commentLength = bytes.u16(offset + 20, bigEndian: false)
        else { return nil }
        self.disk = disk
        self.centralDirectoryDisk = centralDirectoryDisk
        self.entriesOnDisk = entriesOnDisk
        self.entries = entries
        self.centralDirectorySize = centralDirectorySize
        self.centralDirectoryOffset = centralDirectoryOffset
        self.commentLength = commentLength
    }
}

/// The ZIP64 end-of-central-directory locator, just before the 32-bit end record (APPNOTE 4.3.15).
struct ZIP64EndLocator {
    static let size = 20
    var recordDisk: UInt32
    var recordOffset: UInt64
    var totalDisks: UInt32

    init?(_ bytes: [UInt8], at offset: Int) {
        guard bytes.u32(offset, bigEndian: false) == ZipSignature.zip64EndLocator,
              let recordDisk = bytes.u32(offset + 4, bigEndian: false),
              let recordOffset = bytes.u64(offset + 8, bigEndian: false),
              let totalDisks = bytes.u32(offset + 16, bigEndian: false)
        else { return nil }
        self.recordDisk = recordDisk
        self.recordOffset = recordOffset
        self.totalDisks = totalDisks
    }
}

/// The ZIP64 end-of-central-directory record (APPNOTE 4.3.14), without an extensible data sector.
struct ZIP64EndRecord {
    /// Signature, size field and the fixed fields: the whole record when it has no extensible data.
    static let size = 56
    /// The record's own size field: 44 when there is no extensible data sector.
    var recordSize: UInt64
    var disk: UInt32
    var centralDirectoryDisk: UInt32
    var entriesOnDisk: UInt64
    var entries: UInt64
    var centralDirectorySize: UInt64
    var centralDirectoryOffset: UInt64

    init?(_ bytes: [UInt8]) {
        guard bytes.u32(0, bigEndian: false) == ZipSignature.zip64EndRecord,
              let recordSize = bytes.u64(4, bigEndian: false),
              let disk = bytes.u32(16, bigEndian: false),
              let centralDirectoryDisk = bytes.u32(20, bigEndian: false),
              let entriesOnDisk = bytes.u64(24, bigEndian: false),
              let entries = bytes.u64(32, bigEndian: false),
              let centralDirectorySize = bytes.u64(40, bigEndian: false),
              let centralDirectoryOffset = bytes.u64(48, bigEndian: false)
        else { return nil }
        self.recordSize = recordSize
        self.disk = disk
        self.centralDirectoryDisk = centralDirectoryDisk
        self.entriesOnDisk = entriesOnDisk
        self.entries = entries
        self.centralDirectorySize = centralDirectorySize
        self.centralDirectoryOffset = centralDirectoryOffset
    }
}

/// One extra field of a header (APPNOTE 4.5): an identifier and its bytes.
struct ZipExtraField {
    static let zip64: UInt16 = 0x0001
    static let unicodePath: UInt16 = 0x7075
    /// Fields that only carry times, owners or alignment: every reader extracts the same name and bytes
    /// whether it understands them or not (NTFS times, Info-ZIP extended time and Unix owner, Java's jar
    /// marker, Android's alignment padding).
    static let harmless: Set<UInt16> = [0x000A, 0x5455, 0x5855, 0x7855, 0x7875, 0xCAFE, 0xD935]

    var id: UInt16
    var data: [UInt8]

    /// The fields of an extra block, or `nil` when they do not fill it exactly (readers would then disagree
    /// on where one field ends and the next begins).
    static func fields(in block: [UInt8]) -> [ZipExtraField]? {
        var fields: [ZipExtraField] = []
        var offset = 0
        while offset < block.count {
            guard let id = block.u16(offset, bigEndian: false), let length = block.u16(offset + 2, bigEndian: false),
                  let data = block.slice(offset + 4, Int(length))
            else { return nil }
            fields.append(ZipExtraField(id: id, data: data))
            offset += 4 + Int(length)
        }
        return fields
    }
}

/// One record of the central directory (APPNOTE 4.3.12), with its variable parts.
struct ZipCentralRecord {
    static let fixedSize = 46
    var versionMadeBy: UInt16
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var diskStart: UInt16
    var externalAttributes: UInt32
    var localHeaderOffset: UInt32
    var name: [UInt8]
    var extra: [UInt8]
    var comment: [UInt8]

    /// The record's length in the directory.
    var size: Int { Self.fixedSize + name.count + extra.count + comment.count }

    /// The record at `offset`, or `nil` when the signature is wrong or it runs past the bytes given.
    init?(_ bytes: [UInt8], at offset: Int) {
        guard bytes.u32(offset, bigEndian: false) == ZipSignature.centralRecord,
              let versionMadeBy = bytes.u16(offset + 4, bigEndian: false),
              let flags = bytes.u16(offset + 8, bigEndian: false),
              let method = bytes.u16(offset + 10, bigEndian: false),
              let crc32 = bytes.u32(offset + 16, bigEndian: false),
              let compressedSize = bytes.u32(offset + 20, bigEndian: false),
              let uncompressedSize = bytes.u32(offset + 24, bigEndian: false),
              let nameLength = bytes.u16(offset + 28, bigEndian: false),
              let extraLength = bytes.u16(offset + 30, bigEndian: false),
              let commentLength = bytes.u16(offset + 32, bigEndian: false),
              let diskStart = bytes.u16(offset + 34, bigEndian: false),
              let externalAttributes = bytes.u32(offset + 38, bigEndian: false),
              let localHeaderOffset = bytes.u32(offset + 42, bigEndian: false),
              let name = bytes.slice(offset + Self.fixedSize, Int(nameLength)),
              let extra = bytes.slice(offset + Self.fixedSize + Int(nameLength), Int(extraLength)),
              let comment = bytes.slice(offset + Self.fixedSize + Int(nameLength) + Int(extraLength), Int(commentLength))
        else { return nil }
        self.versionMadeBy = versionMadeBy
        self.flags = flags
        self.method = method
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.diskStart = diskStart
        self.externalAttributes = externalAttributes
        self.localHeaderOffset = localHeaderOffset
        self.name = name
        self.extra = extra
        self.comment = comment
    }
}

/// The fixed part of a local file header (APPNOTE 4.3.7); its name and extra field follow it.
struct ZipLocalHeader {
    static let fixedSize = 30
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var nameLength: Int
    var extraLength: Int

    init?(_ bytes: [UInt8]) {
        guard bytes.u32(0, bigEndian: false) == ZipSignature.localHeader,
              let flags = bytes.u16(6, bigEndian: false),
              let method = bytes.u16(8, bigEndian: false),
              let crc32 = bytes.u32(14, bigEndian: false),
              let compressedSize = bytes.u32(18, bigEndian: false),
              let uncompressedSize = bytes.u32(22, bigEndian: false),
              let nameLength = bytes.u16(26, bigEndian: false),
              let extraLength = bytes.u16(28, bigEndian: false)
        else { return nil }
        self.flags = flags
        self.method = method
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.nameLength = Int(nameLength)
        self.extraLength = Int(extraLength)
    }
}
