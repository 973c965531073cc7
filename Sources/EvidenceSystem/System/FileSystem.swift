#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EvidenceModel
import Foundation

/// The system calls EvidenceKit makes, wrapped once: `EINTR` retried, `errno` turned into ``IOError``.
///
/// This file is the only Swift outside `EvidenceCrypto` that calls the C library or
/// holds a raw pointer. Evidence rules live here: originals are opened read-only, and nothing that looks complete
/// is ever half-written (write to a temporary name, `fsync`, `rename`, `fsync` the folder).
package enum FileSystem {
    /// Bytes read per call when streaming a file: large enough for throughput, small enough to bound memory.
    package static let chunkSize = 1 << 20

    /// An ``IOError`` for the `errno` of the call that just failed.
    package static func error(_ path: String, _ operation: String, errno code: Int32 = errno) -> IOError {
        IOError(path: path, operation: operation, reason: String(cString: strerror(code)), errno: code)
    }

    /// Opens a file read-only, never following a final symlink when `followSymlinks` is false.
    package static func openForReading(_ path: String, followSymlinks: Bool = true) throws -> Int32 {
        var flags = O_RDONLY | O_CLOEXEC
        if !followSymlinks { flags |= O_NOFOLLOW }
        let fd = retrying { open(path, flags) }
        guard fd >= 0 else { throw error(path, "open for reading") }
        return fd
    }

    /// Creates a new file for writing; fails if something already exists there.
    package static func createExclusive(_ path: String, mode: mode_t = 0o644) throws -> Int32 {
        let fd = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard fd >= 0 else { throw error(path, "create") }
        return fd
    }

    /// Closes a descriptor; errors on close of a read-only descriptor carry no information worth reporting.
    package static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        #if canImport(Glibc)
        let count = retrying { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        #else
        let count = retrying { Darwin.read(fd, buffer.baseAddress, buffer.count) }
        #endif
        guard count >= 0 else { throw error(path, "read") }
        return count
    }

    /// Writes every byte of `buffer`, retrying short writes.
    package static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let written = retrying { Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
            #else
            let written = retrying { Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
            #endif
            guard written > 0 else { throw error(path, "write") }
            offset += written
        }
    }

    /// Writes every byte of `bytes`.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
    }

    /// Flushes a file's data and metadata to the disk.
    package static func fsync(_ fd: Int32, path: String) throws {
        #if canImport(Glibc)
        let result = retrying { Glibc.fsync(fd) }
        #else
        let result = retrying { Darwin.fsync(fd) }
        #endif
        guard result == 0 else { throw error(path, "flush to disk") }
    }

    /// Flushes many new files to disk at once, before they are renamed into place: one `syncfs` of their file
    /// system on Linux (thousands of `fsync`s, one per e-mail of a mailbox, cost minutes on a real disk), one
    /// `fsync` per file elsewhere.
    package static func fsyncFiles(_ paths: [String]) throws {
        guard let first = paths.first else { return }
        #if os(Linux)
        let fd = try openForReading(first)
        defer { close(fd) }
        guard retrying({ linuxSyncfs(fd) }) == 0 else { throw error(first, "flush to disk") }
        #else
        for path in paths { try fsyncFile(path) }
        #endif
    }

    /// Makes renames and new files in many folders durable at once, after they were made: one `syncfs` of their
    /// file system on Linux (which commits the file system's journal, renames included), one `fsync` per folder
    /// elsewhere.
    package static func fsyncDirectories(_ directories: [String]) throws {
        #if os(Linux)
        try fsyncFiles(Array(directories.prefix(1)))
        #else
        for directory in directories { try fsyncDirectory(directory) }
        #endif
    }

    /// Takes an exclusive `flock` on the file at `path` (created if missing) and returns its descriptor; closing
    /// it releases the lock, and so does the death of the process, however it dies. When another process holds
    /// the lock, `onWait` is called once and the call blocks until it is released.
    package static func lockExclusively(_ path: String, onWait: () -> Void) throws -> Int32 {
        let fd = retrying { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw error(path, "open the lock file") }
        if retrying({ flock(fd, LOCK_EX | LOCK_NB) }) == 0 { return fd }
        guard errno == EWOULDBLOCK else {
            let failure = error(path, "lock")
            close(fd)
            throw failure
        }
        onWait()
        guard retrying({ flock(fd, LOCK_EX) }) == 0 else {
            let failure = error(path, "lock")
            close(fd)
            throw failure
        }
        return fd
    }

    /// The exclusive `flock` on `path` if no one holds it now, else `nil` (also when the file cannot be opened,
    /// such as in a case folder on read-only media).
    package static func lockExclusivelyIfFree(_ path: String) -> Int32? {
        let fd = retrying { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { return nil }
        if retrying({ flock(fd, LOCK_EX | LOCK_NB) }) == 0 { return fd }
        close(fd)
        return nil
    }

    /// Makes a write past the file-size limit (`ulimit -f`, `RLIMIT_FSIZE`) fail with `EFBIG`, which is
    /// reported and cleaned up like a full disk, instead of killing the process with `SIGXFSZ` in mid-write.
    package static func reportFileSizeLimitAsError() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// Why writing `size` bytes to the file at `path` failed, for writers (ZIPFoundation) that lose `errno`:
    /// the file-size limit (`EFBIG`) or a full file system (`ENOSPC`), else `nil`. Asked while the partial file
    /// still exists, so the space it took still counts.
    package static func likelyWriteFailure(at path: String, size: Int64) -> IOError? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
        let resource = RLIMIT_FSIZE
        #endif
        if getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(Int64.max), UInt64(max(size, 0)) >= UInt64(limit.rlim_cur) {
            return error(path, "write", errno: EFBIG)
        }
        var info = statvfs()
        let directory = (path as NSString).deletingLastPathComponent
        if statvfs(directory.isEmpty ? "." : directory, &info) == 0,
           UInt64(info.f_bavail) * UInt64(info.f_frsize) < UInt64(chunkSize) {
            return error(path, "write", errno: ENOSPC)
        }
        return nil
    }

    /// True when `fd` is a terminal (a progress line is then redrawn in place rather than printed line by line).
    package static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Points standard output at `/dev/null` (`--quiet`): whatever a command would print goes nowhere, while its
    /// errors, on standard error, still show.
    package static func discardStandardOutput() throws {
        let null = retrying { open("/dev/null", O_WRONLY | O_CLOEXEC) }
        guard null >= 0 else { throw error("/dev/null", "open for writing") }
        defer { close(null) }
        guard dup2(null, 1) >= 0 else { throw error("standard output", "dup2", errno: errno) }
    }

    /// Makes a rename or a new file in `directory` durable.
    package static func fsyncDirectory(_ directory: String) throws {
        let fd = try openForReading(directory)
        defer { close(fd) }
        try fsync(fd, path: directory)
    }

    /// Flushes the file at `path` to disk.
    package static func fsyncFile(_ path: String) throws {
        let fd = try openForReading(path)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    /// Renames atomically within one file system.
    package static func rename(_ from: String, to: String) throws {
        #if canImport(Glibc)
        let result = Glibc.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        guard result == 0 else { throw error(to, "rename \(from) into place") }
    }

    /// Renames atomically within one file system unless something (file, folder, symlink, dangling or not) is at
    /// `to` already: then nothing moves and the result is false. The rename itself refuses (`renameat2` with
    /// `RENAME_NOREPLACE`), so adding a file costs one system call, not a look (`lstat`) and then the rename; where
    /// the kernel, the file system or the C library cannot refuse, it looks first, as before.
    ///
    /// - Returns: true when `from` now has the name `to`; false when `to` was taken (and `from` is untouched).
    /// - Throws: ``IOError`` when the rename fails for any other reason (`to`'s folder missing, no permission).
    package static func renameRefusingExisting(_ from: String, to: String) throws -> Bool {
        #if canImport(Glibc)
        if let renameat2 = renameat2Function {
            if renameat2(AT_FDCWD, from, AT_FDCWD, to, renameNoReplace) == 0 { return true }
            let code = errno
            if code == EEXIST { return false }
            // `ENOSYS`: a kernel before 3.15; `EINVAL`: a file system that cannot refuse (and the look below says
            // why else the rename was invalid).
            guard code == ENOSYS || code == EINVAL else { throw error(to, "rename \(from) into place", errno: code) }
        }
        #endif
        if exists(to) { return false }
        try rename(from, to: to)
        return true
    }

    #if canImport(Glibc)
    /// `renameat2`'s C type. Glibc declares it only for `_GNU_SOURCE`, which Swift's `Glibc` module is not built
    /// with, so it is looked up by name, once (`nil` before glibc 2.28).
    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?,
                                                  UInt32) -> Int32
    private static let renameat2Function: Renameat2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: Renameat2.self) }
    /// `RENAME_NOREPLACE` from `<linux/fs.h>`, not imported either.
    private static let renameNoReplace: UInt32 = 1
    #endif

    /// Whether anything (file, folder, symlink) is at `path`; a dangling symlink counts.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Creates the folder `path` (its parent must exist); a folder already there is fine.
    package static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws {
        guard mkdir(path, mode) == 0 || errno == EEXIST else { throw error(path, "create folder") }
    }

    /// Removes a file, ignoring a file that is already gone.
    package static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// A fresh hidden name beside `path` to write it under until it is whole: `.NAME.UUID.partial`. Nothing under
    /// that name is ever evidence, so a later write of the same file removes what a killed one left
    /// (``removePartials(of:)``).
    package static func partialPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(UUID().uuidString).partial")
    }

    /// Removes the hidden partial copies of `path` that a killed process left (``partialPath(for:)``).
    package static func removePartials(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = ".\((path as NSString).lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            unlink((directory as NSString).appendingPathComponent(name))
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary sibling is written, flushed, then renamed over `path`.
    package static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = partialPath(for: path)
        let fd = try createExclusive(temporary, mode: mode)
        do {
            try writeAll(fd, bytes, path: temporary)
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

    /// What `lstat` says of a path, without following a final symlink.
    package struct Status: Sendable {
        package var isRegularFile: Bool
        package var isDirectory: Bool
        package var isSymbolicLink: Bool
        package var size: Int64
        /// The modification time, as seconds and nanoseconds since 1970.
        package var modified: (seconds: Int64, nanoseconds: Int32)

        init(_ info: stat) {
            let type = info.st_mode & S_IFMT
            isRegularFile = type == S_IFREG
            isDirectory = type == S_IFDIR
            isSymbolicLink = type == S_IFLNK
            size = Int64(info.st_size)
            #if canImport(Glibc)
            modified = (Int64(info.st_mtim.tv_sec), Int32(info.st_mtim.tv_nsec))
            #else
            modified = (Int64(info.st_mtimespec.tv_sec), Int32(info.st_mtimespec.tv_nsec))
            #endif
        }
    }

    /// File status without following a final symlink.
    package static func linkStatus(_ path: String) throws -> Status {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw error(path, "read file status") }
        return Status(info)
    }

    /// File status, following symlinks.
    package static func status(_ path: String) throws -> Status {
        var info = stat()
        guard stat(path, &info) == 0 else { throw error(path, "read file status") }
        return Status(info)
    }

    /// The status of an open file.
    package static func status(ofDescriptor fd: Int32, path: String) throws -> Status {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw error(path, "read file status") }
        return Status(info)
    }

    /// One entry of a folder: its name as `readdir` gives it and what `lstat` says of it.
    package struct DirectoryEntry: Sendable {
        package var name: String
        package var status: Result<Status, IOError>
    }

    /// The entries of the folder at `path` (`.` and `..` left out), in the order the file system keeps them, each
    /// with its status read relative to the open folder (`fstatat`, never following a final symlink): one pass
    /// for a folder of thousands of screenshots, where a path and a `URL` per entry cost more than the listing.
    /// A symlink put in place of the folder is refused (`O_NOFOLLOW`): the caller saw a folder there.
    package static func directoryEntries(_ path: String) throws -> [DirectoryEntry] {
        let fd = retrying { open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard fd >= 0 else { throw error(path, "list folder") }
        guard let directory = fdopendir(fd) else {
            let failure = error(path, "list folder")
            close(fd)
            throw failure
        }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw error(path, "list folder") }
                return entries
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            let status: Result<Status, IOError> = fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0
                ? .success(Status(info))
                : .failure(error(path.hasSuffix("/") ? path + name : path + "/" + name, "read file status"))
            entries.append(DirectoryEntry(name: name, status: status))
        }
    }

    /// Copies `source` to a new file at `destination` (created read-only) in one read, showing every chunk to
    /// `observe` (a hasher) on the way, then flushes the copy to disk unless `flushing` is false (the caller
    /// flushes many copies at once with ``fsyncFiles(_:)``). The source is opened read-only and never written.
    /// Returns the number of bytes copied.
    package static func copy(from source: String, to destination: String, flushing: Bool = true,
                             observing observe: (UnsafeRawBufferPointer) -> Void) throws -> UInt64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        return try copy(from: source, to: destination, flushing: flushing, through: buffer, observing: observe).size
    }

    /// ``copy(from:to:flushing:observing:)`` through `buffer`, which holds the last chunk read afterwards (from its
    /// start, `lastChunk` bytes: the whole file when that is its size).
    fileprivate static func copy(from source: String, to destination: String, flushing: Bool,
                                 through buffer: UnsafeMutableRawBufferPointer,
                                 observing observe: (UnsafeRawBufferPointer) -> Void) throws
        -> (size: UInt64, lastChunk: Int)
    {
        let input = try openForReading(source)
        defer { close(input) }
        let output = try createExclusive(destination, mode: 0o444)
        var closed = false
        defer { if !closed { close(output) } }
        var size: UInt64 = 0
        var endsWithHole = false
        var lastChunk = 0
        while true {
            let count = try read(input, into: buffer, path: source)
            if count == 0 { break }
            lastChunk = count
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            observe(chunk)
            // Zeros become a hole: a sparse 5 GiB recording is not inflated to 5 GiB of disk in the case.
            endsWithHole = isHole(chunk)
            if !endsWithHole { try write(output, chunk, at: size, path: destination) }
            size += UInt64(count)
        }
        // Only a hole at the end leaves the file short of its size (one system call less per small file).
        if endsWithHole { try setSize(output, size, path: destination) }
        if flushing { try fsync(output, path: destination) }
        close(output)
        closed = true
        return (size, lastChunk)
    }

    /// Streams a file through `body` in chunks of up to `chunkSize` bytes, all read into one buffer (no copy per
    /// chunk: what seal re-hashes and writes into the zip); returns the number of bytes read.
    @discardableResult
    package static func forEachBufferedChunk(of path: String, chunkSize: Int = chunkSize,
                                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt64 {
        let fd = try openForReading(path)
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        var total: UInt64 = 0
        while true {
            // Fill the buffer (a short read is not the end), so every chunk but the last is whole.
            var filled = 0
            while filled < chunkSize {
                let count = try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), path: path)
                if count == 0 { break }
                filled += count
            }
            if filled == 0 { return total }
            total += UInt64(filled)
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            if filled < chunkSize { return total }
        }
    }

    /// Writes every byte of `buffer` at `offset` (`pwrite`), except that an all-zero buffer is not written at all:
    /// the file keeps a hole there, which reads back as the same zeros (a sparse original stays sparse).
    /// The caller writes something after the last hole, or sets the size with ``setSize(_:_:path:)``.
    package static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: UInt64, path: String) throws {
        guard let base = buffer.baseAddress, !isHole(buffer) else { return }
        var done = 0
        while done < buffer.count {
            let count = retrying { pwrite(fd, base + done, buffer.count - done, off_t(offset) + off_t(done)) }
            guard count > 0 else { throw error(path, "write", errno: count == 0 ? EIO : errno) }
            done += count
        }
    }

    /// True when `write` leaves a hole for `buffer` rather than writing it: it is empty or all zeros.
    package static func isHole(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return true }
        return base.load(as: UInt8.self) == 0 && memcmp(base, base + 1, buffer.count - 1) == 0
    }

    /// Writes every byte at `offset` (`pwrite`).
    package static func write(_ fd: Int32, _ bytes: [UInt8], at offset: UInt64, path: String) throws {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                retrying { pwrite(fd, buffer.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done)) }
            }
            guard count > 0 else { throw error(path, "write", errno: count == 0 ? EIO : errno) }
            done += count
        }
    }

    /// Sets a file's size (`ftruncate`): the end of a file whose last bytes were zeros left as a hole.
    package static func setSize(_ fd: Int32, _ size: UInt64, path: String) throws {
        let result = retrying { ftruncate(fd, off_t(size)) }
        guard result == 0 else { throw error(path, "set the size of") }
    }

    /// Streams a file through `body` in chunks of up to ``chunkSize`` bytes; returns the number of bytes read.
    @discardableResult
    package static func forEachChunk(of path: String, followSymlinks: Bool = true,
                                     _ body: ([UInt8]) throws -> Void) throws -> UInt64 {
        let fd = try openForReading(path, followSymlinks: followSymlinks)
        defer { close(fd) }
        var total: UInt64 = 0
        while true {
            let chunk = try readUpTo(fd, limit: chunkSize, at: nil, path: path)
            if chunk.isEmpty { return total }
            total += UInt64(chunk.count)
            try body(chunk)
            // A short chunk is the end of the file (readUpTo reads until the limit or the end): no second read,
            // which for a small file would cost as much as the first.
            if chunk.count < chunkSize { return total }
        }
    }

    /// Reads at most `limit` bytes from the start of a file (for probing formats).
    package static func readPrefix(of path: String, limit: Int) throws -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        return try readUpTo(fd, limit: limit, at: nil, path: path)
    }

    /// Reads up to `limit` bytes from `fd`, at `offset` with `pread` when given, else from the current position.
    package static func readUpTo(_ fd: Int32, limit: Int, at offset: UInt64?, path: String) throws -> [UInt8] {
        // Uninitialised: zero-filling a 1 MiB buffer for a 100 KiB file cost more than hashing the file.
        try [UInt8](unsafeUninitializedCapacity: limit) { raw, initialized in
            var total = 0
            while total < limit {
                let target = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(raw)[total...])
                let count: Int
                if let offset {
                    count = retrying { pread(fd, target.baseAddress, target.count, off_t(offset) + off_t(total)) }
                    guard count >= 0 else { throw error(path, "read") }
                } else {
                    count = try read(fd, into: target, path: path)
                }
                if count == 0 { break }
                total += count
            }
            initialized = total
        }
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }
}

