import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The image times other tools read and we did not (issue 14): a PNG `Creation Time` with its offset, IPTC-IIM in
/// JPEG APP13, XMP in GIF and in UTF-16, TIFF-based raw, DNG and CR3. Field by field; the oracle test checks the
/// same fixtures against exiftool.
@Suite("Image times other tools read")
struct ImageTimesOtherToolsReadTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func inspect(_ fixture: String, as name: String = "x") throws -> ItemInspection {
        try ItemInspector.inspect(fileAt: TestSupport.fixture("Media/\(fixture)"), originalName: name,
                                  context: InspectionContext(timeZone: brussels))
    }

    func embedded(_ inspection: ItemInspection) -> [EvidenceTimestamp] {
        inspection.timestamps.filter { ![.filename, .filesystem, .acquired, .declared].contains($0.source) }
    }

    @Test func pngCreationTimeKeepsItsWrittenOffset() throws {
        let inspection = try inspect("png-creation-offset.png")
        let times = embedded(inspection)
        #expect(times.count == 1)
        let time = try #require(times.first)
        #expect(time.source == .pngTime)
        #expect(time.field == "Creation Time")
        #expect(time.value == "2023-12-25T14:03:20+01:00")
        #expect(time.zone == .embedded)
        #expect(time.zoneName == nil)
        #expect(time.instant.unixSeconds == 1_703_509_400)
        #expect(inspection.warnings.isEmpty)
    }

    @Test(arguments: [("2023:12:25 14:03:20+01:00", "2023-12-25T14:03:20+01:00", ZoneBasis.embedded),
                      ("2023:12:25 14:03:20.5-05:00", "2023-12-25T14:03:20.500-05:00", .embedded),
                      ("2023:12:25 14:03:20Z", "2023-12-25T14:03:20Z", .embedded),
                      ("2023:12:25 14:03:20", "2023-12-25T14:03:20+01:00", .assumed)])
    func exifSpelledTimesKeepWhatFollowsTheSeconds(_ text: String, _ value: String, _ zone: ZoneBasis) throws {
        let chunk = pngChunk("tEXt", Array("Creation Time\0\(text)".utf8))
        let png = PNGMetadata.signature + pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0]) + chunk
            + pngChunk("IEND", [])
        let metadata = try PNGMetadata(parsing: ArrayByteSource(png)).metadata
        let time = try #require(metadata.times.first?.timestamp(assuming: brussels))
        #expect(time.value == value)
        #expect(time.zone == zone)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func exifDateTimeWithAnOffsetInTheValueKeepsIt() throws {
        // The audit of the other readers: an EXIF DateTimeOriginal written with its offset inside the value.
        let date = Array("2023:12:25 14:03:22+02:00\0".utf8)
        var tiff: [UInt8] = Array("II*\0".utf8) + le32(8) + le16(1) + le16(0x8769) + le16(4) + le32(1) + le32(26)
            + le32(0)
        tiff += le16(1) + le16(0x9003) + le16(2) + le32(UInt32(date.count)) + le32(44) + le32(0) + date
        let metadata = try EXIFMetadata(tiff: tiff).metadata
        let time = try #require(metadata.times.first?.timestamp(assuming: brussels))
        #expect(time.value == "2023-12-25T14:03:22+02:00")
        #expect(time.zone == .embedded)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func iptcDateAndTimeCreatedInAPP13() throws {
        let inspection = try inspect("iptc.jpg")
        let times = embedded(inspection)
        #expect(times.map(\.source) == [.iptc, .iptc])
        #expect(times.map(\.field) == ["DateCreated+TimeCreated", "DigitalCreationDate+DigitalCreationTime"])
        #expect(times.map(\.value) == ["2023-12-25T14:03:22+01:00", "2023-12-25T14:03:20+01:00"])
        #expect(times.allSatisfy { $0.zone == .embedded && $0.precision == .second && $0.role == .capture })
        #expect(inspection.best?.field == "DateCreated+TimeCreated")
        #expect(!inspection.warnings.contains { $0.code == .noDate })
    }

    @Test func iptcDateAloneIsAWholeDayInTheCaseZone() throws {
        let inspection = try inspect("iptc-no-offset.jpg")
        let time = try #require(embedded(inspection).first)
        #expect(embedded(inspection).count == 1)
        #expect(time.field == "DateCreated")
        #expect(time.precision == .day)
        #expect(time.zone == .assumed)
        #expect(time.zoneName == "Europe/Brussels")
        #expect(time.value == "2023-12-25T00:00:00+01:00")
    }

    @Test func iptcTimeWithoutOffsetAndDamagedDataSets() throws {
        let good = iim([(55, "20231225"), (60, "140322")])
        let time = try #require(IPTCMetadata(app13: photoshop(good)).metadata.times.first)
        #expect(time.offsetSeconds == nil)
        #expect(time.timestamp(assuming: brussels).value == "2023-12-25T14:03:22+01:00")
        let badTime = IPTCMetadata(app13: photoshop(iim([(55, "20231225"), (60, "25:99")]))).metadata
        #expect(badTime.times.map(\.field) == ["DateCreated"])
        #expect(badTime.warnings.map(\.code) == [.badDate])
        let cut = IPTCMetadata(app13: Array(photoshop(good).dropLast(3))).metadata
        #expect(cut.times.isEmpty)
        #expect(cut.warnings.map(\.code) == [.truncated])
    }

    @Test func xmpInAGIFApplicationExtension() throws {
        let inspection = try inspect("image-xmp.gif")
        #expect(inspection.mediaType == "image/gif")
        let times = embedded(inspection)
        #expect(Set(times.map(\.field)) == ["photoshop:DateCreated", "xmp:CreateDate"])
        #expect(times.allSatisfy { $0.source == .xmp && $0.value == "2023-12-25T14:03:22+01:00" && $0.zone == .embedded })
        #expect(inspection.warnings.isEmpty)
        #expect(try GIFMetadata(parsing: ArrayByteSource(TestSupport.fixtureBytes("Media/image-xmp.gif"))).metadata.width == 8)
    }

    @Test func xmpInUTF16IsReadWithoutATooDeepWarning() throws {
        let inspection = try inspect("xmp-utf16.jpg")
        let xmp = embedded(inspection).filter { $0.source == .xmp }
        #expect(Set(xmp.map(\.field)) == ["photoshop:DateCreated", "xmp:CreateDate"])
        #expect(xmp.allSatisfy { $0.value == "2023-12-25T14:03:22+01:00" && $0.zone == .embedded })
        #expect(!inspection.warnings.contains { $0.code == .tooDeep })
        let packet = "<x:xmpmeta><rdf:RDF><rdf:Description xmp:CreateDate=\"2023-12-25T14:03:22Z\"/></rdf:RDF></x:xmpmeta>"
        for bytes in [[0xFE, 0xFF] + utf16(packet, bigEndian: true), utf16(packet, bigEndian: true),
                      [0xFF, 0xFE] + utf16(packet, bigEndian: false), utf32(packet)] {
            let metadata = XMPMetadata(packet: bytes).metadata
            #expect(metadata.times.map(\.field) == ["xmp:CreateDate"])
            #expect(metadata.warnings.isEmpty)
        }
    }

    @Test func dngIsRecognisedAndItsEXIFRead() throws {
        let inspection = try inspect("raw.dng", as: "PXL_20231225_130322123.RAW-01.COVER.dng")
        #expect(inspection.mediaType == "image/x-adobe-dng")
        #expect(inspection.kind == .photo)
        #expect(inspection.kindReason.contains("Google Pixel 7"))
        let times = embedded(inspection)
        #expect(times.map(\.field) == ["DateTimeOriginal", "CreateDate"])
        #expect(times.map(\.value) == ["2023-12-25T14:03:22.123+01:00", "2023-12-25T14:03:22+01:00"])
        #expect(times.allSatisfy { $0.source == .exif && $0.zone == .embedded })
    }

    @Test func tiffBasedRawWithoutDNGTagsIsATIFFPhoto() throws {
        let inspection = try inspect("raw.nef")
        #expect(inspection.mediaType == "image/tiff")
        #expect(inspection.kind == .photo)
        #expect(inspection.kindReason.contains("NIKON D750"))
        let times = embedded(inspection)
        #expect(times.map(\.field) == ["DateTimeOriginal", "CreateDate"])
        #expect(times.allSatisfy { $0.value == "2023-12-25T14:03:22+01:00" && $0.zone == .assumed })
        #expect(MediaTypeProbe.mediaType(of: Array("II*\0\u{10}\0\0\0CR\u{2}\0".utf8)) == "image/x-canon-cr2")
    }

    @Test func cr3ExifInsideTheCanonBox() throws {
        let inspection = try inspect("photo.cr3")
        #expect(inspection.mediaType == "image/x-canon-cr3")
        #expect(inspection.kind == .photo)
        #expect(inspection.kindReason.contains("Canon EOS R6"))
        let times = embedded(inspection)
        #expect(times.map(\.field) == ["DateTimeOriginal", "CreateDate", "ModifyDate"])
        #expect(times.map(\.value) == ["2023-12-25T14:03:22.450+01:00", "2023-12-25T14:03:22+01:00",
                                       "2023-12-25T14:03:22+01:00"])
        #expect(times.allSatisfy { $0.source == .exif && $0.zone == .embedded })
        #expect(inspection.best?.field == "DateTimeOriginal")
        #expect(inspection.warnings.isEmpty)
    }

    // MARK: Builders

    func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        be32(UInt32(data.count)) + Array(type.utf8) + data + be32(EvidenceParsers.CRC32.checksum(Array(type.utf8), data))
    }

    func iim(_ dataSets: [(UInt8, String)]) -> [UInt8] {
        dataSets.flatMap { [0x1C, 2, $0.0] + be16(UInt16($0.1.utf8.count)) + Array($0.1.utf8) }
    }

    func photoshop(_ iim: [UInt8]) -> [UInt8] {
        IPTCMetadata.photoshopSignature + Array("8BIM".utf8) + be16(0x0404) + [0, 0] + be32(UInt32(iim.count)) + iim
            + (iim.count % 2 == 1 ? [0] : [])
    }

    func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    func utf32(_ text: String) -> [UInt8] { text.unicodeScalars.flatMap { be32($0.value) } }

    func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
}
