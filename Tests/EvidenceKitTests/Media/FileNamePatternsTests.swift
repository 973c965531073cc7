import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("File-name patterns")
struct FileNamePatternsTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var pattern: String
        var value: String
        var precision: TimePrecision
        var kind: EvidenceKind
        var description: String { name }
    }

    static let brussels = TimeZone(identifier: "Europe/Brussels")!

    static let cases: [Case] = [
        Case(name: "Screenshot_20231225-140322.png", pattern: "android-screenshot",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot_20231225-140322_Instagram.jpg", pattern: "android-screenshot",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot_2023-12-25-14-03-22-123_com.instagram.android.jpg", pattern: "android-screenshot-ms",
             value: "2023-12-25T14:03:22.123+01:00", precision: .millisecond, kind: .screenshot),
        Case(name: "Screenshot_2023-12-25-14-03-22.png", pattern: "android-screenshot-dashed",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "IMG-20231225-WA0001.jpg", pattern: "whatsapp-image",
             value: "2023-12-25T00:00:00+01:00", precision: .day, kind: .photo),
        Case(name: "VID-20231225-WA0012.mp4", pattern: "whatsapp-video",
             value: "2023-12-25T00:00:00+01:00", precision: .day, kind: .video),
        Case(name: "PHOTO-2023-12-25-14-03-22.jpg", pattern: "whatsapp-export-photo",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .photo),
        Case(name: "VIDEO-2023-12-25-14-03-22.mp4", pattern: "whatsapp-export-video",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .video),
        Case(name: "IMG_20231225_140322.jpg", pattern: "android-camera-photo",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .photo),
        Case(name: "VID_20231225_140322.mp4", pattern: "android-camera-video",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .video),
        Case(name: "PXL_20231225_130322123.jpg", pattern: "pixel-camera-photo",
             value: "2023-12-25T13:03:22.123Z", precision: .millisecond, kind: .photo),
        Case(name: "Screenshot 2023-12-25 at 14.03.22.png", pattern: "macos-screenshot",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot 2023-12-25 at 2.03.22\u{202F}PM.png", pattern: "macos-screenshot-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot 2023-12-25 at 2.03.22 PM.png", pattern: "macos-screenshot-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot 2023-12-25 at 12.03.22\u{202F}AM.png", pattern: "macos-screenshot-12h",
             value: "2023-12-25T00:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screen Shot 2023-12-25 at 14.03.22.png", pattern: "macos-screen-shot",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screen Shot 2023-12-25 at 9.03.22 AM.png", pattern: "macos-screen-shot-12h",
             value: "2023-12-25T09:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screen Recording 2023-12-25 at 2.03.22\u{202F}PM.mov", pattern: "macos-screen-recording-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .video),
        Case(name: "Screen Shot 2023-12-25 at 2.03.22\u{202F}PM.png", pattern: "macos-screen-shot-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screen Recording 2023-12-25 at 2.03.22 PM.mov", pattern: "macos-screen-recording-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .video),
        // Noon is 12 PM; a no-break space (U+00A0) as some renaming tools write it.
        Case(name: "Screenshot 2023-12-25 at 12.03.22\u{00A0}PM.png", pattern: "macos-screenshot-12h",
             value: "2023-12-25T12:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screen Recording 2023-12-25 at 14.03.22.mov", pattern: "macos-screen-recording",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .video),
        Case(name: "Capture d\u{2019}écran 2023-12-25 à 14.03.22.png", pattern: "macos-screenshot-fr",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Capture d'écran 2023-12-25 à 14.03.22.png", pattern: "macos-screenshot-fr",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        // NFD, as macOS file systems hand names over: e + U+0301, a + U+0300.
        Case(name: "Capture d\u{2019}e\u{0301}cran 2023-12-25 a\u{0300} 14.03.22.png", pattern: "macos-screenshot-fr",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Capture d'e\u{0301}cran 2023-12-25 a\u{0300} 14.03.22.png", pattern: "macos-screenshot-fr",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        // A copy saved by a second screenshot in the same second: macOS appends " (2)".
        Case(name: "Schermafbeelding 2023-12-25 om 14.03.22 (2).png", pattern: "macos-screenshot-nl",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Schermafbeelding 2023-12-25 om 14.03.22.png", pattern: "macos-screenshot-nl",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Bildschirmfoto 2023-12-25 um 14.03.22.png", pattern: "macos-screenshot-de",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        // The 12-hour forms of the localized names: a French, Dutch or German macOS set to a 12-hour clock.
        Case(name: "Capture d\u{2019}écran 2023-12-25 à 2.03.22\u{202F}PM.png", pattern: "macos-screenshot-fr-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Capture d'e\u{0301}cran 2023-12-25 a\u{0300} 9.03.22 AM.png", pattern: "macos-screenshot-fr-12h",
             value: "2023-12-25T09:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Schermafbeelding 2023-12-25 om 2.03.22\u{202F}PM.png", pattern: "macos-screenshot-nl-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Schermafbeelding 2023-12-25 om 12.03.22 AM.png", pattern: "macos-screenshot-nl-12h",
             value: "2023-12-25T00:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Bildschirmfoto 2023-12-25 um 2.03.22\u{202F}PM.png", pattern: "macos-screenshot-de-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Bildschirmfoto 2023-12-25 um 2.03.22 PM.png", pattern: "macos-screenshot-de-12h",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
        Case(name: "Screenshot 2023-12-25 140322.png", pattern: "windows-screenshot",
             value: "2023-12-25T14:03:22+01:00", precision: .second, kind: .screenshot),
    ]

    @Test(arguments: cases)
    func pattern(_ testCase: Case) throws {
        let match = try #require(FileNamePatterns.match(testCase.name))
        #expect(match.pattern.name == testCase.pattern)
        #expect(match.pattern.kind == testCase.kind)
        let timestamp = match.timestamp(assuming: Self.brussels)
        #expect(timestamp.value == testCase.value)
        #expect(timestamp.precision == testCase.precision)
        #expect(timestamp.source == .filename)
        #expect(timestamp.field == testCase.pattern)
        #expect(timestamp.zone == (match.pattern.isUTC ? .utc : .assumed))
    }

    @Test func everyPatternInTheTableIsExercised() {
        let covered = Set(Self.cases.map(\.pattern))
        let missing = FileNamePatterns.all.map(\.name).filter { !covered.contains($0) }
        #expect(missing.isEmpty)
    }

    @Test(arguments: [
        "Screenshot_20231325-140322.png",  // month 13
        "Screenshot_20231225-250322.png",  // hour 25
        "Screenshot_20231225-1403221.png",  // one digit too many
        "IMG-2023122-WA0001.jpg",
        "holiday.jpg",
        "",
    ])
    func nonMatches(_ name: String) {
        #expect(FileNamePatterns.match(name) == nil)
    }

    @Test func localTimeInTheDSTGapIsFlaggedNotShiftedSilently() throws {
        let match = try #require(FileNamePatterns.match("Screenshot_20230326-023000.png"))
        let timestamp = match.timestamp(assuming: Self.brussels)
        #expect(timestamp.value == "2023-03-26T03:30:00+02:00")
        #expect(timestamp.warnings.count == 1)
    }

    @Test func folderIsIgnored() throws {
        #expect(FileNamePatterns.match("/tmp/x/Screenshot_20231225-140322.png")?.pattern.name == "android-screenshot")
    }

    /// macOS hands names over decomposed (NFD): every name, localized or not, matches the same way in NFD.
    @Test(arguments: cases)
    func decomposedNameMatchesLikeComposed(_ testCase: Case) throws {
        let decomposed = testCase.name.decomposedStringWithCanonicalMapping
        let match = try #require(FileNamePatterns.match(decomposed))
        #expect(match.pattern.name == testCase.pattern)
        #expect(match.timestamp(assuming: Self.brussels).value == testCase.value)
    }

    @Test func everyLocalizedMacOSPatternIsTestedInNFDAndWithBothSpacesIn12HourForms() {
        let localized = FileNamePatterns.all.map(\.name).filter { $0.hasPrefix("macos-") }
        for name in localized {
            let names = Self.cases.filter { $0.pattern == name }.map(\.name)
            if name.hasSuffix("-fr") {
                // The accents differ between NFC and NFD, with either apostrophe.
                #expect(names.contains { $0.contains("\u{2019}") && $0.unicodeScalars.contains("\u{0301}") })
                #expect(names.contains { $0.contains("'") && $0.unicodeScalars.contains("\u{0301}") })
            }
            if name.hasSuffix("-12h") {
                #expect(names.contains { $0.contains("\u{202F}PM") || $0.contains("\u{202F}AM") }, "\(name)")
                #expect(names.contains { $0.contains(" PM") || $0.contains(" AM") }, "\(name)")
            }
        }
    }

    /// A 12-hour name without a 12-hour row must give no time rather than one twelve hours off.
    @Test func meridiemAfterA24HourReadingIsNotIgnored() {
        #expect(FileNamePatterns.match("Screenshot 2023-12-25 140322 PM.png") == nil)
        #expect(FileNamePatterns.match("Screenshot 2023-12-25 140322.png") != nil)
    }

    @Test func localTimeThatHappensTwiceIsFlaggedAndTakesTheFirst() throws {
        // 29 October 2023, Brussels: 02:30 happens at +02:00 and again at +01:00.
        let match = try #require(FileNamePatterns.match("Screenshot_20231029-023000.png"))
        let timestamp = match.timestamp(assuming: Self.brussels)
        #expect(timestamp.value == "2023-10-29T02:30:00+02:00")
        #expect(timestamp.zone == .assumed)
        #expect(timestamp.warnings.count == 1)
    }

    @Test func pixelNamesAreUTCWhateverTheCaseZone() throws {
        let match = try #require(FileNamePatterns.match("PXL_20231225_130322123.jpg"))
        let timestamp = match.timestamp(assuming: TimeZone(identifier: "America/New_York")!)
        #expect(timestamp.value == "2023-12-25T13:03:22.123Z")
        #expect(timestamp.zoneName == nil)
    }

    /// Each pattern end to end on real bytes: a metadata-less PNG (or MP4 for video names) saved under the
    /// name, through the inspector, gives the name's time as the best time and the name's kind.
    @Test(arguments: cases)
    func patternOnARealFile(_ testCase: Case) throws {
        let folder = try TestSupport.temporaryDirectory("names")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = testCase.kind == .video ? "Media/video-no-time.mp4" : "Media/plain.png"
        let file = folder.appendingPathComponent(testCase.name)
        try FileManager.default.copyItem(at: TestSupport.fixture(fixture), to: file)
        let inspection = try ItemInspector.inspect(fileAt: file, originalName: file.lastPathComponent,
                                                   context: InspectionContext(timeZone: Self.brussels))
        let best = try #require(inspection.best)
        #expect(best.source == .filename)
        #expect(best.field == testCase.pattern)
        #expect(best.value == testCase.value)
        #expect(best.precision == testCase.precision)
        #expect(inspection.kind == testCase.kind)
        #expect(inspection.kindReason.contains(testCase.pattern))
        #expect(inspection.warnings.isEmpty)
    }
}
