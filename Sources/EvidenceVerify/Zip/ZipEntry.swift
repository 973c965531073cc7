/// One file or folder of a zip, as its central-directory record and its local header (which agree) describe it.
struct ZipEntry: Sendable {
    enum Kind: Sendable { case file, directory, symbolicLink, special }

    /// The entry's name, decoded from UTF-8.
    var name: String
    var kind: Kind
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// Where the entry's data begins, once its local header was read.
    var dataOffset: UInt64 = 0
    /// Why the entry's bytes cannot be read unambiguously (already reported as an ambiguity), or `nil`.
    var unreadable: String?

    /// Bit 3 of the flags: the CRC and sizes follow the data in a data descriptor.
    var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
}
