internal import COpenSSL

/// The certificates a time-stamp authority must chain to (`--tsa-ca`): one or more PEM `CERTIFICATE` blocks.
///
/// Kept as the PEM text, so it is a value that crosses threads; OpenSSL's certificate store is made for each
/// check and freed after it.
public struct TimeStampTrustAnchors: Sendable, Equatable {
    /// The PEM text as given.
    public let pemRepresentation: String
    /// How many certificates it holds.
    public let certificateCount: Int

    /// Reads a PEM file's text.
    ///
    /// - Parameter pemRepresentation: One or more `-----BEGIN CERTIFICATE-----` blocks.
    /// - Throws: `CryptoError` with code `.invalidPEM` when it holds no readable certificate.
    public init(pemRepresentation: String) throws {
        guard pemRepresentation.utf8.count <= 4 << 20 else {
            throw CryptoError(code: .invalidPEM, reason: "The certificate file is larger than 4 MiB.")
        }
        OpenSSLErrorQueue.clear()
        let count = try Self.withCertificates(in: pemRepresentation) { $0.count }
        guard count > 0 else {
            throw CryptoError(code: .invalidPEM, reason: "The text holds no PEM certificate (“BEGIN CERTIFICATE”).")
        }
        self.pemRepresentation = pemRepresentation
        self.certificateCount = count
    }

    /// A new `X509_STORE` holding these certificates; the caller owns it.
    func makeStore() throws -> OpaquePointer {
        guard let store = X509_STORE_new() else {
            throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not allocate a certificate store.")
        }
        do {
            try Self.withCertificates(in: pemRepresentation) { certificates in
                for certificate in certificates where X509_STORE_add_cert(store, certificate) != 1 {
                    throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not add a trusted certificate.")
                }
            }
        } catch {
            X509_STORE_free(store)
            throw error
        }
        return store
    }

    /// Runs `body` with every certificate in `text`, freed afterwards.
    private static func withCertificates<Result>(in text: String, _ body: ([OpaquePointer]) throws -> Result) throws
        -> Result
    {
        var certificates: [OpaquePointer] = []
        defer { certificates.forEach { X509_free($0) } }
        try OpenSSL.withMemoryBIO(copying: Array(text.utf8)) { bio in
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(certificate)
            }
        }
        // The loop ends on “no start line”, which is not a failure to report later.
        OpenSSLErrorQueue.clear()
        return try body(certificates)
    }
}
