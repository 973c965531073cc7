import EvidenceModel

/// A read-only file read with `pread`, so that only the requested ranges are touched.
///
/// Owns its descriptor and closes it when released.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let name: String
    /// The file's size when it was opened.
    public let count: UInt64

    /// Opens `path` for reading.
    /// - Throws: ``IOError`` naming the file when it cannot be opened or is not a regular file.
    public init(path: String) throws {
        let fd = try FileSystem.openForReading(path)
        let status: FileSystem.Status
        do {
            status = try FileSystem.status(ofDescriptor: fd, path: path)
        } catch {
            FileSystem.close(fd)
            throw error
        }
        guard status.isRegularFile else {
            FileSystem.close(fd)
            throw IOError(path: path, operation: "read", reason: "not a regular file")
        }
        descriptor = fd
        name = path
        count = UInt64(max(0, status.size))
    }

    deinit { FileSystem.close(descriptor) }

    /// Up to `maxCount` bytes from `offset` with `pread`, retrying on `EINTR`.
    public func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        guard maxCount > 0, offset < count, offset <= UInt64(Int64.max) else { return [] }
        let wanted = Int(min(UInt64(maxCount), count - offset))
        return try FileSystem.readUpTo(descriptor, limit: wanted, at: offset, path: name)
    }
}
