import Foundation
import Testing

@testable import EvidenceKit

@Suite("Media type probe")
struct MediaTypeProbeTests {
    @Test(arguments: [
        ("photo-iphone.jpg", "image/jpeg"), ("screenshot-ios.png", "image/png"), ("image.webp", "image/webp"),
        ("image.gif", "image/gif"), ("photo.heic", "image/heic"), ("video.mp4", "video/mp4"),
        ("screen-recording.mov", "video/quicktime"), ("video.3gp", "video/3gpp"), ("empty.jpg", "application/octet-stream"),
    ])
    func fixturesAreRecognisedFromTheirBytes(_ name: String, _ expected: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(name)")
        #expect(MediaTypeProbe.mediaType(of: bytes) == expected)
    }

    @Test func nameDoesNotMatterOnlyBytes() {
        #expect(MediaTypeProbe.mediaType(of: Array("hello, world\n".utf8)) == "text/plain")
        #expect(MediaTypeProbe.mediaType(of: [0x00, 0x01, 0x02]) == "application/octet-stream")
    }
}
