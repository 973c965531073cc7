internal import COpenSSL

/// An Ed25519 verifying key (RFC 8032).
///
/// Stored as its 32 raw bytes, so it compares, hashes and crosses threads like a value; OpenSSL objects are
/// made only for the duration of a call.
///
/// For example:
///
/// ```swift
/// let key = try Ed25519PublicKey(pemRepresentation: signerPEM)
/// if key.isValidSignature(signature, for: manifestBytes) { … }
/// print(key.fingerprint.grouped)
/// ```
public struct Ed25519PublicKey: Hashable, Sendable {
    /// The 32-byte public key, as RFC 8032 encodes it.
    public let rawRepresentation: [UInt8]

    /// Wraps a raw 32-byte public key.
    ///
    /// - Parameter rawRepresentation: Exactly 32 bytes.
    /// Small-order keys are refused: OpenSSL accepts forged signatures under them for any message.
    ///
    /// - Parameter rawRepresentation: Exactly 32 bytes.
    /// - Throws: `CryptoError` with code `.invalidKey` for any other length, for a small-order key, or if OpenSSL
    ///   refuses the bytes.
    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 32 else {
            throw CryptoError(
                code: .invalidKey, reason: "An Ed25519 public key is 32 bytes, not \(rawRepresentation.count).")
        }
        guard !SmallOrderPoints.encodings.contains(rawRepresentation) else {
            throw CryptoError(
                code: .invalidKey,
                reason: "This Ed25519 public key is a small-order point: signatures under it can be forged for any "
                    + "message, so it cannot identify a signer.")
        }
        OpenSSLErrorQueue.clear()
        _ = try Self.makeKey(rawRepresentation)
        self.rawRepresentation = rawRepresentation
    }

    /// Reads a SubjectPublicKeyInfo `PUBLIC KEY` PEM block, as written by `openssl pkey -pubout`.
    ///
    /// - Parameter pemRepresentation: The PEM text.
    /// - Throws: `CryptoError` with code `.invalidPEM` when the text is not a public key PEM, `.wrongKeyType`
    ///   when it holds a key of another algorithm.
    public init(pemRepresentation: String) throws {
        guard pemRepresentation.utf8.count <= PEMLimits.maximumLength else {
            throw CryptoError(code: .invalidPEM, reason: "The text is too long to be an Ed25519 public key PEM.")
        }
        OpenSSLErrorQueue.clear()
        let key = try OpenSSL.withMemoryBIO(copying: Array(pemRepresentation.utf8)) { bio in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let key else {
            throw CryptoError.drainingOpenSSL(
                .invalidPEM, "The text is not a readable public key (“PUBLIC KEY”) PEM block.")
        }
        let box = PKeyBox(key)
        guard box.typeIdentifier == EVP_PKEY_ED25519 else {
            throw CryptoError(code: .wrongKeyType, reason: "The public key is \(box.typeName), not Ed25519.")
        }
        try self.init(rawRepresentation: box.rawPublicKey())
    }

    /// The key as a SubjectPublicKeyInfo `PUBLIC KEY` PEM block, byte for byte what `openssl pkey -pubout` writes.
    ///
    /// Traps only if OpenSSL cannot allocate memory.
    public var pemRepresentation: String {
        do {
            let box = try Self.makeKey(rawRepresentation)
            let bytes = try OpenSSL.withMemoryBIO { bio in
                guard PEM_write_bio_PUBKEY(bio, box.pointer) == 1 else {
                    throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not encode the public key as PEM.")
                }
                return try OpenSSL.contents(of: bio)
            }
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            preconditionFailure("Encoding an Ed25519 public key failed: \(error)")
        }
    }

    /// Checks a signature over a message (pure Ed25519), as `openssl pkeyutl -verify -rawin` does.
    ///
    /// - Parameters:
    ///   - signature: The claimed signature; anything but 64 valid bytes is simply not valid.
    ///   - message: The exact signed bytes.
    /// - Returns: `true` only for a valid signature; `false` for a wrong length, garbage or any OpenSSL failure.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        OpenSSLErrorQueue.clear()
        // A failure here must not leave entries that a later, unrelated error would report.
        defer { OpenSSLErrorQueue.clear() }
        guard let box = try? Self.makeKey(rawRepresentation) else { return false }
        let status = try? OpenSSL.withDigestContext { context -> Int32 in
            guard EVP_DigestVerifyInit(context, nil, nil, nil, box.pointer) == 1 else { return -1 }
            return OpenSSL.withNonNullPointer(to: message) { messagePointer, messageCount in
                EVP_DigestVerify(context, signature, signature.count, messagePointer, messageCount)
            }
        }
        return status == 1
    }

    /// The SHA-256 fingerprint of the raw key, for people to compare over the phone or on paper.
    public var fingerprint: KeyFingerprint {
        KeyFingerprint(digest: SHA256.hash(rawRepresentation))
    }

    private static func makeKey(_ raw: [UInt8]) throws -> PKeyBox {
        let key = raw.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
        }
        guard let key else {
            throw CryptoError.drainingOpenSSL(.invalidKey, "OpenSSL refused the Ed25519 public key bytes.")
        }
        return PKeyBox(key)
    }
}

/// The 14 encodings of the 8 small-order points of edwards25519 (canonical, plus the non-canonical ones OpenSSL
/// also decodes). With such a key `A` and `S = 0`, picking `R = -[k]A` makes "valid" signatures for any message
/// (OpenSSL 3.0 verifies without the cofactor and without rejecting these keys), so they are refused up front.
/// Computed from the curve equation; they match libsodium's block list and the C2SP/CCTV Ed25519 vectors.
enum SmallOrderPoints {
    static let encodings: Set<[UInt8]> = Set(
        [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000080",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        ].compactMap(Hex.decode))
}
