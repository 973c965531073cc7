internal import COpenSSL

/// The one error every `EvidenceCrypto` operation throws.
///
/// It says what went wrong in a sentence a person understands (`reason`), in a form code can branch on
/// (`code`), and keeps the raw OpenSSL error strings for the technical appendix of a report.
///
/// For example:
///
/// ```swift
/// do {
///     _ = try Ed25519PrivateKey(pemRepresentation: text)
/// } catch let error as CryptoError where error.code == .wrongKeyType {
///     print(error.reason)
/// }
/// ```
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// OpenSSL itself failed (allocation, internal error).
        case openSSL
        /// The key bytes are not a usable key (wrong length, rejected by OpenSSL).
        case invalidKey
        /// The key is well formed but not Ed25519 (for example RSA or EC).
        case wrongKeyType
        /// The text is not a PEM block of the expected kind.
        case invalidPEM
        /// Reading or writing a file failed.
        case io
        /// A time-stamp authority refused the request (its reply's status is not “granted”).
        case timeStampRefused
        /// The bytes are not a DER `TimeStampResp` holding a token.
        case timeStampMalformed
        /// The token attests other bytes (message imprint) or answers another request (nonce).
        case timeStampMismatch
        /// The token's signature, its signer's certificate (`timeStamping` use) or the chain to the trusted
        /// certificates does not verify.
        case timeStampUnverified
        /// The passphrase given does not decrypt the private key.
        case wrongPassphrase
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence a person understands.
    public var reason: String
    /// OpenSSL's own error strings, oldest first, drained from its thread-local error queue.
    public var openSSLErrors: [String]

    /// Creates an error; `openSSLErrors` is usually filled by draining OpenSSL's queue.
    public init(code: Code, reason: String, openSSLErrors: [String] = []) {
        self.code = code
        self.reason = reason
        self.openSSLErrors = openSSLErrors
    }

    /// The code, the reason and, when present, OpenSSL's errors.
    public var description: String {
        var text = "\(code.rawValue): \(reason)"
        if !openSSLErrors.isEmpty {
            text += " [" + openSSLErrors.joined(separator: "; ") + "]"
        }
        return text
    }

    /// An error carrying everything OpenSSL queued on this thread since the last drain.
    static func drainingOpenSSL(_ code: Code, _ reason: String) -> CryptoError {
        CryptoError(code: code, reason: reason, openSSLErrors: OpenSSLErrorQueue.drain())
    }
}

/// OpenSSL keeps failures in a per-thread queue; anything left behind would be blamed on the next operation.
enum OpenSSLErrorQueue {
    /// Empties the queue, returning its entries as OpenSSL's one-line strings.
    static func drain() -> [String] {
        var messages: [String] = []
        // A bound keeps a pathological queue from looping for long; OpenSSL's queue holds 16 entries.
        while messages.count < 64 {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            var text = buffer.withUnsafeMutableBufferPointer { pointer -> String in
                ERR_error_string_n(code, pointer.baseAddress, pointer.count)
                return String(cString: pointer.baseAddress!)
            }
            // The detail some errors carry (a certificate check's “unable to get local issuer certificate”).
            if let data, flags & ERR_TXT_STRING != 0, data.pointee != 0 {
                text += " (" + String(cString: data) + ")"
            }
            messages.append(text)
        }
        return messages
    }

    /// Forgets stale entries before an operation whose failure we report.
    static func clear() {
        ERR_clear_error()
    }
}
