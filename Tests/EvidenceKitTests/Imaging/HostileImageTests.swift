@testable import EvidenceImaging
import Foundation
import Testing

/// Hostile and unusual images: every one is decoded or refused with an ``ImageDecodeError``, never a crash, and
/// nothing allocates more than the limits allow (a 50,000 × 50,000 header is refused before any pixel memory).
@Suite struct HostileImageTests {
    /// Builds the variants with Pillow (and a hand-made PNG header), prints `name<TAB>media type` per file.
    static let generator = #"""
        import struct, sys, zlib
        from PIL import Image
        folder = sys.argv[1]
        def out(name, media): print(f"{name}\t{media}")
        base = Image.radial_gradient("L").resize((300, 200)).convert("RGB")
        base.save(f"{folder}/ok.jpg", quality=90); out("ok.jpg", "image/jpeg")
        base.convert("CMYK").save(f"{folder}/cmyk.jpg"); out("cmyk.jpg", "image/jpeg")
        base.save(f"{folder}/progressive.jpg", progressive=True); out("progressive.jpg", "image/jpeg")
        base.convert("L").save(f"{folder}/grey.jpg"); out("grey.jpg", "image/jpeg")
        base.convert("P").save(f"{folder}/palette.png"); out("palette.png", "image/png")
        base.convert("RGBA").save(f"{folder}/alpha.png"); out("alpha.png", "image/png")
        base.convert("I;16").save(f"{folder}/sixteen.png"); out("sixteen.png", "image/png")
        base.save(f"{folder}/interlaced.png", interlace=1); out("interlaced.png", "image/png")
        base.save(f"{folder}/ok.webp"); out("ok.webp", "image/webp")
        base.convert("RGBA").save(f"{folder}/alpha.webp", lossless=True); out("alpha.webp", "image/webp")
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        # A header of 50,000 x 50,000 and a few bytes of data: must be refused from the header alone.
        huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0)) \
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
        open(f"{folder}/huge.png", "wb").write(huge); out("huge.png", "image/png")
        # A bomb: 4,000 x 4,000 of zeros is 48 MB of pixels from about 50 KB of file.
        bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4000, 4000, 8, 2, 0, 0, 0)) \
            + chunk(b"IDAT", zlib.compress(b"\0" * (4000 * 3 + 1) * 4000, 9)) + chunk(b"IEND", b"")
        open(f"{folder}/bomb.png", "wb").write(bomb); out("bomb.png", "image/png")
        Image.new("RGB", (9000, 9000), (10, 20, 30)).save(f"{folder}/huge.jpg", quality=50); out("huge.jpg", "image/jpeg")
        """#

    @Test func hostileImagesAreDecodedOrRefusedNeverCrash() throws {
        guard PDQOracleTests.oracleAvailable() else { return }
        let folder = try TestSupport.temporaryDirectory("hostile-images")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.tool("python3", ["-c", Self.generator, folder.path])
        try #require(result.status == 0, "\(result.stderr)")
        var outcomes: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(fields[0])))
            // The small files are also cut at 31 places: truncation anywhere is a warning or a refusal. (The bomb and
            // the huge JPEG once each: decoding 20 million pixels 31 times is minutes of a debug build.)
            let cuts = bytes.count > 200_000 ? [] : Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 31)))
            for length in cuts + [bytes.count] {
                let outcome: String
                do {
                    let decoded = try ImageDecoder.decode(Array(bytes.prefix(length)), mediaType: fields[1])
                    #expect(decoded.image.width * decoded.image.height <= ImageLimits().maxPixels)
                    outcome = PDQHasher.hash(of: decoded.image) == nil ? "tiny" : "hashed"
                } catch let error as ImageDecodeError {
                    outcome = error.code.rawValue
                }
                if length == bytes.count { outcomes[fields[0]] = outcome }
            }
        }
        for name in ["ok.jpg", "cmyk.jpg", "progressive.jpg", "grey.jpg", "palette.png", "alpha.png", "sixteen.png",
                     "interlaced.png", "ok.webp", "alpha.webp", "bomb.png"] {
            #expect(outcomes[name] == "hashed", "\(name): \(outcomes[name] ?? "-")")
        }
        #expect(outcomes["huge.png"] == ImageDecodeError.Code.tooLarge.rawValue)
        // 81 million pixels of JPEG are decoded at 1/4 scale (5 million; 1/2 would be 20 million), within the limit.
        #expect(outcomes["huge.jpg"] == "hashed")
        let hugeJPEG = try ImageDecoder.decode([UInt8](try Data(contentsOf: folder.appendingPathComponent("huge.jpg"))),
                                               mediaType: "image/jpeg")
        #expect(hugeJPEG.scaleDenominator == 4)
    }

    @Test func aHeaderOfFiftyThousandSquaredIsRefusedBeforeDecoding() throws {
        // Built byte by byte: signature, IHDR of 50,000 × 50,000 RGB (its CRC is not even right), nothing else.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0x00, 0x00, 0xC3, 0x50, 0x00, 0x00, 0xC3, 0x50, 8, 2, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: ImageDecodeError.self) { try ImageDecoder.decode(png, mediaType: "image/png") }
        for mediaType in ImageDecoder.mediaTypes {
            #expect(throws: ImageDecodeError.self) { try ImageDecoder.decode([], mediaType: mediaType) }
            #expect(throws: ImageDecodeError.self) { try ImageDecoder.decode(Array(repeating: 0xFF, count: 100), mediaType: mediaType) }
        }
        #expect(throws: ImageDecodeError.self) { try ImageDecoder.decode(png, mediaType: "image/gif") }
    }
}
