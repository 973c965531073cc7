internal import COpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An Ed25519 signing key (RFC 8032), held by OpenSSL.
///
/// Signatures are deterministic: the same key and message always give the same 64 bytes, identical to
/// `openssl pkeyutl -sign -rawin`.
///
/// For example:
///
/// ```swift
/// let key = try Ed25519PrivateKey.generate()
/// try key.writePEM(toNewFileAt: "/cases/signer.key.pem")
/// let signature = try key.signature(for: manifestBytes)
/// ```
public struct Ed25519PrivateKey: Sendable {
    let box: PKeyBox

    private init(box: PKeyBox) {
        self.box = box
    }

    /// Creates a new random key from OpenSSL's CSPRNG.
    ///
    /// - Returns: A fresh key.
    /// - Throws: `CryptoError` with code `.openSSL` if key generation fails.
    public static func generate() throws -> Ed25519PrivateKey {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not set up Ed25519 key generation.")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not start Ed25519 key generation.")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not generate an Ed25519 key.")
        }
        return Ed25519PrivateKey(box: PKeyBox(key))
    }

    /// Builds a key from its 32-byte RFC 8032 seed (the "SECRET KEY" of the RFC's test vectors).
    ///
    /// The caller owns `seed` and should wipe it when done.
    ///
    /// - Parameter seed: Exactly 32 bytes.
    /// - Throws: `CryptoError` with code `.invalidKey` for any other length or if OpenSSL refuses it.
    public init(rawRepresentation seed: [UInt8]) throws {
        guard seed.count == 32 else {
            throw CryptoError(code: .invalidKey, reason: "An Ed25519 private key seed is 32 bytes, not \(seed.count).")
        }
        OpenSSLErrorQueue.clear()
        let key = seed.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
        }
        guard let key else {
            throw CryptoError.drainingOpenSSL(.invalidKey, "OpenSSL refused the Ed25519 private key seed.")
        }
        self.box = PKeyBox(key)
    }

    /// Reads a PKCS#8 `PRIVATE KEY` PEM block, as written by `openssl genpkey -algorithm ed25519`, or an
    /// `ENCRYPTED PRIVATE KEY` block (PKCS#8 with PBES2, as ``writePEM(toNewFileAt:passphrase:)`` and
    /// `openssl pkcs8 -topk8 -v2 aes-256-cbc` write it) when `passphrase` is given.
    ///
    /// Never prompts on the terminal: the caller asks for the passphrase (see ``Passphrase``).
    ///
    /// - Parameters:
    ///   - pemRepresentation: The PEM text.
    ///   - passphrase: The passphrase of an encrypted key, as UTF-8 bytes; the caller wipes it when done.
    /// - Throws: `CryptoError` with code `.invalidPEM` when the text is not a private key PEM or is encrypted and no
    ///   passphrase is given, `.wrongPassphrase` when the passphrase does not decrypt it,
    ///   `.wrongKeyType` when it holds a key of another algorithm (RSA, EC, …).
    public init(pemRepresentation: String, passphrase: [UInt8]? = nil) throws {
        guard pemRepresentation.utf8.count <= PEMLimits.maximumLength else {
            throw CryptoError(code: .invalidPEM, reason: "The text is too long to be an Ed25519 private key PEM.")
        }
        let encrypted = pemRepresentation.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        if encrypted, passphrase == nil {
            throw CryptoError(code: .invalidPEM, reason: "The private key is protected by a passphrase; give it to open the key.")
        }
        if pemRepresentation.contains("-----BEGIN PUBLIC KEY-----")
            && !pemRepresentation.contains("PRIVATE KEY-----")
        {
            throw CryptoError(
                code: .invalidPEM,
                reason: "The text holds a public key; a private key (“PRIVATE KEY” PEM) is needed.")
        }
        var bytes = Array(pemRepresentation.utf8)
        defer { OpenSSL.cleanse(&bytes) }
        // OpenSSL reads the passphrase argument as a C string.
        var secret = (passphrase ?? []) + [0]
        defer { OpenSSL.cleanse(&secret) }
        OpenSSLErrorQueue.clear()
        let key = try OpenSSL.withMemoryBIO(copying: bytes) { bio in
            if encrypted {
                // No callback and a passphrase argument: OpenSSL uses the argument, never the terminal.
                return secret.withUnsafeMutableBytes { PEM_read_bio_PrivateKey(bio, nil, nil, $0.baseAddress) }
            }
            // A refusing callback: the default one would read a passphrase from the terminal.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else {
            if encrypted {
                throw CryptoError.drainingOpenSSL(.wrongPassphrase, "The passphrase does not open the private key.")
            }
            throw CryptoError.drainingOpenSSL(.invalidPEM, "The text is not a readable private key PEM block.")
        }
        let box = PKeyBox(key)
        guard box.typeIdentifier == EVP_PKEY_ED25519 else {
            throw CryptoError(
                code: .wrongKeyType, reason: "The private key is \(box.typeName), not Ed25519.")
        }
        self.box = box
    }

    /// The key as a PKCS#8 `PRIVATE KEY` PEM block.
    ///
    /// Swift strings cannot be wiped: prefer `writePEM(toNewFileAt:)`, which never copies the key into Swift memory.
    /// Traps only if OpenSSL cannot allocate memory.
    public var pemRepresentation: String {
        do {
            var bytes = try OpenSSL.withMemoryBIO { bio in
                try writePKCS8(to: bio)
                return try OpenSSL.contents(of: bio)
            }
            defer { OpenSSL.cleanse(&bytes) }
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            preconditionFailure("Encoding an Ed25519 private key failed: \(error)")
        }
    }

    /// Writes the PKCS#8 PEM to a new file created with mode 0600 (`open(O_CREAT|O_EXCL|O_WRONLY, 0o600)`),
    /// then `fsync` and `close`. Throws if the file exists.
    ///
    /// OpenSSL writes straight to the file descriptor, so the key never passes through a Swift buffer. If writing
    /// fails after the file was created, the partial file is removed.
    ///
    /// With a passphrase the block is an `ENCRYPTED PRIVATE KEY` (PKCS#8 PBES2: AES-256-CBC, its key derived by
    /// PBKDF2 with HMAC-SHA256), which `openssl pkey -passin` reads.
    ///
    /// - Parameters:
    ///   - path: Where to create the file; its parent folder must exist.
    ///   - passphrase: Encrypts the key when given (UTF-8 bytes, not empty); the caller wipes it when done.
    /// - Throws: `CryptoError` with code `.io` if the file exists or cannot be written.
    public func writePEM(toNewFileAt path: String, passphrase: [UInt8]? = nil) throws {
        let descriptor = try FileDescriptor.open(path, flags: O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode: 0o600)
        var isComplete = false
        defer {
            if !isComplete {
                _ = close(descriptor)
                _ = unlink(path)
            }
        }
        OpenSSLErrorQueue.clear()
        guard let bio = BIO_new_fd(descriptor, BIO_NOCLOSE) else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not open a writer for “\(path)”.")
        }
        defer { BIO_free(bio) }
        try writePKCS8(to: bio, passphrase: passphrase)
        guard evidencekit_bio_flush(bio) == 1 else {
            throw CryptoError.drainingOpenSSL(.io, "Could not write the private key to “\(path)”.")
        }
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw FileDescriptor.error("Could not flush the private key to disk at", path) }
        }
        // After close returns an error the descriptor is gone either way; report it, and the defer skips a
        // second close.
        isComplete = true
        if close(descriptor) != 0 {
            let error = FileDescriptor.error("Could not close", path)
            _ = unlink(path)
            throw error
        }
    }

    /// The matching public key.
    ///
    /// Traps only if OpenSSL fails to export the public half of a key it holds, which cannot happen for Ed25519.
    public var publicKey: Ed25519PublicKey {
        do {
            return try Ed25519PublicKey(rawRepresentation: box.rawPublicKey())
        } catch {
            preconditionFailure("Exporting an Ed25519 public key failed: \(error)")
        }
    }

    /// Signs a message (pure Ed25519, no pre-hashing), as `openssl pkeyutl -sign -rawin` does.
    ///
    /// - Parameter message: The exact bytes to sign, for example a manifest file's bytes.
    /// - Returns: The 64-byte signature.
    /// - Throws: `CryptoError` with code `.openSSL` if OpenSSL fails.
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        OpenSSLErrorQueue.clear()
        return try OpenSSL.withDigestContext { context in
            // Ed25519 hashes internally: the digest must be NULL, and it cannot sign a stream.
            guard EVP_DigestSignInit(context, nil, nil, nil, box.pointer) == 1 else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not start an Ed25519 signature.")
            }
            var signature = [UInt8](repeating: 0, count: 64)
            var length = signature.count
            let status = OpenSSL.withNonNullPointer(to: message) { pointer, count in
                EVP_DigestSign(context, &signature, &length, pointer, count)
            }
            guard status == 1, length == 64 else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not compute the Ed25519 signature.")
            }
            return signature
        }
    }

    private func writePKCS8(to bio: OpaquePointer, passphrase: [UInt8]? = nil) throws {
        guard var secret = passphrase else {
            guard PEM_write_bio_PKCS8PrivateKey(bio, box.pointer, nil, nil, 0, nil, nil) == 1 else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not encode the private key as PKCS#8 PEM.")
            }
            return
        }
        defer { OpenSSL.cleanse(&secret) }
        guard !secret.isEmpty, secret.count < Int(Int32.max) else {
            throw CryptoError(code: .invalidKey, reason: "A passphrase cannot be empty.")
        }
        let status = secret.withUnsafeMutableBytes { buffer in
            PEM_write_bio_PKCS8PrivateKey(bio, box.pointer, EVP_aes_256_cbc(),
                                          buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                                          Int32(buffer.count), nil, nil)
        }
        guard status == 1 else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not encrypt the private key as PKCS#8 PEM.")
        }
    }
}

/// Bounds on PEM text we accept: an Ed25519 key PEM is about 120 bytes; anything huge is not one.
enum PEMLimits {
    static let maximumLength = 64 * 1024
}