/// Copies files into the case through one buffer, reused from file to file (one per worker): a file no larger
/// than the buffer is then still in it, whole, once copied, so it is inspected there instead of being read back
/// from its copy, and no buffer is allocated, faulted in and freed per file.
package final class FileCopier {
    private let buffer: UnsafeMutableRawBufferPointer
    /// The size of the last file copied when the buffer holds all of it.
    private var wholeFileCount: Int?

    /// A copier whose buffer takes `capacity` bytes at a time.
    package init(capacity: Int = FileSystem.chunkSize) {
        buffer = .allocate(byteCount: max(capacity, 1), alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Copies as ``FileSystem/copy(from:to:flushing:observing:)`` does.
    package func copy(from source: String, to destination: String, flushing: Bool = true,
                      observing observe: (UnsafeRawBufferPointer) -> Void) throws -> UInt64 {
        wholeFileCount = nil
        let (size, lastChunk) = try FileSystem.copy(from: source, to: destination, flushing: flushing,
                                                    through: buffer, observing: observe)
        // Read in one go (a short read from a slow file system may have split it).
        if size == UInt64(lastChunk) { wholeFileCount = lastChunk }
        return size
    }

    /// Calls `body` with the bytes of the file just copied when the buffer holds them all (`nil` otherwise); they
    /// are valid only inside `body`.
    package func withCopiedFile<Result>(_ body: (FileCopier.CopiedBytes?) throws -> Result) rethrows -> Result {
        try body(wholeFileCount.map { CopiedBytes(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<$0])) })
    }

    /// The bytes of the file just copied, read as a parser reads a file.
    package struct CopiedBytes: ByteSource {
        fileprivate let bytes: UnsafeRawBufferPointer

        package var count: UInt64 { UInt64(bytes.count) }

        package func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
            guard maxCount > 0, offset < UInt64(bytes.count) else { return [] }
            let start = Int(offset)
            return Array(bytes[start..<(start + min(maxCount, bytes.count - start))])
        }
    }
}

