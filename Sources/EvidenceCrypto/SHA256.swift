internal import COpenSSL
public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming SHA-256 computation over OpenSSL's EVP interface.
///
/// Feed bytes with `update` as they arrive (for example while copying a file) and call `finalize()`
/// once. The hasher owns its OpenSSL context and frees it when released. It is not thread-safe: use
/// one hasher per stream.
///
/// For example:
///
/// ```swift
/// let hasher = SHA256Hasher()
/// hasher.update(firstChunk)
/// hasher.update(secondChunk)
/// let digest = hasher.finalize()
/// ```
public final class SHA256Hasher {
    private let digest = EVPDigestContext(EVP_sha256(), name: "SHA-256", length: SHA256Digest.byteCount)

    /// Starts a new SHA-256 computation.
    public init() {}

    /// Adds bytes to the computation.
    ///
    /// - Parameter buffer: The next bytes of the stream; may be empty.
    public func update(_ buffer: UnsafeRawBufferPointer) {
        digest.update(buffer)
    }

    /// Adds bytes to the computation.
    ///
    /// - Parameter bytes: The next bytes of the stream; may be empty.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds bytes to the computation.
    ///
    /// - Parameter data: The next bytes of the stream; may be empty.
    public func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Forgets every byte passed so far and starts a new computation in the same OpenSSL context: one hasher
    /// serves a worker that hashes file after file, without a new context (and algorithm lookup) for each.
    package func restart() {
        digest.restart()
    }

    /// Ends the computation and returns the digest. The hasher cannot be used afterwards (until ``restart()``).
    ///
    /// - Returns: The SHA-256 digest of every byte passed to `update`.
    public func finalize() -> SHA256Digest {
        guard let result = SHA256Digest(bytes: digest.finalize()) else {
            preconditionFailure("SHA-256 produced a digest of the wrong length")
        }
        return result
    }
}

/// One-shot and file SHA-256 hashing.
///
/// For example:
///
/// ```swift
/// let (digest, size) = try SHA256.hash(fileAt: "/cases/photo.jpg")
/// ```
public enum SHA256 {
    /// Hashes bytes held in memory.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: Its SHA-256 digest.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Hashes bytes held in memory.
    ///
    /// - Parameter data: The message.
    /// - Returns: Its SHA-256 digest.
    public static func hash(_ data: Data) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Streams a file in fixed-size chunks (default 1 MiB) with bounded memory; returns digest and byte count.
    ///
    /// Memory use is one buffer of `chunkSize` bytes whatever the file size. The file is only read.
    ///
    /// - Parameters:
    ///   - path: The file to hash.
    ///   - chunkSize: Bytes read per system call; must be positive.
    /// - Returns: The digest and the number of bytes hashed.
    /// - Throws: `CryptoError` with code `.io` when the file cannot be opened or read.
    public static func hash(
        fileAt path: String, chunkSize: Int = 1 << 20
    ) throws -> (digest: SHA256Digest, size: UInt64) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        let descriptor = try FileDescriptor.open(path, flags: O_RDONLY | O_CLOEXEC)
        defer { _ = close(descriptor) }

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }

        let hasher = SHA256Hasher()
        var size: UInt64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileDescriptor.error("Could not read", path)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size &+= UInt64(count)
        }
        return (hasher.finalize(), size)
    }
}

/// System calls used by this target, wrapped once: retry on `EINTR`, `errno` turned into `CryptoError`.
enum FileDescriptor {
    static func open(_ path: String, flags: Int32, mode: mode_t = 0) throws -> Int32 {
        while true {
            #if canImport(Glibc)
            let descriptor = Glibc.open(path, flags, mode)
            #else
            let descriptor = Darwin.open(path, flags, mode)
            #endif
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw error("Could not open", path)
        }
    }

    /// An `.io` error naming the file and the system's explanation of the current `errno`.
    static func error(_ action: String, _ path: String) -> CryptoError {
        let code = errno
        let explanation = String(cString: strerror(code))
        return CryptoError(code: .io, reason: "\(action) “\(path)”: \(explanation) (errno \(code)).")
    }
}
