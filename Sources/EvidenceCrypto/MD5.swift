internal import COpenSSL

/// A streaming MD5 computation over OpenSSL's EVP interface, for the hash lists that still ask for MD5 (video
/// takedown lists, StopNCII's video hashes). Never used to check integrity: that is SHA-256's job.
///
/// For example:
///
/// ```swift
/// let hasher = MD5Hasher()
/// _ = try FileSystem.forEachChunk(of: path) { hasher.update($0) }
/// let hex = hasher.finalize()   // 32 lowercase hex digits
/// ```
public final class MD5Hasher {
    private let digest = EVPDigestContext(EVP_md5(), name: "MD5", length: 16)

    /// Starts a new MD5 computation.
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

    /// Ends the computation. The hasher cannot be used afterwards.
    ///
    /// - Returns: The digest as 32 lowercase hex digits.
    public func finalize() -> String {
        Hex.encode(digest.finalize())
    }
}
