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
    private let context: OpaquePointer
    private var isFinalized = false

    /// Starts a new MD5 computation.
    ///
    /// Traps only if OpenSSL cannot allocate a context or offers no MD5, which leaves nothing sensible to do.
    public init() {
        guard let context = EVP_MD_CTX_new() else {
            preconditionFailure("OpenSSL could not allocate a digest context: \(OpenSSLErrorQueue.drain())")
        }
        guard EVP_DigestInit_ex(context, EVP_md5(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            preconditionFailure("OpenSSL could not start MD5: \(OpenSSLErrorQueue.drain())")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds bytes to the computation.
    ///
    /// - Parameter buffer: The next bytes of the stream; may be empty.
    public func update(_ buffer: UnsafeRawBufferPointer) {
        precondition(!isFinalized, "MD5Hasher.update called after finalize()")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard EVP_DigestUpdate(context, base, buffer.count) == 1 else {
            preconditionFailure("OpenSSL MD5 update failed: \(OpenSSLErrorQueue.drain())")
        }
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
        precondition(!isFinalized, "MD5Hasher.finalize called twice")
        isFinalized = true
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1, length == 16 else {
            preconditionFailure("OpenSSL MD5 finalisation failed: \(OpenSSLErrorQueue.drain())")
        }
        return Hex.encode(Array(output.prefix(16)))
    }
}
