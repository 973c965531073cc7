import EvidenceCrypto
import Foundation
import Testing

@Suite("SHA-256 of files, streamed")
struct SHA256FileTests {
    @Test("chunked file hashing equals one-shot hashing", arguments: [1 << 20, 65_536, 4_096, 1_000, 7])
    func chunkedEqualsOneShot(chunkSize: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 3 MiB + 123 bytes: no chunk size above divides it, so the last read is always short.
        let size = chunkSize < 1_000 ? 100_003 : 3 * (1 << 20) + 123
        let bytes = patternBytes(count: size)
        let path = try folder.write(bytes, to: "file.bin")

        let result = try SHA256.hash(fileAt: path, chunkSize: chunkSize)
        #expect(result.size == UInt64(size))
        #expect(result.digest == SHA256.hash(bytes))
    }

    @Test func sizeThatIsAnExactMultipleOfTheChunk() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = patternBytes(count: 4 * 4_096, seed: 7)
        let path = try folder.write(bytes, to: "exact.bin")
        let result = try SHA256.hash(fileAt: path, chunkSize: 4_096)
        #expect(result.size == 16_384)
        #expect(result.digest == SHA256.hash(bytes))
    }

    @Test func emptyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write([], to: "empty")
        let result = try SHA256.hash(fileAt: path)
        #expect(result.size == 0)
        #expect(result.digest.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func missingFileThrowsAnIOErrorNamingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("does-not-exist.jpg")
        let error = try #require(throws: CryptoError.self) { try SHA256.hash(fileAt: path) }
        #expect(error.code == .io)
        #expect(error.reason.contains("does-not-exist.jpg"))
    }

    @Test func folderThrowsAnIOError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = try #require(throws: CryptoError.self) { try SHA256.hash(fileAt: folder.url.path) }
        #expect(error.code == .io)
    }
}
