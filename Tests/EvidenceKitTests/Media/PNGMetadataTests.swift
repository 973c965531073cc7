import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("PNG")
struct PNGMetadataTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func read(_ name: String) throws -> MediaMetadata {
        try PNGMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/\(name)"))).metadata
    }

    func values(_ metadata: MediaMetadata) -> [String: String] {
        Dictionary(metadata.times.map { ("\($0.source.rawValue) \($0.field)", $0.timestamp(assuming: brussels).value) }) {
            a, _ in a
        }
    }

    @Test func iOSScreenshotXMPInITXt() throws {
        let metadata = try read("screenshot-ios.png")
        #expect(metadata.userComment == "Screenshot")
        #expect(metadata.width == 1170 && metadata.height == 2532)
        #expect(values(metadata) == [
            "xmp photoshop:DateCreated": "2023-12-25T14:03:22+01:00",
            "xmp xmp:CreateDate": "2023-12-25T14:03:22+01:00",
        ])
        #expect(metadata.times.allSatisfy { $0.offsetSeconds == 3600 })
        #expect(metadata.warnings.isEmpty)
    }

    @Test func compressedITXtIsInflated() throws {
        let metadata = try read("xmp-compressed.png")
        #expect(metadata.userComment == "Screenshot")
        #expect(metadata.times.count == 2)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func tIMECreationTimeAndEXIfChunk() throws {
        let metadata = try read("png-times.png")
        #expect(values(metadata) == [
            "png-time tIME": "2023-12-25T13:05:01Z",
            "png-time Creation Time": "2023-12-25T14:03:22+01:00",
            "exif DateTimeOriginal": "2023-12-25T14:03:22+01:00",
        ])
        #expect(metadata.times.first { $0.field == "tIME" }?.isUTC == true)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func badCRCIsAWarningOnThatChunk() throws {
        let metadata = try read("png-bad-crc.png")
        #expect(metadata.warnings.count == 1)
        let warning = try #require(metadata.warnings.first)
        #expect(warning.code.rawValue == "bad-crc")
        #expect(warning.message.contains("tIME"))
        #expect(metadata.times.count == 3)
    }

    @Test func truncatedPNGWarnsAndKeepsWhatWasWhole() throws {
        let metadata = try read("png-truncated.png")
        #expect(metadata.warnings.contains { $0.code.rawValue == "truncated" })
        #expect(Set(metadata.times.map(\.field)) == ["tIME", "Creation Time"])
    }

    @Test func plainPNGHasSizeAndNoTimes() throws {
        let metadata = try read("plain.png")
        #expect(metadata.times.isEmpty)
        #expect(metadata.width == 1080 && metadata.height == 2400)
    }

    @Test func zipBombInZTXtStopsAtTheCap() throws {
        // 8 MiB of zeros in a few KB; the cap is 4 MiB.
        var deflate: [UInt8] = [0x78, 0x9C]
        // One fixed-Huffman block: literal 0, then as many (length 258, distance 1) copies as needed.
        var writer = BitWriter()
        writer.write(1, 1)  // last block
        writer.write(1, 2)  // fixed Huffman
        writer.writeReversed(0b0011_0000, 8)  // literal 0
        for _ in 0..<(8 << 20) / 258 {
            writer.writeReversed(0b1100_0101, 8)  // length code 285 = 258
            writer.writeReversed(0, 5)  // distance code 0 = 1
        }
        writer.writeReversed(0, 7)  // end of block
        deflate += writer.bytes
        #expect(throws: Inflate.Failure.outputLimit) { try Inflate.zlib(deflate, limit: PNGMetadata.maxInflatedText) }
    }
}

