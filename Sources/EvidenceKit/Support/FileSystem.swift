import EvidenceCrypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure that names the file and what went wrong.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public var description: String {
        "\(path): could not \(operation) (\(String(cString: strerror(errno))))"
    }
}

/// The system calls EvidenceKit makes, wrapped once: `EINTR` retried, `errno` turned into ``FileSystemError``.
///
/// Evidence rules live here: originals are opened read-only, and nothing that looks complete
/// is ever half-written (write to a temporary name, `fsync`, `rename`, `fsync` the folder).
enum FileSystem {
    /// Bytes read per call when streaming a file: large enough for throughput, small enough to bound memory.
    static let chunkSize = 1 << 20

    /// Opens a file read-only, never following a final symlink when `followSymlinks` is false.
    static func openForReading(_ path: String, followSymlinks: Bool = true) throws -> Int32 {
        var flags = O_RDONLY | O_CLOEXEC
        if !followSymlinks { flags |= O_NOFOLLOW }
        let fd = retrying { open(path, flags) }
        guard fd >= 0 else { throw FileSystemError(path: path, operation: "open for reading", errno: errno) }
        return fd
    }

    /// Creates a new file for writing; fails if something already exists there.
    static func createExclusive(_ path: String, mode: mode_t = 0o644) throws -> Int32 {
        let fd = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard fd >= 0 else { throw FileSystemError(path: path, operation: "create", errno: errno) }
        return fd
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        let count = retrying { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        guard count >= 0 else { throw FileSystemError(path: path, operation: "read", errno: errno) }
        return count
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = retrying { Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
            guard written > 0 else { throw FileSystemError(path: path, operation: "write", errno: errno) }
            offset += written
        }
    }

    static func fsync(_ fd: Int32, path: String) throws {
        guard retrying({ Glibc.fsync(fd) }) == 0 else { throw FileSystemError(path: path, operation: "flush to disk", errno: errno) }
    }

    /// Makes a rename or a new file in `directory` durable.
    static func fsyncDirectory(_ directory: String) throws {
        let fd = try openForReading(directory)
        defer { close(fd) }
        try fsync(fd, path: directory)
    }

    /// Renames atomically within one file system.
    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw FileSystemError(path: to, operation: "rename \(from) into place", errno: errno) }
    }

    /// Writes `bytes` to `path` atomically: a temporary sibling is written, flushed, then renamed over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp")
        let fd = try createExclusive(temporary, mode: mode)
        do {
            try bytes.withUnsafeBytes { try writeAll(fd, $0, path: temporary) }
            try fsync(fd, path: temporary)
            close(fd)
            try rename(temporary, to: path)
            try fsyncDirectory(directory.isEmpty ? "." : directory)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
    }

    /// File status without following a final symlink.
    static func linkStatus(_ path: String) throws -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw FileSystemError(path: path, operation: "read file status", errno: errno) }
        return info
    }

    /// Copies `source` to a new file at `destination` and hashes it in the same read, then flushes the copy to disk.
    /// The source is opened read-only and never written.
    static func copyAndHash(from source: String, to destination: String) throws -> (digest: SHA256Digest, size: UInt64) {
        let input = try openForReading(source)
        defer { close(input) }
        let output = try createExclusive(destination, mode: 0o444)
        var closed = false
        defer { if !closed { close(output) } }
        let hasher = SHA256Hasher()
        var size: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try read(input, into: buffer, path: source)
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(chunk)
            try writeAll(output, chunk, path: destination)
            size += UInt64(count)
        }
        try fsync(output, path: destination)
        close(output)
        closed = true
        return (hasher.finalize(), size)
    }

    /// Streams a file through `body` in fixed-size chunks.
    static func forEachChunk(of path: String, followSymlinks: Bool = true,
                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = try openForReading(path, followSymlinks: followSymlinks)
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try read(fd, into: buffer, path: path)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Reads at most `limit` bytes from the start of a file (for probing formats).
    static func readPrefix(of path: String, limit: Int) throws -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var total = 0
        while total < limit {
            let count = try bytes.withUnsafeMutableBytes {
                try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[total...]), path: path)
            }
            if count == 0 { break }
            total += count
        }
        return Array(bytes[0..<total])
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }
}
