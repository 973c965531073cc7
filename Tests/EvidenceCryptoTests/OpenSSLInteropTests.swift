import EvidenceCrypto
import Foundation
import Testing

/// Checks against the stock `/usr/bin/openssl` and `sha256sum`, which is what a lawyer or police lab would use.
@Suite("Interoperability with stock openssl and sha256sum", .enabled(if: Tools.haveOpenSSL && Tools.haveSHA256Sum))
struct OpenSSLInteropTests {
    @Test func ourSignatureVerifiesWithOpenSSLPkeyutl() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = try Ed25519PrivateKey.generate()
        let message = patternBytes(count: 100_000)
        let messagePath = try folder.write(message, to: "manifest.json")
        let publicPath = try folder.write(Array(key.publicKey.pemRepresentation.utf8), to: "signer.pub.pem")
        let signature = try key.signature(for: message)
        let signaturePath = try folder.write(signature, to: "manifest.json.sig")

        let verify = try Tools.run(Tools.openSSL, [
            "pkeyutl", "-verify", "-pubin", "-inkey", publicPath, "-rawin", "-in", messagePath,
            "-sigfile", signaturePath,
        ])
        #expect(verify.status == 0, "\(verify.errorText)")
        #expect(verify.outputText.contains("Signature Verified Successfully"))

        // The same command must fail on a tampered signature, or the check above proves nothing.
        var tampered = signature
        tampered[10] ^= 0x04
        let tamperedPath = try folder.write(tampered, to: "tampered.sig")
        let refused = try Tools.run(Tools.openSSL, [
            "pkeyutl", "-verify", "-pubin", "-inkey", publicPath, "-rawin", "-in", messagePath,
            "-sigfile", tamperedPath,
        ])
        #expect(refused.status != 0)
    }

    @Test func keyFromOpenSSLGenpkeyLoadsAndSignsIdentically() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keyPath = folder.path("k.pem")
        try Tools.openssl(["genpkey", "-algorithm", "ed25519", "-out", keyPath])
        let keyPEM = try String(contentsOfFile: keyPath, encoding: .utf8)
        let key = try Ed25519PrivateKey(pemRepresentation: keyPEM)
        #expect(key.pemRepresentation == keyPEM, "PKCS#8 PEM written back byte for byte")

        let publicPEM = try Tools.openssl(["pkey", "-in", keyPath, "-pubout"]).outputText
        #expect(key.publicKey.pemRepresentation == publicPEM)
        #expect(try Ed25519PublicKey(pemRepresentation: publicPEM) == key.publicKey)

        let message = Array("{\"format\":\"evidencekit-manifest/1\"}\n".utf8)
        let messagePath = try folder.write(message, to: "msg")
        let signaturePath = folder.path("sig")
        try Tools.openssl(["pkeyutl", "-sign", "-rawin", "-inkey", keyPath, "-in", messagePath, "-out", signaturePath])
        let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: signaturePath)))
        #expect(theirs.count == 64)
        #expect(key.publicKey.isValidSignature(theirs, for: message))
        #expect(try key.signature(for: message) == theirs)
    }

    @Test func digestsEqualSHA256Sum() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files: [(String, [UInt8])] = [
            ("empty", []),
            ("note.txt", Array("Screenshot taken 2026-11-28 21:14 CET\n".utf8)),
            ("one-block.bin", patternBytes(count: 64, seed: 1)),
            ("video.bin", patternBytes(count: 5 * (1 << 20) + 17, seed: 2)),
        ]
        for (name, bytes) in files {
            let path = try folder.write(bytes, to: name)
            let ours = try SHA256.hash(fileAt: path)
            let result = try Tools.run(Tools.sha256sum, ["-b", path])
            #expect(result.status == 0)
            let theirs = String(result.outputText.prefix(64))
            #expect(ours.digest.hex == theirs, "\(name)")
            #expect(ours.size == UInt64(bytes.count))
        }
    }

    @Test func writePEMCreatesA0600FileOnceAndOpenSSLReadsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = try Ed25519PrivateKey.generate()
        let path = folder.path("signer.key.pem")
        try key.writePEM(toNewFileAt: path)

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
        #expect(permissions.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == key.pemRepresentation)
        #expect(try Tools.openssl(["pkey", "-in", path, "-pubout"]).outputText == key.publicKey.pemRepresentation)

        // An existing file is never overwritten.
        let other = try Ed25519PrivateKey.generate()
        let error = #expect(throws: CryptoError.self) { try other.writePEM(toNewFileAt: path) }
        #expect(error?.code == .io)
        #expect(try Ed25519PrivateKey(pemRepresentation: String(contentsOfFile: path, encoding: .utf8)).publicKey
            == key.publicKey)

        let missingFolder = #expect(throws: CryptoError.self) {
            try key.writePEM(toNewFileAt: folder.path("no-such-folder/key.pem"))
        }
        #expect(missingFolder?.code == .io)
    }

    @Test("RSA, EC and Ed448 keys are refused as the wrong type", arguments: [
        ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
        ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        ["-algorithm", "ed448"],
    ])
    func otherKeyTypes(options: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keyPath = folder.path("other.pem")
        try Tools.openssl(["genpkey"] + options + ["-out", keyPath])
        let privatePEM = try String(contentsOfFile: keyPath, encoding: .utf8)
        let privateError = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: privatePEM) }
        #expect(privateError?.code == .wrongKeyType)
        #expect(privateError?.reason.contains("not Ed25519") == true)

        let publicPEM = try Tools.openssl(["pkey", "-in", keyPath, "-pubout"]).outputText
        let publicError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: publicPEM) }
        #expect(publicError?.code == .wrongKeyType)
    }

    @Test func traditionalECKeyIsTheWrongType() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keyPath = folder.path("ec.pem")
        try Tools.openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyPath])
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
        let error = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: pem) }
        #expect(error?.code == .wrongKeyType)
    }

    @Test func encryptedKeyIsRefusedWithoutPrompting() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keyPath = folder.path("encrypted.pem")
        try Tools.openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", keyPath])
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        let error = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: pem) }
        #expect(error?.code == .invalidPEM)
        #expect(error?.reason.contains("passphrase") == true)
    }
}
