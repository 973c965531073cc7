import Foundation

/// A folder of small files that appears complete or not at all: what `export` and `takedown` hand to others.
package enum AtomicFolder {
    /// Writes `files` into a temporary sibling of `output` (each created exclusively and flushed), flushes that
    /// folder, renames it into place and flushes the parent; on any failure the temporary folder goes, so no half
    /// written folder ever looks complete.
    ///
    /// - Parameter alreadyExists: the error to throw when `output` exists (checked as late as possible, because
    ///   rename(2) would quietly replace an empty folder created meanwhile).
    package static func write(_ files: [(name: String, bytes: [UInt8])], to output: URL,
                              alreadyExists: (URL) -> any Error) throws {
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            for file in files {
                let path = temporary.appendingPathComponent(file.name).path
                let fd = try FileSystem.createExclusive(path)
                defer { FileSystem.close(fd) }
                try FileSystem.writeAll(fd, file.bytes, path: path)
                try FileSystem.fsync(fd, path: path)
            }
            try FileSystem.fsyncDirectory(temporary.path)
            guard !FileManager.default.fileExists(atPath: output.path) else { throw alreadyExists(output) }
            try FileSystem.rename(temporary.path, to: output.path)
            try FileSystem.fsyncDirectory(parent.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
