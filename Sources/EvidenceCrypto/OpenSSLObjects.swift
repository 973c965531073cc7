internal import COpenSSL

/// Owns one `EVP_PKEY` and frees it when the last reference goes.
///
/// `@unchecked Sendable` because the key is never mutated after creation: every operation on it creates its
/// own `EVP_MD_CTX`, and OpenSSL 3 documents `EVP_PKEY` as safe to share between threads for such read-only
/// use (its reference count is atomic).
final class PKeyBox: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// OpenSSL's numeric key type (`EVP_PKEY_ED25519`, `EVP_PKEY_RSA`, …).
    var typeIdentifier: Int32 { EVP_PKEY_get_id(pointer) }

    /// A readable name for key types someone might hand us by mistake.
    var typeName: String {
        switch typeIdentifier {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: "RSA"
        case EVP_PKEY_EC: "EC (ECDSA)"
        case EVP_PKEY_ED448: "Ed448"
        case EVP_PKEY_X25519: "X25519"
        case EVP_PKEY_DSA: "DSA"
        default: "type \(typeIdentifier)"
        }
    }

    /// The 32-byte Ed25519 public key.
    func rawPublicKey() throws -> [UInt8] {
        var length = 32
        var bytes = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &length) == 1, length == 32 else {
            throw CryptoError.drainingOpenSSL(.invalidKey, "OpenSSL could not export the Ed25519 public key.")
        }
        return bytes
    }
}

/// Scoped OpenSSL objects: created, used inside the closure, freed on every path.
enum OpenSSL {
    /// Runs `body` with a fresh digest context.
    static func withDigestContext<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not allocate a signing context.")
        }
        defer { EVP_MD_CTX_free(context) }
        return try body(context)
    }

    /// Runs `body` with an empty growable memory BIO.
    static func withMemoryBIO<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not allocate a memory buffer.")
        }
        // A memory BIO frees its buffer with OPENSSL_clear_free, so key material written into it is wiped.
        defer { BIO_free(bio) }
        return try body(bio)
    }

    /// Runs `body` with a memory BIO holding a copy of `bytes`.
    ///
    /// The bytes are copied with `BIO_write`: `BIO_new_mem_buf` would alias Swift's array storage.
    static func withMemoryBIO<Result>(copying bytes: [UInt8], _ body: (OpaquePointer) throws -> Result) throws
        -> Result
    {
        try withMemoryBIO { bio in
            if !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
                guard written == Int32(bytes.count) else {
                    throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not buffer the input.")
                }
            }
            return try body(bio)
        }
    }

    /// Copies everything in a memory BIO out as bytes. The caller wipes them when they are secret.
    static func contents(of bio: OpaquePointer) throws -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let length = evidencekit_bio_get_mem_data(bio, &data)
        guard length >= 0 else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not read its memory buffer.")
        }
        guard let data, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Overwrites a buffer that held secret bytes, in a way the optimiser cannot remove.
    static func cleanse(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
        }
    }

    /// Calls `body` with a pointer to `bytes`, or to a one-byte dummy when empty, since some OpenSSL
    /// calls treat a NULL pointer differently from an empty message.
    static func withNonNullPointer<Result>(
        to bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> Result
    ) rethrows -> Result {
        if bytes.isEmpty {
            let dummy: UInt8 = 0
            return try withUnsafePointer(to: dummy) { try body($0, 0) }
        }
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
    }
}
