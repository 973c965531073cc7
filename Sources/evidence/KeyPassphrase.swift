import EvidenceCrypto
import Foundation

/// The environment variable that gives the signing key's passphrase where no one can type it (scripts, tests).
let keyPassphraseVariable = "EVIDENCE_KEY_PASSPHRASE"

/// The signing key's passphrase: `EVIDENCE_KEY_PASSPHRASE` when set, else asked on the terminal without echo.
/// Only called when the key has a passphrase.
func signingKeyPassphrase() throws -> [UInt8] {
    try passphrase(prompt: "Passphrase of the case's signing key: ", confirming: false)
}

/// A new passphrase for `init --passphrase`: `EVIDENCE_KEY_PASSPHRASE` when set, else asked twice on the terminal.
func newKeyPassphrase() throws -> [UInt8] {
    try passphrase(prompt: "New passphrase for the case's signing key: ", confirming: true)
}

private func passphrase(prompt: String, confirming: Bool) throws -> [UInt8] {
    if let given = ProcessInfo.processInfo.environment[keyPassphraseVariable] {
        guard !given.isEmpty else { throw UsageFailure("\(keyPassphraseVariable) is set but empty; give the passphrase.") }
        return Array(given.utf8)
    }
    do {
        return try Passphrase.read(prompt: prompt, confirming: confirming)
    } catch let error as CryptoError {
        throw UsageFailure("\(error.reason) Type it on a terminal, or set \(keyPassphraseVariable).")
    }
}
