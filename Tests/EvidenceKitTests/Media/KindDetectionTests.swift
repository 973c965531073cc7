import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Kind detection")
struct KindDetectionTests {
    struct Case: Sendable, CustomStringConvertible {
        var label: String
        var mediaType: String
        var make: String? = nil
        var userComment: String? = nil
        var size: (Int, Int)? = nil
        var name: String = "file"
        var kind: EvidenceKind
        var reason: String
        var description: String { label }
    }

    /// One row per rule, in the order the rules are tried; `reason` is a part of the recorded reason.
    static let cases: [Case] = [
        Case(label: "video by type", mediaType: "video/mp4", kind: .video, reason: "video/mp4 file"),
        Case(label: "video named by a video pattern", mediaType: "video/quicktime",
             name: "Screen Recording 2023-12-25 at 14.03.22.mov", kind: .video,
             reason: "name matches the macos-screen-recording pattern"),
        Case(label: "UserComment beats a camera", mediaType: "image/jpeg", make: "Apple", userComment: "Screenshot",
             kind: .screenshot, reason: "UserComment says \"Screenshot\""),
        Case(label: "screenshot name beats a camera", mediaType: "image/jpeg", make: "Samsung",
             name: "Screenshot_20231225-140322.jpg", kind: .screenshot,
             reason: "file name matches the android-screenshot pattern"),
        Case(label: "camera make", mediaType: "image/jpeg", make: "Apple", size: (1170, 2532),
             kind: .photo, reason: "camera make/model in EXIF: Apple"),
        Case(label: "photo name beats screen size", mediaType: "image/png", size: (1080, 1920),
             name: "IMG_20231225_140322.png", kind: .photo, reason: "file name matches the android-camera-photo"),
        Case(label: "screen size, either orientation", mediaType: "image/jpeg", size: (2532, 1170),
             kind: .screenshot, reason: "2532×1170 is a common screen size"),
        Case(label: "PNG without camera", mediaType: "image/png", size: (640, 480), kind: .screenshot,
             reason: "cameras do not write PNG"),
        Case(label: "JPEG without any clue", mediaType: "image/jpeg", size: (640, 480), kind: .photo,
             reason: "no camera or screenshot clue"),
        Case(label: "PDF", mediaType: "application/pdf", kind: .document, reason: "PDF"),
        Case(label: "text", mediaType: "text/plain", kind: .document, reason: "plain text"),
        Case(label: "e-mail", mediaType: "message/rfc822", kind: .email, reason: "e-mail message"),
        Case(label: "mbox", mediaType: "application/mbox", kind: .email, reason: "e-mail message"),
        Case(label: "zip", mediaType: "application/zip", kind: .other, reason: "ZIP archive"),
        Case(label: "unknown bytes", mediaType: "application/octet-stream", kind: .other, reason: "unrecognised"),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) {
        var metadata = MediaMetadata()
        metadata.make = testCase.make
        metadata.userComment = testCase.userComment
        metadata.width = testCase.size?.0
        metadata.height = testCase.size?.1
        let (kind, reason) = KindDetection.detect(mediaType: testCase.mediaType, metadata: metadata,
                                                  nameMatch: FileNamePatterns.match(testCase.name))
        #expect(kind == testCase.kind)
        #expect(reason.contains(testCase.reason), "\(reason)")
    }

    /// The manifest's fixed vocabulary; `audio` joined it with issue 14 (voice notes).
    @Test func everyKindValueIsOneOfTheEight() {
        #expect(Set(EvidenceKind.allCases.map(\.rawValue))
            == ["screenshot", "photo", "video", "audio", "chat", "email", "document", "other"])
    }

    @Test func realFixturesGetTheirKindAndReason() throws {
        let zone = TimeZone(identifier: "Europe/Brussels")!
        let expected: [(String, EvidenceKind, String)] = [
            ("photo-iphone.jpg", .photo, "Apple iPhone 12"), ("screenshot-ios.png", .screenshot, "UserComment"),
            ("screenshot-xmp.jpg", .screenshot, "UserComment"), ("photo.heic", .photo, "Apple iPhone 15"),
            ("photo.avif", .photo, "Samsung"), ("plain.png", .screenshot, "1080×2400"),
            ("video.3gp", .video, "video/3gpp"), ("screen-recording.mov", .video, "video/quicktime"),
        ]
        for (fixture, kind, reason) in expected {
            let inspection = try ItemInspector.inspect(fileAt: TestSupport.fixture("Media/\(fixture)"),
                                                       originalName: fixture, context: InspectionContext(timeZone: zone))
            #expect(inspection.kind == kind, "\(fixture)")
            #expect(inspection.kindReason.contains(reason), "\(fixture): \(inspection.kindReason)")
        }
    }
}
