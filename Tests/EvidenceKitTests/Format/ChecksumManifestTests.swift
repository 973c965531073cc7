@testable import EvidenceFormat
import Foundation
import Testing

/// `manifest-sha256.txt` and `tagmanifest-sha256.txt`: the writer and reader agree, and on the golden bag.
@Suite struct ChecksumManifestTests {
    @Test(arguments: ["manifest-sha256.txt", "tagmanifest-sha256.txt"])
    func goldenChecksumManifestsReadAndWriteBackToTheirBytes(name: String) throws {
        let bytes = try GeneratedValues.goldenBundleEntry(name)
        let lines = try #require(ChecksumManifest.lines(parsing: bytes))
        #expect(lines.count == bytes.filter { $0 == UInt8(ascii: "\n") }.count)
        var written = ""
        for line in lines {
            guard case .entry(_, let sha256, let path) = line else {
                Issue.record("\(line)")
                continue
            }
            written += ChecksumManifest.line(sha256: sha256, path: path)
        }
        #expect(Array(written.utf8) == bytes)
    }

    @Test func generatedPathsRoundTrip() throws {
        let values = GeneratedValues(seed: 0x7368_6173)
        let hexDigits = Array("0123456789abcdef")
        for _ in 0..<5_000 {
            let sha256 = String((0..<64).map { _ in values.pick(hexDigits) })
            // Any path but one that starts with a space or tab: the reader takes any run of them as the separator.
            let path = "data/" + values.string(maxLength: 20) + (values.coin() ? "%0A%25%0D" : "")
            let lines = try #require(ChecksumManifest.lines(parsing: Array(ChecksumManifest.line(sha256: sha256, path: path).utf8)))
            #expect(lines == [.entry(number: 1, sha256: sha256, path: path)], "\(Array(path.unicodeScalars))")
        }
    }

    @Test func percentCRAndLFAreEncodedInPaths() {
        #expect(ChecksumManifest.line(sha256: "ab", path: "data/50%\r\nx") == "ab  data/50%25%0D%0Ax\n")
    }

    @Test func readerReportsEveryMalformedLineByItsNumberAmongNonEmptyLines() throws {
        let good = String(repeating: "A", count: 64)
        let text = "\nno-separator\r\n\n\(good)\tdata/a b\r\nnot-a-hash  data/b\n\(good) \t data/c\n"
        #expect(try #require(ChecksumManifest.lines(parsing: Array(text.utf8))) == [
            .notChecksumAndPath(number: 1),
            .entry(number: 2, sha256: good.lowercased(), path: "data/a b"),
            .noSHA256(number: 3),
            .entry(number: 4, sha256: good.lowercased(), path: "data/c"),
        ])
        #expect(ChecksumManifest.lines(parsing: [0x61, 0x20, 0xFF]) == nil)
    }
}
