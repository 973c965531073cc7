@testable import EvidenceImaging
import EvidenceModel
import Foundation
import Testing

/// PDQ hashes are stored in cases and sealed in bundles, so a faster path must give the same bits and the same
/// quality as the straightforward one: luminance of the whole image in `Double` per pixel, the reference's
/// whole-plane blur, decimation, DCT. Compared on real decoded images (every still-image fixture), on a
/// screenshot-sized picture and on a photo-sized one.
@Suite struct PDQReferencePathTests {
    /// The hash as PDQHasher computed it before the blur was streamed.
    static func referenceHash(of image: RGBImage) -> (samples: [Float], result: PDQResult) {
        var plane = [Float](repeating: 0, count: image.width * image.height)
        for index in plane.indices {
            let red = Double(image.pixels[index * 3]) * 0.299
            let green = Double(image.pixels[index * 3 + 1]) * 0.587
            let blue = Double(image.pixels[index * 3 + 2]) * 0.114
            plane[index] = Float(red + green + blue)
        }
        let small = image.width == 64 && image.height == 64
            ? plane : JaroszFilterTests.referenceSamples(plane, rows: image.height, columns: image.width)
        let frequencies = PDQHasher.dct64To16(small)
        let median = frequencies.sorted()[127]
        let hash = PDQHash(settingBits: { frequencies[$0] > median })
        return (small, PDQResult(hash: hash, quality: PDQHasher.quality(of: small)))
    }

    static let fixtures = [
        "Media/photo-iphone.jpg", "Media/screenshot-xmp.jpg", "Media/iptc.jpg", "Media/xmp-utf16.jpg",
        "Media/png-creation-offset.png", "Media/xmp-compressed.png", "Media/plain.png", "Media/screenshot-ios.png",
        "Media/photo.heic",
    ]

    @Test(arguments: fixtures)
    func fixtureHashIsTheReferencePathHash(path: String) throws {
        let url = TestSupport.fixture(path)
        let mediaType = ["jpg": "image/jpeg", "png": "image/png", "heic": "image/heic"][url.pathExtension]!
        let decoded = try ImageDecoder.decode(try TestSupport.fixtureBytes(path), mediaType: mediaType)
        let ours = try #require(PDQHasher.hash(of: decoded.image))
        let reference = Self.referenceHash(of: decoded.image)
        #expect(PDQHasher.downsampledLuminance(of: decoded.image) == reference.samples)
        #expect(ours == reference.result)
    }

    /// Sizes of a phone's screenshot and photo (the images `add` spends its time on), an odd size, and 64 × 64
    /// (used as it is, unblurred), filled with bands, text-like strokes and noise from a seeded generator.
    @Test(arguments: [(1170, 2532), (4032, 3024), (333, 517), (64, 64)])
    func generatedImageHashIsTheReferencePathHash(size: (width: Int, height: Int)) throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D &+ UInt64(size.width)
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var pixels = [UInt8](repeating: 0, count: size.width * size.height * 3)
        var band = (0, 0, 0)
        for row in 0..<size.height {
            if row % 37 == 0 { band = (next() % 256, next() % 256, next() % 256) }
            for column in 0..<size.width {
                let index = (row * size.width + column) * 3
                let stroke = (column / 7 + row / 11) % 5 == 0 && next() % 3 == 0
                pixels[index] = UInt8(stroke ? next() % 64 : band.0)
                pixels[index + 1] = UInt8(stroke ? next() % 64 : band.1)
                pixels[index + 2] = UInt8(stroke ? next() % 64 : (band.2 + column) % 256)
            }
        }
        let image = RGBImage(width: size.width, height: size.height, pixels: pixels)
        let reference = Self.referenceHash(of: image)
        #expect(PDQHasher.downsampledLuminance(of: image) == reference.samples)
        #expect(PDQHasher.hash(of: image) == reference.result)
    }
}
