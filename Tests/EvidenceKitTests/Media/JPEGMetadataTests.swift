import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("JPEG and EXIF")
struct JPEGMetadataTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func read(_ name: String) throws -> MediaMetadata {
        try JPEGMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/\(name)"))).metadata
    }

    func values(_ metadata: MediaMetadata) -> [String: String] {
        Dictionary(metadata.times.map { ($0.field, $0.timestamp(assuming: brussels).value) }) { a, _ in a }
    }

    @Test func bigEndianEXIFWithOffsetsSubSecondsAndGPS() throws {
        let metadata = try read("photo-iphone.jpg")
        #expect(values(metadata) == [
            "DateTimeOriginal": "2023-12-25T14:03:22.123+01:00",
            "CreateDate": "2023-12-25T14:03:22.123+01:00",
            "ModifyDate": "2023-12-25T14:05:00+01:00",
            "GPSDateStamp+GPSTimeStamp": "2023-12-25T13:03:21Z",
        ])
        let original = try #require(metadata.times.first { $0.field == "DateTimeOriginal" })
        #expect(original.timestamp(assuming: brussels).zone == .embedded)
        #expect(original.precision == .millisecond)
        let gps = try #require(metadata.times.first { $0.field.hasPrefix("GPS") })
        #expect(gps.timestamp(assuming: brussels).zone == .utc)
        #expect(gps.source == .exif)
        #expect(metadata.make == "Apple")
        #expect(metadata.model == "iPhone 12")
        #expect(metadata.width == 16 && metadata.height == 12)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func littleEndianEXIFWithoutOffsetIsAssumedInTheCaseZone() throws {
        let metadata = try read("photo-le.jpg")
        let original = try #require(metadata.times.first { $0.field == "DateTimeOriginal" })
        let timestamp = original.timestamp(assuming: brussels)
        #expect(timestamp.value == "2023-12-25T14:03:22.450+01:00")
        #expect(timestamp.zone == .assumed)
        #expect(timestamp.zoneName == "Europe/Brussels")
        #expect(metadata.make == "Google")
    }

    @Test func xmpInAPP1GivesScreenshotClueAndDates() throws {
        let metadata = try read("screenshot-xmp.jpg")
        #expect(metadata.userComment == "Screenshot")
        #expect(values(metadata) == [
            "photoshop:DateCreated": "2023-12-25T14:03:22+01:00",
            "xmp:ModifyDate": "2023-12-25T14:10:00+01:00",
        ])
        #expect(metadata.times.first { $0.field == "photoshop:DateCreated" }?.offsetSeconds == nil)
        #expect(metadata.times.allSatisfy { $0.source == .xmp })
    }

    @Test func exifIFDOffsetOutsideTheFileIsAWarningAndTheRestIsRead() throws {
        let metadata = try read("exif-bad-offset.jpg")
        #expect(metadata.warnings.contains { $0.code.rawValue == "bad-offset" && $0.message.contains("ExifIFD") })
        #expect(!metadata.times.contains { $0.field == "DateTimeOriginal" })
        #expect(Set(metadata.times.map(\.field)) == ["ModifyDate", "GPSDateStamp+GPSTimeStamp"])
    }

    @Test func ifdLoopIsDetectedNotFollowed() throws {
        let metadata = try read("exif-ifd-loop.jpg")
        #expect(metadata.warnings.contains { $0.code.rawValue == "ifd-loop" })
        #expect(!metadata.times.contains { $0.field == "DateTimeOriginal" })
    }

    @Test func truncatedJPEGWarnsAndInventsNothing() throws {
        let metadata = try read("jpeg-truncated.jpg")
        #expect(metadata.warnings.contains { $0.code.rawValue == "truncated" })
        #expect(metadata.times.isEmpty)
    }

    @Test func emptyFileIsRefusedWithACode() throws {
        #expect(throws: MediaParseError.self) { try read("empty.jpg") }
        do { _ = try read("empty.jpg") } catch let error as MediaParseError { #expect(error.code == .empty) }
    }

    @Test func zeroAndBlankEXIFDatesAreUnsetNotTimes() throws {
        // Hand-built little-endian TIFF: IFD0 with DateTime "0000:00:00 00:00:00" and a garbage Make pointer.
        var tiff: [UInt8] = Array("II*\0".utf8) + [8, 0, 0, 0]
        tiff += [1, 0] + [0x32, 0x01, 2, 0, 20, 0, 0, 0, 26, 0, 0, 0] + [0, 0, 0, 0]
        tiff += Array("0000:00:00 00:00:00\0".utf8)
        let metadata = try EXIFMetadata(tiff: tiff).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func invalidEXIFDateIsAWarning() throws {
        var tiff: [UInt8] = Array("MM\0*".utf8) + [0, 0, 0, 8]
        tiff += [0, 1] + [0x01, 0x32, 0, 2, 0, 0, 0, 20, 0, 0, 0, 26] + [0, 0, 0, 0]
        tiff += Array("2023:13:45 25:61:00\0".utf8)
        let metadata = try EXIFMetadata(tiff: tiff).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-date"])
    }
}
