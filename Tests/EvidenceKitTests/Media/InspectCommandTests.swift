import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

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

    /// Foundation calls the zone given as `UTC` `GMT`; what is printed and recorded is what the person gave.
    @Test func timezoneUTCIsPrintedAsUTCNotGMT() throws {
        let folder = try TestSupport.temporaryDirectory("inspect-utc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("IMG-20231225-WA0001.jpg")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/jpeg-truncated.jpg"), to: file)
        let text = try TestSupport.evidence(["inspect", "--timezone", "UTC", file.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("[filename whatsapp-image; assumed UTC; day]"), "\(text.stdout)")
        #expect(!text.stdout.contains("GMT"))
        let json = try TestSupport.evidence(["inspect", "--json", "--timezone", "UTC", file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let best = try #require(object["best"] as? [String: Any])
        #expect(best["zoneName"] as? String == "UTC")
        // A case made with --timezone UTC records UTC on the times it assumes, and inspect inside it says UTC too.
        #expect(try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "UTC"], in: folder).status == 0)
        let inCase = try TestSupport.evidence(["inspect", "--case", folder.appendingPathComponent("c").path, file.path])
        #expect(inCase.stdout.contains("assumed UTC;"), "\(inCase.stdout)")
        let added = try TestSupport.evidence(["add", file.path], in: folder.appendingPathComponent("c"))
        #expect(added.status == 0, "\(added.stderr)")
        let list = try TestSupport.evidence(["list", "--json"], in: folder.appendingPathComponent("c"))
        #expect(list.stdout.contains("\"zoneName\" : \"UTC\"") || list.stdout.contains("\"zoneName\":\"UTC\""),
                "\(list.stdout)")
        #expect(!list.stdout.contains("GMT"))
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

    static let keys: Set<String> = ["path", "size", "sha256", "mediaType", "kind", "timestamps", "best", "warnings"]

    /// A folder holding a case made by `evidence init` with the New York zone, and a metadata-less PNG named
    /// like an Android screenshot taken in July (EDT) and the little-endian JPEG whose EXIF has no offset (EST).
    func newYorkCase() throws -> (folder: URL, summer: URL, winter: URL) {
        let folder = try TestSupport.temporaryDirectory("inspect-case")
        let made = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "America/New_York"],
                                            in: folder)
        try #require(made.status == 0, "\(made.stderr)")
        let summer = folder.appendingPathComponent("Screenshot_20230704-120000.png")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/plain.png"), to: summer)
        let winter = folder.appendingPathComponent("photo-le.jpg")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/photo-le.jpg"), to: winter)
        return (folder, summer, winter)
    }

    func objects(_ result: TestSupport.ProcessResult) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    func timestamp(_ object: [String: Any], source: String) -> [String: Any]? {
        (object["timestamps"] as? [[String: Any]])?.first { $0["source"] as? String == source }
    }

    @Test func withCaseTheCaseZoneIsAssumedForTimesWithoutOffset() throws {
        let (folder, summer, winter) = try newYorkCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.evidence(["inspect", "--json", "--case", folder.appendingPathComponent("c").path,
                                               winter.path, summer.path], environment: ["TZ": "Asia/Tokyo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("this computer's time zone"))
        let array = try objects(result)
        let exif = try #require(timestamp(array[0], source: "exif"))
        #expect(exif["value"] as? String == "2023-12-25T14:03:22.450-05:00")
        #expect(exif["zone"] as? String == "assumed")
        #expect(exif["zoneName"] as? String == "America/New_York")
        let name = try #require(timestamp(array[1], source: "filename"))
        #expect(name["value"] as? String == "2023-07-04T12:00:00-04:00")
        #expect(name["zone"] as? String == "assumed")
        #expect(name["zoneName"] as? String == "America/New_York")
    }

    @Test func insideACaseFolderItsZoneIsUsedWithoutTheOption() throws {
        let (folder, summer, _) = try newYorkCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.evidence(["inspect", "--json", summer.path], in: folder.appendingPathComponent("c"),
                                              environment: ["TZ": "Asia/Tokyo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"value\" : \"2023-07-04T12:00:00-04:00\""))
    }

    @Test func timezoneOptionBeatsTheCaseZoneWhichBeatsTheSystemZone() throws {
        let (folder, summer, _) = try newYorkCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let casePath = folder.appendingPathComponent("c").path
        let option = try TestSupport.evidence(["inspect", "--json", "--timezone", "Europe/Paris", "--case", casePath,
                                               summer.path], environment: ["TZ": "Asia/Tokyo"])
        #expect(option.status == 0, "\(option.stderr)")
        #expect(option.stdout.contains("\"value\" : \"2023-07-04T12:00:00+02:00\""))
        #expect(option.stdout.contains("\"zoneName\" : \"Europe/Paris\""))
        let system = try TestSupport.evidence(["inspect", "--json", summer.path], environment: ["TZ": "Asia/Tokyo"])
        #expect(system.stdout.contains("\"value\" : \"2023-07-04T12:00:00+09:00\""))
        // A case path that is not a case is an error even when --timezone would have won.
        let wrong = try TestSupport.evidence(["inspect", "--timezone", "Europe/Paris", "--case", folder.path,
                                              summer.path])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("is not an EvidenceKit case"))
    }

    @Test func aCaseWhoseMetadataCannotBeReadIsAnErrorNotTheSystemZone() throws {
        let (folder, summer, _) = try newYorkCase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let caseFolder = folder.appendingPathComponent("c")
        let metadata = try FileManager.default.contentsOfDirectory(at: caseFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        try #require(metadata.count == 1, "the case's metadata file: \(metadata)")
        try Data("{".utf8).write(to: metadata[0])
        let result = try TestSupport.evidence(["inspect", "--case", caseFolder.path, summer.path],
                                              environment: ["TZ": "Asia/Tokyo"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot read the case's time zone"))
    }

    @Test func systemZoneIsNamedOnStandardErrorAndAnUnknownTZIsRefusedNotReadAsUTC() throws {
        let folder = try TestSupport.temporaryDirectory("inspect-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Screenshot_20231225-140322.png")
        try FileManager.default.copyItem(at: TestSupport.fixture("Media/plain.png"), to: file)
        let tokyo = try TestSupport.evidence(["inspect", file.path], environment: ["TZ": "Asia/Tokyo"])
        #expect(tokyo.status == 0)
        #expect(tokyo.stderr.contains("this computer's time zone, Asia/Tokyo"))
        // The POSIX spelling with a colon names the same zone (Foundation alone would read it as UTC).
        let colon = try TestSupport.evidence(["inspect", "--json", file.path], environment: ["TZ": ":Europe/Paris"])
        #expect(colon.status == 0, "\(colon.stderr)")
        #expect(colon.stdout.contains("\"value\" : \"2023-12-25T14:03:22+01:00\""))
        let unknown = try TestSupport.evidence(["inspect", "--json", file.path], environment: ["TZ": "Mars/Olympus"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("TZ environment variable \"Mars/Olympus\""))
        #expect(unknown.stderr.contains("--timezone"))
        // An unknown TZ does not matter when --timezone says which zone to use.
        let named = try TestSupport.evidence(["inspect", "--timezone", "Europe/Paris", file.path],
                                             environment: ["TZ": "Mars/Olympus"])
        #expect(named.status == 0)
        #expect(named.stderr.isEmpty)
    }

    @Test func everyObjectOfAnArrayHasExactlyTheDocumentedKeysAndBestIsAlwaysPresent() throws {
        let names = ["photo-iphone.jpg", "screenshot-ios.png", "image.gif", "video.mp4", "empty.jpg"]
        let result = try TestSupport.evidence(["inspect", "--json", "--timezone", "UTC"]
            + names.map { TestSupport.fixture("Media/\($0)").path })
        #expect(result.status == 0, "\(result.stderr)")
        let array = try objects(result)
        #expect(array.count == names.count)
        for object in array {
            #expect(Set(object.keys) == Self.keys, "\(object["path"] ?? "?")")
            for stamp in object["timestamps"] as? [[String: Any]] ?? [] {
                #expect(Set(stamp.keys).isSuperset(of: ["source", "field", "value", "zone", "precision"]))
                #expect(Set(stamp.keys).isSubset(of: ["source", "field", "value", "zone", "zoneName", "precision",
                                                      "warnings"]))
            }
        }
        #expect(array.map { $0["kind"] as? String } == ["photo", "screenshot", "photo", "video", "other"])
        let empty = try #require(array.last)
        #expect(empty["size"] as? Int == 0)
        #expect(empty["sha256"] as? String == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect((empty["warnings"] as? [[String: Any]])?.first?["code"] as? String == "empty-file")
    }
}
