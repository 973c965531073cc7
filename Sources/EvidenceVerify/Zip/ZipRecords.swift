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

/// Little-endian fields read in the order the APPNOTE lists them, through ``ByteReader``: a short read makes the
/// record incomplete (checked once, at the end of each initialiser) instead of one `guard` per field.
struct ZipFieldReader {
    private var reader: ByteReader
    /// False once any read ran past the bytes (or the start was outside them).
    private(set) var complete: Bool

    init(_ bytes: [UInt8], at offset: Int) {
        reader = ByteReader(bytes, from: offset)
        complete = offset >= 0 && offset <= bytes.count
    }

    mutating func u16() -> UInt16 { UInt16(truncatingIfNeeded: littleEndian(width: 2)) }
    mutating func u32() -> UInt32 { UInt32(truncatingIfNeeded: littleEndian(width: 4)) }
    mutating func u64() -> UInt64 { littleEndian(width: 8) }

    /// Passes over fields nobody reads (versions needed, DOS times, internal attributes).
    mutating func skip(_ count: Int) {
        if !reader.moveReaderIndex(forwardBy: count) { complete = false }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        guard let slice = reader.readBytes(count: count) else {
            complete = false
            return []
        }
        return Array(slice)
    }

    private mutating func littleEndian(width: Int) -> UInt64 {
        guard let value = reader.readLittleEndian(width: width) else {
            complete = false
            return 0
        }
        return value
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
        var fields = ZipFieldReader(bytes, at: offset)
        guard fields.u32() == ZipSignature.endRecord else { return nil }
        disk = fields.u16()
        centralDirectoryDisk = fields.u16()
        entriesOnDisk = fields.u16()
        entries = fields.u16()
        centralDirectorySize = fields.u32()
        centralDirectoryOffset = fields.u32()
        commentLength = fields.u16()
        guard fields.complete else { return nil }
    }
}

/// The ZIP64 end-of-central-directory locator, just before the 32-bit end record (APPNOTE 4.3.15).
struct ZIP64EndLocator {
    static let size = 20
    var recordDisk: UInt32
    var recordOffset: UInt64
    var totalDisks: UInt32

    init?(_ bytes: [UInt8], at offset: Int) {
        var fields = ZipFieldReader(bytes, at: offset)
        guard fields.u32() == ZipSignature.zip64EndLocator else { return nil }
        recordDisk = fields.u32()
        recordOffset = fields.u64()
        totalDisks = fields.u32()
        guard fields.complete else { return nil }
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
        var fields = ZipFieldReader(bytes, at: 0)
        guard fields.u32() == ZipSignature.zip64EndRecord else { return nil }
        recordSize = fields.u64()
        fields.skip(4)  // version made by, version needed
        disk = fields.u32()
        centralDirectoryDisk = fields.u32()
        entriesOnDisk = fields.u64()
        entries = fields.u64()
        centralDirectorySize = fields.u64()
        centralDirectoryOffset = fields.u64()
        guard fields.complete else { return nil }
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
        var reader = ZipFieldReader(block, at: 0)
        var consumed = 0
        while consumed < block.count {
            let id = reader.u16()
            let length = reader.u16()
            let data = reader.bytes(Int(length))
            guard reader.complete else { return nil }
            fields.append(ZipExtraField(id: id, data: data))
            consumed += 4 + Int(length)
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
        var fields = ZipFieldReader(bytes, at: offset)
        guard fields.u32() == ZipSignature.centralRecord else { return nil }
        versionMadeBy = fields.u16()
        fields.skip(2)  // version needed
        flags = fields.u16()
        method = fields.u16()
        fields.skip(4)  // DOS time and date
        crc32 = fields.u32()
        compressedSize = fields.u32()
        uncompressedSize = fields.u32()
        let nameLength = fields.u16(), extraLength = fields.u16(), commentLength = fields.u16()
        diskStart = fields.u16()
        fields.skip(2)  // internal attributes
        externalAttributes = fields.u32()
        localHeaderOffset = fields.u32()
        name = fields.bytes(Int(nameLength))
        extra = fields.bytes(Int(extraLength))
        comment = fields.bytes(Int(commentLength))
        guard fields.complete else { return nil }
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
        var fields = ZipFieldReader(bytes, at: 0)
        guard fields.u32() == ZipSignature.localHeader else { return nil }
        fields.skip(2)  // version needed
        flags = fields.u16()
        method = fields.u16()
        fields.skip(4)  // DOS time and date
        crc32 = fields.u32()
        compressedSize = fields.u32()
        uncompressedSize = fields.u32()
        nameLength = Int(fields.u16())
        extraLength = Int(fields.u16())
        guard fields.complete else { return nil }
    }
}