/// Consecutive bytes of a file being written, gathered in memory so that they reach it in one `pwrite`: small
/// files read whole straight into the buffer, bytes made in memory, fixed up once known (a zip's local header,
/// whose CRC-32 comes after the file's bytes).
///
/// For many small files, a `pwrite` each (and its turn on the file's lock, which writers on several cores share)
/// cost more than copying their bytes; one write per few MiB does not. One buffer per writer, reused.
package final class GatheredWrite {
    private var buffer: UnsafeMutableRawBufferPointer
    /// Bytes gathered so far.
    package private(set) var count = 0

    /// A buffer for up to `capacity` bytes at a time (more are taken too, by growing it).
    package init(capacity: Int) {
        buffer = .allocate(byteCount: max(capacity, 1), alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Empties the buffer for the next run of bytes.
    package func removeAll() { count = 0 }

    /// Makes room for `more` bytes after what is gathered.
    private func reserve(_ more: Int) {
        guard count + more > buffer.count else { return }
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count + more, buffer.count * 2), alignment: 64)
        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        buffer.deallocate()
        buffer = larger
    }

    /// Appends `bytes`.
    package func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[count...]).copyMemory(from: $0) }
        count += bytes.count
    }

    /// Replaces the bytes at `position` (gathered earlier) with `bytes`.
    package func replace(at position: Int, with bytes: [UInt8]) {
        precondition(position >= 0 && position + bytes.count <= count, "inside what was gathered")
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[position...]).copyMemory(from: $0) }
    }

    /// Appends the file at `path` whole, reading at most `limit` bytes of it, and hands them to `body` (to hash);
    /// returns how many there were. A file longer than `limit` gives `limit + 1`: one more byte is read to tell, and
    /// is not kept.
    package func appendFile(_ path: String, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let fd = try FileSystem.openForReading(path)
        defer { FileSystem.close(fd) }
        reserve(limit + 1)
        var filled = 0
        while filled <= limit {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[(count + filled)..<(count + limit + 1)])
            let read = try FileSystem.read(fd, into: target, path: path)
            if read == 0 { break }
            filled += read
        }
        let kept = min(filled, limit)
        try body(UnsafeRawBufferPointer(rebasing: buffer[count..<(count + kept)]))
        count += kept
        return filled
    }

    /// Writes what is gathered at `offset` in `fd` (one `pwrite`, retried until complete).
    package func write(to fd: Int32, at offset: UInt64, path: String) throws {
        var done = 0
        while done < count {
            let written = pwrite(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            if written == -1 && errno == EINTR { continue }
            guard written > 0 else { throw FileSystem.error(path, "write", errno: written == 0 ? EIO : errno) }
            done += written
        }
    }
}

#if os(Linux)
/// glibc's `syncfs(2)`, which its module map hides behind `_GNU_SOURCE`.
@_silgen_name("syncfs")
private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
