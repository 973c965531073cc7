internal import COpenSSL

/// One OpenSSL EVP digest computation, its context owned and freed here: the one piece behind ``SHA256Hasher``
/// and ``MD5Hasher``. Not thread-safe: one per stream.
final class EVPDigestContext {
    private let context: OpaquePointer
    private let name: String
    private let length: Int
    private var isFinalized = false

    /// Starts a computation of `algorithm` (an `EVP_MD`), whose digests are `length` bytes.
    ///
    /// Traps only if OpenSSL cannot allocate a context or lacks the algorithm, which leaves nothing sensible to do.
    init(_ algorithm: OpaquePointer?, name: String, length: Int) {
        guard let context = EVP_MD_CTX_new() else {
            preconditionFailure("OpenSSL could not allocate a digest context: \(OpenSSLErrorQueue.drain())")
        }
        guard EVP_DigestInit_ex(context, algorithm, nil) == 1 else {
            EVP_MD_CTX_free(context)
            preconditionFailure("OpenSSL could not start \(name): \(OpenSSLErrorQueue.drain())")
        }
        self.context = context
        self.name = name
        self.length = length
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds the next bytes of the stream; may be empty.
    func update(_ buffer: UnsafeRawBufferPointer) {
        precondition(!isFinalized, "\(name) update after the digest was finalised")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard EVP_DigestUpdate(context, base, buffer.count) == 1 else {
            preconditionFailure("OpenSSL \(name) update failed: \(OpenSSLErrorQueue.drain())")
        }
    }

    /// Starts a new computation of the same algorithm in the same context, whatever came before. Cheaper than a
    /// new context: OpenSSL 3 looks the algorithm up in its provider store (locks, a property query) at every
    /// initialisation from `EVP_sha256()`, and not when the context already holds the algorithm it fetched.
    func restart() {
        guard EVP_DigestInit_ex(context, nil, nil) == 1 else {
            preconditionFailure("OpenSSL could not restart \(name): \(OpenSSLErrorQueue.drain())")
        }
        isFinalized = false
    }

    /// Ends the computation; the context cannot be used afterwards (until ``restart()``).
    func finalize() -> [UInt8] {
        precondition(!isFinalized, "\(name) finalised twice")
        isFinalized = true
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var written: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &written) == 1, Int(written) == length else {
            preconditionFailure("OpenSSL \(name) finalisation failed: \(OpenSSLErrorQueue.drain())")
        }
        return Array(output.prefix(length))
    }
}
