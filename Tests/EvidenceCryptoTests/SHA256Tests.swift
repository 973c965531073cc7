import EvidenceCrypto
import Foundation
import Testing

@Suite("SHA-256 known answers")
struct SHA256VectorTests {
    @Test("NIST CAVP SHA256ShortMsg.rsp, all records", arguments: VectorLoader.nistRecords(in: "SHA256ShortMsg.rsp"))
    func shortMessages(vector: (record: VectorRecord, message: [UInt8], digest: String)) {
        #expect(SHA256.hash(vector.message).hex == vector.digest)
        #expect(SHA256.hash(Data(vector.message)).hex == vector.digest)
        // The same bytes split unevenly across updates.
        let hasher = SHA256Hasher()
        let cut = vector.message.count / 3
        hasher.update(Array(vector.message[..<cut]))
        hasher.update(Data(vector.message[cut...]))
        #expect(hasher.finalize().hex == vector.digest)
    }

    @Test("NIST CAVP SHA256LongMsg.rsp subset", arguments: VectorLoader.nistRecords(in: "SHA256LongMsg.rsp"))
    func longMessages(vector: (record: VectorRecord, message: [UInt8], digest: String)) {
        #expect(vector.message.count * 8 == Int(vector.record["Len"] ?? "") ?? -1)
        #expect(SHA256.hash(vector.message).hex == vector.digest)
        let hasher = SHA256Hasher()
        for start in stride(from: 0, to: vector.message.count, by: 7) {
            vector.message[start..<min(start + 7, vector.message.count)].withUnsafeBytes { hasher.update($0) }
        }
        #expect(hasher.finalize().hex == vector.digest)
    }

    @Test("One hasher restarted for every short message, as an add worker hashes file after file")
    func restartedHasher() {
        let hasher = SHA256Hasher()
        // Left unfinished on purpose: a restart forgets bytes whether or not they were finalised.
        hasher.update(Array("bytes of a file whose copy failed".utf8))
        for (_, message, digest) in VectorLoader.nistRecords(in: "SHA256ShortMsg.rsp") {
            hasher.restart()
            hasher.update(message)
            #expect(hasher.finalize().hex == digest)
        }
    }

    @Test(
        "NIST examples: abc, empty, 448 bits, one million 'a'",
        arguments: VectorLoader.records(in: "SHA256Examples.txt"))
    func examples(record: VectorRecord) throws {
        let text = try #require(record["Text"])
        let repeats = try #require(record["Repeat"].flatMap(Int.init))
        let unit = Array(text.utf8)
        let message = Array([[UInt8]](repeating: unit, count: repeats).joined())
        #expect(SHA256.hash(message).hex == record["MD"])

        let hasher = SHA256Hasher()
        for _ in 0..<repeats { hasher.update(unit) }
        #expect(hasher.finalize().hex == record["MD"])
    }
}

@Suite("SHA256Digest")
struct SHA256DigestTests {
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func everyByteIsTwoLowercaseHexDigits() throws {
        let bytes = (0...255).map(UInt8.init)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        for start in stride(from: 0, to: 256, by: 32) {
            let digest = try #require(SHA256Digest(bytes: Array(bytes[start..<(start + 32)])))
            let expected = String(hex.dropFirst(start * 2).prefix(64))
            #expect(digest.hex == expected)
            #expect(SHA256Digest(hex: expected) == digest)
        }
    }

    @Test func parsesHexInEitherCaseAndPrintsLowercase() throws {
        let upper = try #require(SHA256Digest(hex: abc.uppercased()))
        let lower = try #require(SHA256Digest(hex: abc))
        #expect(upper == lower)
        #expect(upper.hex == abc)
        #expect(upper.description == abc)
        #expect(upper == SHA256.hash(Array("abc".utf8)))
        #expect(upper.bytes.count == 32)
        #expect(upper.bytes.first == 0xBA && upper.bytes.last == 0xAD)
    }

    @Test("rejects anything but 64 hex digits", arguments: [
        "", "ba", String(repeating: "a", count: 63), String(repeating: "a", count: 65),
        String(repeating: "a", count: 63) + "g", "0x" + String(repeating: "a", count: 62),
        " " + String(repeating: "a", count: 63), String(repeating: "é", count: 32),
    ])
    func rejectsMalformedHex(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }

    @Test func bytesMustBe32() {
        #expect(SHA256Digest(bytes: []) == nil)
        #expect(SHA256Digest(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(SHA256Digest(bytes: [UInt8](repeating: 1, count: 33)) == nil)
        #expect(SHA256Digest(bytes: [UInt8](repeating: 1, count: 32))?.hex == String(repeating: "01", count: 32))
    }

    @Test func updateAfterFinalizeIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let hasher = SHA256Hasher()
            _ = hasher.finalize()
            hasher.update([1])
        }
        await #expect(processExitsWith: .failure) {
            let hasher = SHA256Hasher()
            _ = hasher.finalize()
            _ = hasher.finalize()
        }
    }
}
