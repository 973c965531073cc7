#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Random access to the bytes of one file or buffer, so that a parser reads box and segment headers
/// where they are and skips the rest (a 5 GB video costs a few small reads).
///
/// A read past the end returns fewer bytes (possibly none): parsers treat that as truncation.
/// Only I/O failures throw.
public protocol ByteSource {
    /// The total number of bytes.
    var count: UInt64 { get }
    /// Up to `maxCount` bytes starting at `offset`; fewer at the end, none at or past it.
    /// - Throws: ``ByteSourceError`` when the underlying storage cannot be read.
    func read(at offset: UInt64, maxCount: Int) throws -> [UInt8]
}

/// A failure to read bytes from storage (not a problem with their content).
public struct ByteSourceError: Error, CustomStringConvertible, Sendable {
    /// The file (or label) that could not be read.
    public var name: String
    /// What the system said, in words.
    public var reason: String

    /// An error for `name` with the system's `reason`.
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    /// `cannot read <name>: <reason>`.
    public var description: String { "cannot read \(name): \(reason)" }
}

/// Bytes already in memory: what tests, fuzzers and small files use.
public struct ArrayByteSource: ByteSource, Sendable {
    /// The whole buffer.
    public let bytes: [UInt8]

    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The length of the buffer.
    public var count: UInt64 { UInt64(bytes.count) }

    /// Up to `maxCount` bytes from `offset`; never throws.
    public func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        guard maxCount > 0, offset < UInt64(bytes.count) else { return [] }
        let start = Int(offset)
        let end = start + min(maxCount, bytes.count - start)
        return Array(bytes[start..<end])
    }
}

/// A read-only file read with `pread`, so that only the requested ranges are touched.
///
/// Owns its descriptor and closes it when released.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let name: String
    /// The file's size when it was opened.
    public let count: UInt64

    /// Opens `path` for reading.
    /// - Throws: ``ByteSourceError`` naming the file when it cannot be opened or is not a regular file.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ByteSourceError(name: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ByteSourceError(name: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ByteSourceError(name: path, reason: "not a regular file")
        }
        descriptor = fd
        name = path
        count = UInt64(max(0, info.st_size))
    }

    deinit { close(descriptor) }

    /// Up to `maxCount` bytes from `offset` with `pread`, retrying on `EINTR`.
    public func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        guard maxCount > 0, offset < count, offset <= UInt64(Int64.max) else { return [] }
        let wanted = Int(min(UInt64(maxCount), count - offset))
        var buffer = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                pread(descriptor, raw.baseAddress! + filled, wanted - filled, off_t(offset) + off_t(filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ByteSourceError(name: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            filled += got
        }
        if filled < wanted { buffer.removeLast(wanted - filled) }
        return buffer
    }
}
