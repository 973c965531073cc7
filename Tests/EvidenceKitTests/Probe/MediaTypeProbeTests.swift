import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Media type probe")
struct MediaTypeProbeTests {
    @Test(arguments: [
        ("photo-iphone.jpg", "image/jpeg"), ("screenshot-ios.png", "image/png"), ("image.webp", "image/webp"),
        ("image.gif", "image/gif"), ("photo.heic", "image/heic"), ("photo.avif", "image/avif"), ("video.mp4", "video/mp4"),
        ("screen-recording.mov", "video/quicktime"), ("video.3gp", "video/3gpp"), ("empty.jpg", "application/octet-stream"),
    ])
    func fixturesAreRecognisedFromTheirBytes(_ name: String, _ expected: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(name)")
        #expect(MediaTypeProbe.mediaType(of: bytes) == expected)
    }

    @Test func isoBrandsDecideBetweenImageAndVideo() {
        func ftyp(_ major: String, _ compatible: [String]) -> [UInt8] {
            let payload = Array(major.utf8) + [0, 0, 0, 0] + compatible.flatMap { Array($0.utf8) }
            return [0, 0, 0, UInt8(8 + payload.count)] + Array("ftyp".utf8) + payload
        }
        #expect(MediaTypeProbe.mediaType(of: ftyp("mif1", ["mif1", "avif"])) == "image/avif")
        #expect(MediaTypeProbe.mediaType(of: ftyp("mif1", ["mif1", "heic"])) == "image/heic")
        #expect(MediaTypeProbe.mediaType(of: ftyp("mif1", ["mif1"])) == "image/heif")
        #expect(MediaTypeProbe.mediaType(of: ftyp("qt  ", ["qt  "])) == "video/quicktime")
        #expect(MediaTypeProbe.mediaType(of: ftyp("3gp4", ["isom"])) == "video/3gpp")
        #expect(MediaTypeProbe.mediaType(of: ftyp("isom", ["isom", "avc1", "mp41"])) == "video/mp4")
        // A box size beyond the header only limits how many brands are read.
        #expect(MediaTypeProbe.mediaType(of: [0xFF, 0xFF, 0xFF, 0xFF] + Array("ftypisom".utf8)) == "video/mp4")
    }

    @Test func nameDoesNotMatterOnlyBytes() {
        #expect(MediaTypeProbe.mediaType(of: Array("hello, world\n".utf8)) == "text/plain")
        #expect(MediaTypeProbe.mediaType(of: [0x00, 0x01, 0x02]) == "application/octet-stream")
    }

    @Test func theFirstByteOrTwoOfABinaryFileAreNotText() {
        #expect(MediaTypeProbe.mediaType(of: [0xFF]) == "application/octet-stream")
        #expect(MediaTypeProbe.mediaType(of: [0xFF, 0xD8]) == "application/octet-stream")
        #expect(MediaTypeProbe.mediaType(of: [0x89, 0x50, 0x4E]) == "application/octet-stream")
        // A header cut inside a character by the 64-byte window is still text.
        let french = Array(String(repeating: "a", count: 63).utf8) + [0xC3]
        #expect(MediaTypeProbe.mediaType(of: french + [0xA9, 0x0A]) == "text/plain")
        // A whole file that ends inside a character is not.
        #expect(MediaTypeProbe.mediaType(of: Array("caf".utf8) + [0xC3]) == "application/octet-stream")
    }
}
