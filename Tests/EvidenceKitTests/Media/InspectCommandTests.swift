import Foundation
import Testing

@testable import EvidenceKit

@Suite("evidence inspect")
struct InspectCommandTests {
    @Test func jsonForOneFileHasExactlyTheDocumentedKeys() throws {
        let folder = try TestSupport.temporaryDirectory("inspect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Screenshot_20231225-140322.png")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/plain.png"), to: file)
        let result = try TestSupport.evidence(["inspect", "--json", "--timezone", "Europe/Paris", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["path", "size", "sha256", "mediaType", "kind", "timestamps", "best", "warnings"])
        #expect(object["size"] as? Int == 1348)
        #expect(object["mediaType"] as? String == "image/png")
        #expect(object["kind"] as? String == "screenshot")
        let expectedHash = try TestSupport.tool("sha256sum", [file.path]).stdout.prefix(64)
        #expect(object["sha256"] as? String == String(expectedHash))
        let best = try #require(object["best"] as? [String: Any])
        #expect(best["source"] as? String == "filename")
        #expect(best["value"] as? String == "2023-12-25T14:03:22+01:00")
        #expect(best["zone"] as? String == "assumed")
        #expect(best["zoneName"] as? String == "Europe/Paris")
        let timestamps = try #require(object["timestamps"] as? [[String: Any]])
        #expect(timestamps.map { $0["source"] as? String } == ["filename", "filesystem"])
    }

    @Test func severalFilesGiveAnArrayAndTextNamesTheKindReason() throws {
        let a = TestSupport.fixture("Media/photo-iphone.jpg").path
        let b = TestSupport.fixture("Media/screenshot-ios.png").path
        let json = try TestSupport.evidence(["inspect", "--json", "--timezone", "UTC", a, b])
        #expect(json.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["kind"] as? String } == ["photo", "screenshot"])
        let text = try TestSupport.evidence(["inspect", "--timezone", "UTC", b])
        #expect(text.status == 0)
        #expect(text.stdout.contains("kind: screenshot (UserComment says \"Screenshot\")"))
        #expect(text.stdout.contains("2023-12-25T14:03:22+01:00  [xmp photoshop:DateCreated; embedded; second]"))
    }

    @Test func dayPrecisionIsShownAsADateInText() throws {
        let folder = try TestSupport.temporaryDirectory("inspect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("IMG-20231225-WA0001.jpg")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/jpeg-truncated.jpg"), to: file)
        let text = try TestSupport.evidence(["inspect", "--timezone", "Europe/Brussels", file.path])
        #expect(text.stdout.contains("2023-12-25 (date only)  [filename whatsapp-image; assumed Europe/Brussels; day]"))
        #expect(!text.stdout.contains("T00:00:00"))
    }

    @Test func unreadableFileAndBadZoneExitWithTwo() throws {
        let missing = try TestSupport.evidence(["inspect", "/nonexistent/shot.png"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/shot.png"))
        let zone = try TestSupport.evidence(["inspect", "--timezone", "Mars/Olympus",
                                             TestSupport.fixture("Media/plain.png").path])
        #expect(zone.status == 2)
        #expect(zone.stderr.contains("Mars/Olympus"))
    }

    @Test func withoutTimezoneTheSystemZoneIsUsedNeverSilentlyUTC() throws {
        let folder = try TestSupport.temporaryDirectory("inspect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Screenshot_20231225-140322.png")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/plain.png"), to: file)
        let result = try TestSupport.evidence(["inspect", "--json", file.path], environment: ["TZ": "Asia/Tokyo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"value\" : \"2023-12-25T14:03:22+09:00\""))
        #expect(result.stdout.contains("\"zoneName\" : \"Asia/Tokyo\""))
    }
}