@Suite("PNG text chunks of every kind")
struct PNGTextChunkTests {
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        be32(UInt32(data.count)) + Array(type.utf8) + data + be32(CRC32.checksum(Array(type.utf8), data))
    }

    /// A zlib stream holding `bytes` in one stored (uncompressed) DEFLATE block, with its Adler-32.
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let length = UInt16(bytes.count)
        return [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            + bytes + be32(b << 16 | a)
    }

    static func png(_ chunks: [UInt8]) -> [UInt8] {
        PNGMetadata.signature + chunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0]) + chunks + chunk("IEND", [])
    }

    @Test func creationTimeInZTXtAndITXtAndXMPInTEXt() throws {
        let zone = TimeZone(identifier: "Europe/Brussels")!
        let key = Array("Creation Time".utf8) + [0]
        let xmp = Array(#"<x:xmpmeta><rdf:Description exif:DateTimeOriginal="2023-12-25T14:03:22+01:00"/></x:xmpmeta>"#
            .utf8)
        let bytes = Self.png(
            Self.chunk("zTXt", key + [0] + Self.stored(Array("2023:12:25 14:03:22".utf8)))
                + Self.chunk("iTXt", key + [1, 0] + Array("en".utf8) + [0] + [0]
                    + Self.stored(Array("2023-12-25T13:03:22Z".utf8)))
                + Self.chunk("tEXt", Array("XML:com.adobe.xmp".utf8) + [0] + xmp))
        let metadata = try PNGMetadata(parsing: ArrayByteSource(bytes)).metadata
        #expect(metadata.warnings.isEmpty, "\(metadata.warnings)")
        let values = metadata.times.map { "\($0.source.rawValue) \($0.field) \($0.timestamp(assuming: zone).value)" }
        #expect(values == [
            "png-time Creation Time 2023-12-25T14:03:22+01:00",
            "png-time Creation Time 2023-12-25T13:03:22Z",
            "xmp exif:DateTimeOriginal 2023-12-25T14:03:22+01:00",
        ])
        #expect(metadata.times.first?.offsetSeconds == nil)  // EXIF-style text without offset: assumed
    }
}

/// Writes DEFLATE bit streams (least significant bit first; Huffman codes most significant bit first).
struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0

    mutating func write(_ value: Int, _ count: Int) {
        for bit in 0..<count { push((value >> bit) & 1) }
    }

    mutating func writeReversed(_ code: Int, _ count: Int) {
        for bit in stride(from: count - 1, through: 0, by: -1) { push((code >> bit) & 1) }
    }

    private mutating func push(_ bit: Int) {
        if bitCount % 8 == 0 { bytes.append(0) }
        bytes[bytes.count - 1] |= UInt8(bit << (bitCount % 8))
        bitCount += 1
    }
}

@Suite("PNG decompression budget")
struct PNGDecompressionBudgetTests {
    @Test func manySmallBombsStopAtTheFileBudget() throws {
        // 40 zTXt chunks of 1 MiB of zeros each (about 1 KB compressed): 16 MiB in total are inflated, then
        // the rest is refused with one warning per chunk (capped), never minutes of work.
        var writer = BitWriter()
        writer.write(1, 1)
        writer.write(1, 2)
        writer.writeReversed(0b0011_0000, 8)
        for _ in 0..<((1 << 20) - 1) / 258 {
            writer.writeReversed(0b1100_0101, 8)
            writer.writeReversed(0, 5)
        }
        writer.writeReversed(0, 7)
        let stream: [UInt8] = [0x78, 0x9C] + writer.bytes
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            be32(UInt32(data.count)) + Array(type.utf8) + data + be32(CRC32.checksum(Array(type.utf8), data))
        }
        var png = PNGMetadata.signature + chunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0])
        for _ in 0..<40 { png += chunk("zTXt", Array("Comment".utf8) + [0, 0] + stream) }
        png += chunk("IEND", [])
        let metadata = try PNGMetadata(parsing: ArrayByteSource(png)).metadata
        #expect(metadata.warnings.contains { $0.code.rawValue == "decompression-limit" })
        #expect(!metadata.warnings.contains { $0.code.rawValue == "bad-compression" })
    }
}
