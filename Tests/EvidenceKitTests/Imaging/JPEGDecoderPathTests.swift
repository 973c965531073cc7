@testable import EvidenceImaging
import Foundation
import Testing

/// A JPEG is decoded scanline by scanline (so `add` never holds a whole photo); the pixels, warnings, errors and
/// scale must be those of TurboJPEG's `tjDecompress2`, which decoded it whole before, on every fixture, every kind
/// of JPEG Pillow writes, and damaged copies of them (cut short, bytes changed), and the hash computed while
/// decoding must be the hash of the whole decoded image.
@Suite struct JPEGDecoderPathTests {
    /// Writes JPEGs of several kinds with Pillow; prints one name per line.
    static let generator = #"""
        import sys
        from PIL import Image
        folder = sys.argv[1]
        base = Image.radial_gradient("L").resize((301, 203)).convert("RGB")
        stripes = Image.linear_gradient("L").resize((301, 203))
        base = Image.merge("RGB", (base.getchannel(0), stripes, base.getchannel(0).rotate(90)))
        def save(name, image, **options):
            image.save(f"{folder}/{name}", **options)
            print(name)
        save("baseline.jpg", base, quality=90)
        save("subsampled-444.jpg", base, quality=95, subsampling=0)
        save("subsampled-422.jpg", base, subsampling=1)
        save("progressive.jpg", base, progressive=True)
        save("grey.jpg", base.convert("L"))
        save("cmyk.jpg", base.convert("CMYK"))
        save("odd.jpg", base.resize((67, 5)))
        save("tiny.jpg", base.resize((3, 9)))
        """#

    /// What a decode gave, to compare the two paths whole.
    enum Outcome: Equatable {
        case decoded(RGBImage, warnings: [String], scale: Int)
        case refused(String)
    }

    static func outcome(_ bytes: [UInt8], limits: ImageLimits, throughTurboJPEG: Bool) -> Outcome {
        do {
            let decoded = try JPEGDecoder.decode(bytes, limits: limits, throughTurboJPEG: throughTurboJPEG)
            return .decoded(decoded.image, warnings: decoded.warnings, scale: decoded.scaleDenominator)
        } catch {
            return .refused("\(error)")
        }
    }

    /// The whole file, 24 prefixes and 24 copies with 1 to 4 bytes changed past the first tenth (a seeded generator).
    static func variants(of bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var variants = [bytes]
        variants += stride(from: 0, to: bytes.count, by: max(1, bytes.count / 24)).map { Array(bytes.prefix($0)) }
        for _ in 0..<24 where bytes.count > 20 {
            var changed = bytes
            for _ in 0...(next() % 4) {
                changed[bytes.count / 10 + next() % (bytes.count - bytes.count / 10)] = UInt8(next() % 256)
            }
            variants.append(changed)
        }
        return variants
    }

    static func compare(_ file: URL) throws -> (decoded: Int, warned: Int, refused: Int) {
        let bytes = [UInt8](try Data(contentsOf: file))
        var counts = (decoded: 0, warned: 0, refused: 0)
        for (number, variant) in variants(of: bytes, seed: UInt64(bytes.count)).enumerated() {
            // The usual limits, and limits that make the decoder scale the image down.
            for limits in [ImageLimits(), ImageLimits(maxPixels: 2_000)] {
                let streamed = outcome(variant, limits: limits, throughTurboJPEG: false)
                let whole = outcome(variant, limits: limits, throughTurboJPEG: true)
                #expect(streamed == whole, "\(file.lastPathComponent), variant \(number), \(limits.maxPixels) pixels")
                switch whole {
                case .decoded(_, let warnings, _): if warnings.isEmpty { counts.decoded += 1 } else { counts.warned += 1 }
                case .refused: counts.refused += 1
                }
                let hashed = Result { try ImageDecoder.pdqHash(of: variant, mediaType: "image/jpeg", limits: limits) }
                switch (hashed, whole) {
                case (.success(let hashed), .decoded(let image, let warnings, let scale)):
                    #expect(hashed.pdq == PDQHasher.hash(of: image) && hashed.warnings == warnings
                                && hashed.scaleDenominator == scale && hashed.width == image.width
                                && hashed.height == image.height, "\(file.lastPathComponent), variant \(number)")
                case (.failure(let error), .refused(let message)):
                    #expect("\(error)" == message, "\(file.lastPathComponent), variant \(number)")
                default:
                    Issue.record("\(file.lastPathComponent), variant \(number): \(hashed) against \(whole)")
                }
            }
        }
        return counts
    }

    @Test(arguments: ["photo-iphone.jpg", "screenshot-xmp.jpg", "iptc.jpg", "xmp-utf16.jpg", "jpeg-truncated.jpg",
                      "dst-gap.jpg", "empty.jpg", "photo-le.jpg"])
    func fixtureDecodesAsTurboJPEGDecodedIt(name: String) throws {
        _ = try Self.compare(TestSupport.fixture("Media/\(name)"))
    }

    @Test func everyKindOfJPEGDecodesAsTurboJPEGDecodedIt() throws {
        guard PDQOracleTests.oracleAvailable() else { return }
        let folder = try TestSupport.temporaryDirectory("jpeg-paths")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.tool("python3", ["-c", Self.generator, folder.path])
        try #require(result.status == 0, "the JPEG generator failed: \(result.stderr)")
        let files = result.stdout.split(separator: "\n").map { folder.appendingPathComponent(String($0)) }
        #expect(files.count == 8)
        var total = (decoded: 0, warned: 0, refused: 0)
        for file in files {
            let counts = try Self.compare(file)
            total = (total.decoded + counts.decoded, total.warned + counts.warned, total.refused + counts.refused)
        }
        // The damaged copies reach all three outcomes, so each is compared.
        #expect(total.decoded > 0 && total.warned > 0 && total.refused > 0, "\(total)")
    }
}
