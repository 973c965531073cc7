import EvidenceCrypto
import Foundation
import Testing

@Suite("Ed25519 RFC 8032 vectors")
struct Ed25519VectorTests {
    @Test("sign gives the RFC signature, verify accepts it and rejects a flipped bit",
          arguments: VectorLoader.records(in: "Ed25519RFC8032.txt"))
    func rfc8032(record: VectorRecord) throws {
        let seed = record.bytes("SECRET KEY")
        let expectedPublic = record.bytes("PUBLIC KEY")
        let message = record.bytes("MESSAGE")
        let expectedSignature = record.bytes("SIGNATURE")

        let key = try Ed25519PrivateKey(rawRepresentation: seed)
        #expect(key.publicKey.rawRepresentation == expectedPublic)
        let signature = try key.signature(for: message)
        #expect(signature == expectedSignature)

        let publicKey = try Ed25519PublicKey(rawRepresentation: expectedPublic)
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(expectedSignature, for: message))

        for bit in [0, 7, 255, 256, 511] {
            var flipped = expectedSignature
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!publicKey.isValidSignature(flipped, for: message), "signature bit \(bit) flipped")
        }
        if !message.isEmpty {
            var altered = message
            altered[altered.count - 1] ^= 0x01
            #expect(!publicKey.isValidSignature(expectedSignature, for: altered))
        }
        #expect(!publicKey.isValidSignature(expectedSignature, for: message + [0]))
        let otherKey = try Ed25519PrivateKey.generate().publicKey
        #expect(!otherKey.isValidSignature(expectedSignature, for: message))
    }
}

@Suite("Ed25519 keys")
struct Ed25519KeyTests {
    @Test func generatedKeysSignVerifyAndDiffer() throws {
        let first = try Ed25519PrivateKey.generate()
        let second = try Ed25519PrivateKey.generate()
        #expect(first.publicKey != second.publicKey)
        let message = Array("manifest.json bytes".utf8)
        let signature = try first.signature(for: message)
        #expect(signature.count == 64)
        #expect(try first.signature(for: message) == signature, "Ed25519 is deterministic")
        #expect(first.publicKey.isValidSignature(signature, for: message))
        #expect(!second.publicKey.isValidSignature(signature, for: message))
    }

    @Test func privateKeyPEMRoundTrip() throws {
        let key = try Ed25519PrivateKey.generate()
        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let reloaded = try Ed25519PrivateKey(pemRepresentation: pem)
        #expect(reloaded.publicKey == key.publicKey)
        #expect(reloaded.pemRepresentation == pem)
    }

