import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// A file inside a bag being verified, with the size its container declares.
struct BagSourceFile: Sendable {
    /// Path relative to the bag's root folder.
    var path: String
    var declaredSize: Int64
}

/// A bag to verify, zipped or unpacked. Implementations refuse unsafe entries up front (as findings) and
/// never read more bytes from an entry than the limit they are given.
protocol BagSource {
    /// The bag's folder name (the zip's top folder, or the folder's name).
    var bagFolder: String { get }
    /// Every safe regular file of the bag.
    var files: [BagSourceFile] { get }
    /// Problems of the container found before reading any file: unsafe or duplicate names, and for a zip
    /// everything another zip reader would see differently.
    var containerFindings: [VerificationFinding] { get }
    /// True when reading the file costs no more than the bytes the container holds for it (a file of a folder, an
    /// entry stored in the zip without compression): what may be hashed before its size in the signed manifest is
    /// known (``HashPass``).
    func isReadAsStored(_ path: String) -> Bool
    /// A second, independent reader of the same bag, so two threads can hash at once.
    func reopened() throws -> any BagSource
    /// Streams a file through `body`, throwing ``EntryTooLarge`` as soon as more than `limit` bytes come out.
    func stream(_ path: String, limit: Int64, _ body: ([UInt8]) throws -> Void) throws
}

/// An entry is compressed with a method the verifier cannot read (bzip2, LZMA …): the bundle cannot be checked
/// as it is, which is not the same as being altered.
struct UnsupportedCompression: Error {
    var path: String
}

/// An entry produced more bytes than its limit: reading stopped there.
struct EntryTooLarge: Error {
    var limit: Int64
}

/// A file to hash: the most bytes to read of it and, for a tag file that is checked as well, what reads its bytes
/// in the same pass.
struct HashJob: Sendable {
    var path: String
    var limit: Int64
    var inspection: (any ContentInspection)?
}

extension BagSource {
    /// Reads a small file whole, refusing more than `limit` bytes.
    func read(_ path: String, limit: Int64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(path, limit: limit) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hashes a file as it streams, refusing more than `limit` bytes, and shows every chunk to `inspection` and its
    /// size to `progressed`.
    func sha256(_ path: String, limit: Int64, inspection: (any ContentInspection)? = nil,
                progressed: ((Int) -> Void)? = nil) throws -> (digest: String, size: Int64) {
        let hasher = SHA256Hasher()
        var size: Int64 = 0
        try stream(path, limit: limit) { chunk in
            hasher.update(chunk)
            inspection?.inspect(chunk)
            size += Int64(chunk.count)
            progressed?(chunk.count)
        }
        return (hasher.finalize().hex, size)
    }
}

/// Rules for entry names that are refused before anything is read.
enum EntryNameRules {
    /// Why a raw entry name is unsafe, or `nil` when it is fine.
    static func problem(with name: String) -> String? {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return problem(withASCII: Array(name.utf8)) }
        if name.isEmpty { return "empty name" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "control character in name" }
        if name.hasPrefix("/") { return "absolute path" }
        if name.contains("\\") { return "backslash in name (a Windows path separator)" }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if let first = components.first, first.count == 2, first.last == ":" { return "drive-letter path" }
        if components.contains("..") { return "path climbs out of the folder (..)" }
        if components.contains(".") { return "path contains a '.' component" }
        if components.dropLast().contains("") { return "empty path component" }
        return nil
    }

    /// ``problem(with:)`` for a name all of ASCII, the same rules in the same order on its bytes: Foundation's
    /// `contains` and the split into `Substring`s cost more per name than hashing a small file.
    private static func problem(withASCII name: [UInt8]) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        if name.isEmpty { return "empty name" }
        if name.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "control character in name" }
        if name[0] == slash { return "absolute path" }
        if name.contains(UInt8(ascii: "\\")) { return "backslash in name (a Windows path separator)" }
        let components = name.split(separator: slash, omittingEmptySubsequences: false)
        if let first = components.first, first.count == 2, first.last == UInt8(ascii: ":") { return "drive-letter path" }
        if components.contains(where: { $0.elementsEqual([dot, dot]) }) { return "path climbs out of the folder (..)" }
        if components.contains(where: { $0.elementsEqual([dot]) }) { return "path contains a '.' component" }
        if components.dropLast().contains(where: { $0.isEmpty }) { return "empty path component" }
        return nil
    }

    /// A key under which names that one file system would treat as the same collide (NFC, case-folded).
    static func collisionKey(_ name: String) -> String {
        name.precomposedNFC.lowercased()
    }
}
