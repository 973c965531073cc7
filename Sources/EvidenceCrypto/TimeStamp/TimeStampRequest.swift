internal import COpenSSL

/// An RFC 3161 `TimeStampReq`: the SHA-256 of some bytes (for a bundle, the exact bytes of `manifest.json`),
/// a nonce that ties the reply to this request, and `certReq` set so the reply carries the authority's
/// certificate and can be checked without asking anyone else.
///
/// For example:
///
/// ```swift
/// let request = try TimeStampRequest(imprint: SHA256.hash(manifestBytes))
/// let body = try request.derRepresentation()   // POST as application/timestamp-query
/// ```
public struct TimeStampRequest: Sendable, Equatable {
    /// The SHA-256 the authority is asked to attest.
    public let imprint: SHA256Digest
    /// The nonce, as the unsigned big-endian bytes of the request's INTEGER.
    public let nonce: [UInt8]

    /// A request with a fresh random 64-bit nonce.
    ///
    /// - Parameter imprint: The SHA-256 of the bytes to time-stamp.
    /// - Throws: `CryptoError` with code `.openSSL` if OpenSSL's random generator fails.
    public init(imprint: SHA256Digest) throws {
        var nonce = [UInt8](repeating: 0, count: 8)
        OpenSSLErrorQueue.clear()
        guard RAND_bytes(&nonce, Int32(nonce.count)) == 1 else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not make a random nonce.")
        }
        // A leading one keeps the INTEGER eight bytes long and never zero.
        nonce[0] |= 0x80
        self.init(imprint: imprint, nonce: nonce)
    }

    /// A request with a given nonce (tests, or a caller with its own random source).
    ///
    /// - Parameters:
    ///   - imprint: The SHA-256 of the bytes to time-stamp.
    ///   - nonce: 1 to 32 bytes, read as an unsigned big-endian number.
    public init(imprint: SHA256Digest, nonce: [UInt8]) {
        precondition((1...32).contains(nonce.count), "an RFC 3161 nonce here is 1 to 32 bytes")
        self.imprint = imprint
        self.nonce = nonce
    }

    /// The DER encoding of the `TimeStampReq`, the body of an `application/timestamp-query` request.
    ///
    /// - Throws: `CryptoError` with code `.openSSL` if OpenSSL cannot build or encode it.
    public func derRepresentation() throws -> [UInt8] {
        OpenSSLErrorQueue.clear()
        return try withRequest(includingNonce: true) { request in
            let length = i2d_TS_REQ(request, nil)
            guard length > 0 else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not encode the time-stamp request.")
            }
            var bytes = [UInt8](repeating: 0, count: Int(length))
            let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var cursor = buffer.baseAddress
                return i2d_TS_REQ(request, &cursor)
            }
            guard written == length else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not encode the time-stamp request.")
            }
            return bytes
        }
    }

    /// Runs `body` with this request as an OpenSSL `TS_REQ`, freed afterwards.
    ///
    /// Verification builds the request again (without the nonce when it is not known) and lets OpenSSL derive
    /// its checks from it, as `openssl ts -verify -queryfile` does.
    func withRequest<Result>(includingNonce: Bool, _ body: (OpaquePointer) throws -> Result) throws -> Result {
        func failure() -> CryptoError {
            CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not build the time-stamp request.")
        }
        guard let request = TS_REQ_new() else { throw failure() }
        defer { TS_REQ_free(request) }
        guard TS_REQ_set_version(request, 1) == 1, TS_REQ_set_cert_req(request, 1) == 1 else { throw failure() }

        guard let messageImprint = TS_MSG_IMPRINT_new() else { throw failure() }
        defer { TS_MSG_IMPRINT_free(messageImprint) }
        guard let algorithm = X509_ALGOR_new() else { throw failure() }
        defer { X509_ALGOR_free(algorithm) }
        X509_ALGOR_set_md(algorithm, EVP_sha256())
        var digest = imprint.bytes
        // The setters copy what they are given; the request owns its copies.
        guard TS_MSG_IMPRINT_set_algo(messageImprint, algorithm) == 1,
              TS_MSG_IMPRINT_set_msg(messageImprint, &digest, Int32(digest.count)) == 1,
              TS_REQ_set_msg_imprint(request, messageImprint) == 1
        else { throw failure() }

        if includingNonce {
            guard let number = BN_bin2bn(nonce, Int32(nonce.count), nil) else { throw failure() }
            defer { BN_free(number) }
            guard let integer = BN_to_ASN1_INTEGER(number, nil) else { throw failure() }
            defer { ASN1_INTEGER_free(integer) }
            guard TS_REQ_set_nonce(request, integer) == 1 else { throw failure() }
        }
        return try body(request)
    }
}
