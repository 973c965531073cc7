import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceFormat
@testable import EvidenceWorkspace

/// The zip writer on its own: entries written by several workers at once still land at their places with the right
/// CRC-32s (checked by Python's `zipfile`, not by our reader), the digest it returns is the file's, and a stored copy
/// that no longer matches its hash leaves nothing behind.
@Suite struct ZipBundleWriterTests {
    static let sealedAt = Date(timeIntervalSince1970: 1_773_133_200)

    /// Tag files in memory and stored copies on disk: `smallFiles` small ones (gathered, with their headers, into
    /// runs of one write each: 2,500 make several runs, on both workers), one of several read steps, one of zeros
    /// (a hole), an empty one.
    static func entries(in directory: URL, smallFiles: Int = 200) throws -> [BagEntry] {
        var entries: [BagEntry] = [
            BagEntry(path: "bagit.txt", content: .bytes(Array("BagIt-Version: 1.0\n".utf8))),
            BagEntry(path: "summary.html", content: .bytes(Array(String(repeating: "<p>summary</p>\n", count: 20_000).utf8))),
        ]
        var generator = SystemRandomNumberGenerator()
        let sizes = (0..<smallFiles).map { 1_000 + $0 * 37 % 8_000 } + [9 << 20, 5 << 20, 0]
        for (number, size) in sizes.enumerated() {
            var bytes = [UInt8](repeating: 0, count: size)
            if number != smallFiles + 1 {
                bytes.withUnsafeMutableBytes { raw in
                    for word in stride(from: 0, to: size - size % 8, by: 8) {
                        raw.storeBytes(of: generator.next() as UInt64, toByteOffset: word, as: UInt64.self)
                    }
                    for byte in size - size % 8 ..< size { raw[byte] = UInt8.random(in: 0...255, using: &generator) }
                }
            }
            let url = directory.appendingPathComponent("copy-\(number)")
            try Data(bytes).write(to: url)
            entries.append(BagEntry(path: String(format: "data/%04d-file.bin", number),
                                    content: .file(url, size: Int64(size), sha256: SHA256.hash(bytes).hex)))
        }
        return entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    @Test(arguments: [200, 2_500])
    func entriesWrittenInParallelMakeAZipThatPythonReadsWhole(smallFiles: Int) throws {
        let directory = try TestSupport.temporaryDirectory("zip-writer")
        let entries = try Self.entries(in: directory, smallFiles: smallFiles)
        let zip = directory.appendingPathComponent("bundle.zip")
        let digest = try ZipBundleWriter.write(entries, bagFolder: "case", modificationDate: Self.sealedAt, to: zip)
        #expect(try SHA256.hash(fileAt: zip.path).digest == digest)

        // testzip() reads every entry and checks its CRC-32; the sizes and the bytes' hashes are compared as well.
        let script = """
            import hashlib, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None, z.testzip()
                for info in z.infolist():
                    print(info.filename, info.file_size, info.compress_type, hashlib.sha256(z.read(info)).hexdigest())
            """
        let listing = try TestSupport.tool("python3", ["-c", script, zip.path])
        #expect(listing.status == 0, "\(listing.stderr)")
        let expected = entries.map { entry -> String in
            let (method, sha256) = switch entry.content {
            case .bytes(let bytes): (8, SHA256.hash(bytes).hex)
            case .file(_, _, let sha256): (0, sha256)
            }
            return "case/\(entry.path) \(entry.size) \(method) \(sha256)"
        }
        #expect(listing.stdout.split(separator: "\n").map(String.init) == expected)
    }

    @Test func theSameEntriesGiveTheSameBytes() throws {
        let directory = try TestSupport.temporaryDirectory("zip-writer-twice")
        let entries = try Self.entries(in: directory)
        let first = try ZipBundleWriter.write(entries, bagFolder: "case", modificationDate: Self.sealedAt,
                                              to: directory.appendingPathComponent("first.zip"))
        let second = try ZipBundleWriter.write(entries, bagFolder: "case", modificationDate: Self.sealedAt,
                                               to: directory.appendingPathComponent("second.zip"))
        #expect(first == second)
    }

    @Test func aStoredCopyThatChangedLeavesNoZip() throws {
        let directory = try TestSupport.temporaryDirectory("zip-writer-changed")
        let entries = try Self.entries(in: directory)
        // One byte of a small copy, late in the order, so other workers are busy when it is found.
        let changed = directory.appendingPathComponent("copy-190")
        var bytes = Array(try Data(contentsOf: changed))
        bytes[0] ^= 1
        try Data(bytes).write(to: changed)
        let zip = directory.appendingPathComponent("bundle.zip")
        #expect(throws: ZipBundleWriter.StoredCopyChanged.self) {
            try ZipBundleWriter.write(entries, bagFolder: "case", modificationDate: Self.sealedAt, to: zip)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!left.contains { $0.hasSuffix(".zip") || $0.hasSuffix(".partial") }, "\(left)")
    }

    /// A small copy read whole into a gathered run is checked for its size as well as its hash: shorter or longer
    /// than the case records, it is refused and nothing is left.
    @Test(arguments: [-1, 1])
    func aSmallStoredCopyOfAnotherSizeLeavesNoZip(change: Int) throws {
        let directory = try TestSupport.temporaryDirectory("zip-writer-resized")
        let entries = try Self.entries(in: directory)
        let changed = directory.appendingPathComponent("copy-150")
        var bytes = Array(try Data(contentsOf: changed))
        if change < 0 { bytes.removeLast() } else { bytes.append(0x41) }
        try Data(bytes).write(to: changed)
        let zip = directory.appendingPathComponent("bundle.zip")
        do {
            _ = try ZipBundleWriter.write(entries, bagFolder: "case", modificationDate: Self.sealedAt, to: zip)
            Issue.record("a stored copy of another size was sealed")
        } catch let error as ZipBundleWriter.StoredCopyChanged {
            #expect(change > 0)
            #expect(error.found == SHA256.hash(bytes).hex)
        } catch let error as IOError {
            #expect(change < 0)
            #expect(error.reason.contains("shorter than the case records"))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!left.contains { $0.hasSuffix(".zip") || $0.hasSuffix(".partial") }, "\(left)")
    }
}
