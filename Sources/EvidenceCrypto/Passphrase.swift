internal import COpenSSL

/// Asking a person for a passphrase on their terminal, with the echo off, through OpenSSL's own prompt
/// (`EVP_read_pw_string`, which opens `/dev/tty` and restores the terminal on every path).
public enum Passphrase {
    /// The longest passphrase read from the terminal, in bytes.
    public static let maximumLength = 1024

    /// Prints `prompt` on the terminal and reads one line without echo; with `confirming`, asks a second time and
    /// refuses two different answers.
    ///
    /// - Returns: The passphrase as UTF-8 bytes, without its newline; the caller wipes it when done.
    /// - Throws: `CryptoError` with code `.io` when there is no terminal to ask on, the answers differ, or the
    ///   person typed nothing.
    public static func read(prompt: String, confirming: Bool) throws -> [UInt8] {
        var buffer = [CChar](repeating: 0, count: maximumLength + 1)
        defer {
            buffer.withUnsafeMutableBytes { if let base = $0.baseAddress { OPENSSL_cleanse(base, $0.count) } }
        }
        OpenSSLErrorQueue.clear()
        let status = EVP_read_pw_string(&buffer, Int32(buffer.count), prompt, confirming ? 1 : 0)
        guard status == 0 else {
            OpenSSLErrorQueue.clear()
            // OpenSSL's prompt returns one failure for a missing terminal, an interrupted prompt and differing answers.
            throw CryptoError(code: .io, reason: confirming
                              ? "No passphrase was read from a terminal, or the two answers differ."
                              : "No passphrase could be read from a terminal.")
        }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        let bytes = buffer[..<length].map { UInt8(bitPattern: $0) }
        guard !bytes.isEmpty else { throw CryptoError(code: .io, reason: "The passphrase is empty.") }
        return bytes
    }

    /// Overwrites a passphrase held in Swift memory once it is no longer needed, in a way the optimiser keeps.
    public static func wipe(_ bytes: inout [UInt8]) {
        OpenSSL.cleanse(&bytes)
    }
}
