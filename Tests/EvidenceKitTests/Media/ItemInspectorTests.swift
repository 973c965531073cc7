import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Item inspector")
struct ItemInspectorTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func inspect(_ fixture: String, as name: String? = nil, context: InspectionContext? = nil) throws -> ItemInspection {
        try ItemInspector.inspect(fileAt: TestSupport.fixture("Media/\(fixture)"), originalName: name ?? fixture,
                                  context: context ?? InspectionContext(timeZone: brussels))
    }

    @Test func iOSScreenshot() throws {
        let inspection = try inspect("screenshot-ios.png", as: "IMG_0001.PNG")
        #expect(inspection.mediaType == "image/png")
        #expect(inspection.kind == .screenshot)
        #expect(inspection.kindReason.contains("UserComment"))
        #expect(inspection.best?.source == .xmp)
        #expect(inspection.best?.field == "photoshop:DateCreated")
        #expect(inspection.best?.value == "2023-12-25T14:03:22+01:00")
        #expect(inspection.warnings.isEmpty)
    }

    @Test func androidScreenshotWithoutMetadataTakesItsNameInTheCaseZone() throws {
        let inspection = try inspect("plain.png", as: "Screenshot_20231225-140322.png")
        #expect(inspection.kind == .screenshot)
        #expect(inspection.kindReason.contains("android-screenshot"))
        let best = try #require(inspection.best)
        #expect(best.source == .filename)
        #expect(best.zone == .assumed)
        #expect(best.zoneName == "Europe/Brussels")
        #expect(best.value == "2023-12-25T14:03:22+01:00")
    }

    @Test func nameAndMetadataTwoHoursApartWarn() throws {
        let inspection = try inspect("photo-iphone.jpg", as: "IMG_20231225_160322.jpg")
        #expect(inspection.kind == .photo)
        #expect(inspection.best?.field == "DateTimeOriginal")
        #expect(inspection.warnings.map(\.code.rawValue) == ["sources-disagree"])
    }

    @Test func plainScreenshotWithNoTimeAtAllWarnsNoDate() throws {
        let modified = Instant(unixSeconds: 1_703_513_002)
        let inspection = try inspect("plain.png", as: "image.png",
                                     context: InspectionContext(timeZone: brussels, fileModificationTime: modified,
                                                                acquiredAt: Instant(unixSeconds: 1_703_600_000)))
        #expect(inspection.kind == .screenshot)
        #expect(inspection.kindReason.contains("1080×2400"))
        #expect(inspection.timestamps.map(\.source) == [.filesystem, .acquired])
        #expect(inspection.timestamps.allSatisfy { $0.zone == .utc })
        #expect(inspection.best?.source == .filesystem)
        #expect(inspection.warnings.map(\.code.rawValue) == ["no-date"])
    }

    @Test func declaredTimeIsRecordedAndLabelled() throws {
        let local = try #require(RFC3339.parseLenient("2023-12-25T14:00")?.local)
        let declared = EvidenceTimestamp.assumed(local, in: brussels, source: .declared, field: "declared", role: .capture,
                                                 precision: .minute)
        let inspection = try inspect("plain.png", as: "image.png",
                                     context: InspectionContext(timeZone: brussels, declared: declared))
        #expect(inspection.timestamps == [declared])
        #expect(inspection.best == declared)
        #expect(inspection.warnings.isEmpty)
    }

    @Test func zeroByteFile() throws {
        let inspection = try inspect("empty.jpg", as: "Screenshot_20231225-140322.png")
        #expect(inspection.mediaType == "application/octet-stream")
        #expect(inspection.kind == .other)
        #expect(inspection.warnings.map(\.code.rawValue) == ["empty-file"])
    }

    @Test func exifLocalTimeInTheDSTGapIsFlagged() throws {
        let inspection = try inspect("dst-gap.jpg")
        #expect(inspection.best?.value == "2023-03-26T03:30:00+02:00")
        #expect(inspection.warnings.map(\.code.rawValue) == ["local-time-dst"])
    }

    @Test func nonMediaFilesStillGetAnInspection() throws {
        let folder = try TestSupport.temporaryDirectory("inspect")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("chat.txt")
        try Data("25/12/2023, 14:03 - Alice: hello\n".utf8).write(to: text)
        let pdf = folder.appendingPathComponent("letter.pdf")
        try Data("%PDF-1.4\n%\u{e2}\u{e3}\n".utf8).write(to: pdf)
        let context = InspectionContext(timeZone: brussels, fileModificationTime: Instant(unixSeconds: 1_703_513_002))
        let textInspection = try ItemInspector.inspect(fileAt: text, originalName: "chat.txt", context: context)
        #expect(textInspection.mediaType == "text/plain")
        #expect(textInspection.kind == .document)
        #expect(textInspection.best?.source == .filesystem)
        #expect(textInspection.warnings.isEmpty)
        let pdfInspection = try ItemInspector.inspect(fileAt: pdf, originalName: "letter.pdf", context: context)
        #expect(pdfInspection.mediaType == "application/pdf")
        #expect(pdfInspection.kind == .document)
    }

    @Test func missingFileThrowsNamingIt() {
        let url = URL(fileURLWithPath: "/nonexistent/evidence.png")
        #expect {
            _ = try ItemInspector.inspect(fileAt: url, originalName: "evidence.png",
                                          context: InspectionContext(timeZone: brussels))
        } throws: { error in
            (error as? IOError)?.path == "/nonexistent/evidence.png"
        }
    }

    @Test func readsOnlyTheBytesItNeeds() throws {
        // A PNG whose IDAT claims 1 GiB: the parser reads chunk headers and metadata, never the image data.
        var bytes = try TestSupport.fixtureBytes("Media/png-times.png")
        let idat = try #require(bytes.indices.first { bytes.starts(with: Array("IDAT".utf8), at: $0) }) - 4
        bytes = Array(bytes[..<idat]) + [0x40, 0, 0, 0] + Array("IDAT".utf8)
        let source = CountingSource(bytes: bytes, virtualCount: UInt64(bytes.count) + (1 << 30) + 4)
        let inspection = try ItemInspector.inspect(source: source, originalName: "x.png",
                                                   context: InspectionContext(timeZone: brussels))
        #expect(inspection.timestamps.count == 3)
        #expect(source.bytesRead.value < 1024)
    }
}

/// A byte source that counts what parsers ask for.
final class CountingSource: ByteSource, @unchecked Sendable {
    let inner: ArrayByteSource
    let bytesRead = Counter()

    final class Counter: @unchecked Sendable { var value = 0 }

    let virtualCount: UInt64

    /// `virtualCount` bytes, the first ones from `bytes`, zeros after.
    init(bytes: [UInt8], virtualCount: UInt64? = nil) {
        inner = ArrayByteSource(bytes)
        self.virtualCount = virtualCount ?? UInt64(bytes.count)
    }

    var count: UInt64 { virtualCount }

    func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        var bytes = try inner.read(at: offset, maxCount: maxCount)
        if offset >= inner.count, offset < virtualCount {
            bytes = [UInt8](repeating: 0, count: Int(min(UInt64(maxCount), virtualCount - offset)))
        }
        bytesRead.value += bytes.count
        return bytes
    }
}