    @Test func publicKeyPEMRoundTrip() throws {
        let key = try Ed25519PrivateKey.generate().publicKey
        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try Ed25519PublicKey(pemRepresentation: pem) == key)
    }

    /// RFC 8410 section 10.1 publishes this SubjectPublicKeyInfo for an Ed25519 key.
    @Test func readsTheRFC8410ExamplePublicKey() throws {
        let pem = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
            -----END PUBLIC KEY-----

            """
        let key = try Ed25519PublicKey(pemRepresentation: pem)
        #expect(key.rawRepresentation.hexString == "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1")
        #expect(key.pemRepresentation == pem)
    }

    @Test("signatures of the wrong length or garbage are simply invalid",
          arguments: [[], [UInt8](repeating: 0, count: 63), [UInt8](repeating: 0, count: 65),
                      [UInt8](repeating: 0, count: 64), [UInt8](repeating: 0xFF, count: 64), patternBytes(count: 64)])
    func garbageSignatures(signature: [UInt8]) throws {
        let key = try Ed25519PrivateKey.generate().publicKey
        #expect(!key.isValidSignature(signature, for: Array("message".utf8)))
        #expect(!key.isValidSignature(signature, for: []))
    }

    /// The 8 small-order points in their 14 encodings (computed from the curve equation; libsodium blocks the same).
    static let smallOrderKeys = [
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
    ]

    /// Under such a key OpenSSL accepts forged signatures (for y = p it accepts 64 zero bytes for the empty
    /// message), so the key itself is refused, from raw bytes and from PEM.
    @Test("small-order public keys are refused", arguments: smallOrderKeys)
    func smallOrderKeysAreRefused(hex: String) throws {
        let raw = try #require([UInt8](hex: hex))
        let rawError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: raw) }
        #expect(rawError?.code == .invalidKey)
        let spki = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + raw
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Data(spki).base64EncodedString())\n-----END PUBLIC KEY-----\n"
        let pemError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: pem) }
        #expect(pemError?.code == .invalidKey)
    }

    @Test("raw keys must be 32 bytes", arguments: [0, 31, 33, 64])
    func rawLengths(count: Int) {
        let bytes = [UInt8](repeating: 3, count: count)
        let privateError = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(rawRepresentation: bytes) }
        #expect(privateError?.code == .invalidKey)
        let publicError = #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: bytes) }
        #expect(publicError?.code == .invalidKey)
    }
}

@Suite("Ed25519 PEM errors")
struct Ed25519PEMErrorTests {
    static let garbage: [String] = [
        "",
        "hello",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
        String(repeating: "A", count: 200_000),
    ]

    @Test("garbage is invalidPEM for private keys", arguments: garbage)
    func garbagePrivate(text: String) {
        let error = #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: text) }
        #expect(error?.code == .invalidPEM)
        #expect(error?.reason.isEmpty == false)
    }

    @Test("garbage is invalidPEM for public keys", arguments: garbage)
    func garbagePublic(text: String) {
        let error = #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: text) }
        #expect(error?.code == .invalidPEM)
    }

    @Test func openSSLErrorsAreCarried() {
        let error = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")
        }
        #expect(error?.openSSLErrors.isEmpty == false)
        #expect(error?.description.hasPrefix("invalidPEM: ") == true)
    }

    @Test func publicAndPrivateAreNotInterchangeable() throws {
        let key = try Ed25519PrivateKey.generate()
        let publicError = #expect(throws: CryptoError.self) {
            try Ed25519PrivateKey(pemRepresentation: key.publicKey.pemRepresentation)
        }
        #expect(publicError?.code == .invalidPEM)
        let privateError = #expect(throws: CryptoError.self) {
            try Ed25519PublicKey(pemRepresentation: key.pemRepresentation)
        }
        #expect(privateError?.code == .invalidPEM)
    }

    @Test func everyPrefixOfAValidPEMIsHandled() throws {
        let pem = Array(try Ed25519PrivateKey.generate().pemRepresentation.utf8)
        var accepted = 0
        for length in 0..<pem.count {
            let prefix = String(decoding: pem[..<length], as: UTF8.self)
            do {
                _ = try Ed25519PrivateKey(pemRepresentation: prefix)
                accepted += 1
            } catch let error as CryptoError {
                #expect(error.code == .invalidPEM)
            }
        }
        // Only prefixes that still hold the whole END line (missing at most the final newline) can load.
        #expect(accepted <= 1)
    }
}

@Suite("Key fingerprints")
struct KeyFingerprintTests {
    /// RFC 8032 TEST 1 public key; its SHA-256 computed independently with Python's hashlib.
    let testOneKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    let testOneFingerprint = "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"

    @Test func fingerprintIsSHA256OfTheRawKey() throws {
        let key = try Ed25519PublicKey(rawRepresentation: try #require([UInt8](hex: testOneKey)))
        #expect(key.fingerprint.hex == testOneFingerprint)
        #expect(key.fingerprint.description == testOneFingerprint)
        #expect(key.fingerprint.digest == SHA256.hash(key.rawRepresentation))
    }

    @Test func groupedFormForHumans() throws {
        let fingerprint = try #require(KeyFingerprint(hex: testOneFingerprint))
        #expect(fingerprint.grouped
            == "21FE 31DF A154 A261 626B F854 046F D227 1B7B ED4B 6ABE 45AA 5887 7EF4 7F97 21B9")
        #expect(KeyFingerprint(hex: fingerprint.grouped) == fingerprint)
        #expect(KeyFingerprint(hex: fingerprint.grouped.lowercased()) == fingerprint)
        let colons = stride(from: 0, to: 64, by: 2).map { index in
            let start = testOneFingerprint.index(testOneFingerprint.startIndex, offsetBy: index)
            return String(testOneFingerprint[start..<testOneFingerprint.index(start, offsetBy: 2)])
        }.joined(separator: ":")
        #expect(KeyFingerprint(hex: colons) == fingerprint)
    }

    @Test("rejects malformed fingerprints", arguments: [
        "", "21FE 31DF", String(repeating: "z", count: 64),
        "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9-",
    ])
    func malformed(text: String) {
        #expect(KeyFingerprint(hex: text) == nil)
    }
}

@Suite("Constant-time comparison")
struct ConstantTimeTests {
    @Test func equalsComparesLengthAndContent() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
        let big = patternBytes(count: 4_096)
        var changed = big
        changed[0] ^= 0x80
        #expect(ConstantTime.equals(big, big))
        #expect(!ConstantTime.equals(big, changed))
    }
}
