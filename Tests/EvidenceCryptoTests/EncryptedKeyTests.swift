import Foundation
import Testing
@testable import EvidenceCrypto

/// Encrypted PKCS#8 keys (`init --passphrase`): what we write OpenSSL reads, what OpenSSL writes we read.
@Suite struct EncryptedKeyTests {
    @Test func writtenWithAPassphraseOpenSSLReadsItAndSoDoWe() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = try Ed25519PrivateKey.generate()
        let keyPath = folder.path("protected.pem")
        try key.writePEM(toNewFileAt: keyPath, passphrase: Array("s3cret pass".utf8))
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))

        let opened = try Tools.openssl(["pkey", "-in", keyPath, "-passin", "pass:s3cret pass", "-pubout"])
        #expect(opened.outputText == key.publicKey.pemRepresentation)
        #expect(throws: ToolFailure.self) { try Tools.openssl(["pkey", "-in", keyPath, "-passin", "pass:wrong", "-noout"]) }

        let read = try Ed25519PrivateKey(pemRepresentation: pem, passphrase: Array("s3cret pass".utf8))
        #expect(read.publicKey.fingerprint.hex == key.publicKey.fingerprint.hex)
        let wrong = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: pem, passphrase: Array("wrong".utf8))
        }
        #expect(wrong?.code == .wrongPassphrase)
        #expect(#expect(throws: CryptoError.self) { try key.writePEM(toNewFileAt: folder.path("empty.pem"), passphrase: []) } != nil)
    }

    @Test func anOpenSSLEncryptedKeyOpensWithItsPassphrase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keyPath = folder.path("openssl.pem")
        try Tools.openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", keyPath])
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        let key = try Ed25519PrivateKey(pemRepresentation: pem, passphrase: Array("secret".utf8))
        let expected = try Tools.openssl(["pkey", "-in", keyPath, "-passin", "pass:secret", "-pubout"])
        #expect(key.publicKey.pemRepresentation == expected.outputText)
        // A passphrase given for an unencrypted key is not needed and does no harm.
        let plain = try Ed25519PrivateKey(pemRepresentation: key.pemRepresentation, passphrase: Array("unused".utf8))
        #expect(plain.publicKey.fingerprint.hex == key.publicKey.fingerprint.hex)
    }
}
