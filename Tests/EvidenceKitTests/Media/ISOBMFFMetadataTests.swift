import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("ISO BMFF: HEIF and QuickTime/MP4")
struct ISOBMFFMetadataTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func values(_ metadata: MediaMetadata) -> [String: String] {
        Dictionary(metadata.times.map { ("\($0.source.rawValue) \($0.field)", $0.timestamp(assuming: brussels).value) }) {
            a, _ in a
        }
    }

    func source(_ name: String) throws -> ArrayByteSource {
        ArrayByteSource(try TestSupport.fixtureBytes("Media/\(name)"))
    }

    @Test func heicExifAndXMPItems() throws {
        let metadata = try HEIFMetadata(parsing: source("photo.heic")).metadata
        #expect(values(metadata) == [
            "exif DateTimeOriginal": "2023-12-25T14:03:22+01:00",
            "xmp photoshop:DateCreated": "2023-12-25T14:03:22+01:00",
        ])
        #expect(metadata.make == "Apple")
        #expect(metadata.model == "iPhone 15")
        #expect(metadata.warnings.isEmpty)
    }

    @Test func avifExifItem() throws {
        let metadata = try HEIFMetadata(parsing: source("photo.avif")).metadata
        #expect(values(metadata) == ["exif DateTimeOriginal": "2023-12-25T14:03:22+01:00"])
        #expect(metadata.make == "Samsung")
        #expect(metadata.warnings.isEmpty)
    }

    @Test func heifExifItemPointingOutsideTheFileIsAWarning() throws {
        func file(exifOffset: UInt32, length: UInt32) -> [UInt8] {
            let infe = box("infe", [2, 0, 0, 0] + [0, 1] + [0, 0] + Array("Exif".utf8) + [0])
            let iinf = box("iinf", [0, 0, 0, 0] + [0, 1] + infe)
            let iloc = box("iloc", [0, 0, 0, 0] + [0x44, 0x00] + [0, 1] + [0, 1] + [0, 0] + [0, 1]
                + be32(exifOffset) + be32(length))
            let hdlr = box("hdlr", [0, 0, 0, 0] + be32(0) + Array("pict".utf8) + [UInt8](repeating: 0, count: 13))
            return box("ftyp", Array("heic".utf8) + be32(0) + Array("mif1heic".utf8))
                + box("meta", [0, 0, 0, 0] + hdlr + iinf + iloc)
        }
        var good = file(exifOffset: 0, length: 0)
        let tiff: [UInt8] = [0, 0, 0, 0] + Array("MM\0*".utf8) + [0, 0, 0, 8] + [0, 1]
            + [0x01, 0x32, 0, 2, 0, 0, 0, 20, 0, 0, 0, 26] + [0, 0, 0, 0] + Array("2023:12:25 14:03:22\0".utf8)
        good = file(exifOffset: UInt32(good.count), length: UInt32(tiff.count)) + tiff
        let read = try HEIFMetadata(parsing: ArrayByteSource(good)).metadata
        #expect(values(read) == ["exif ModifyDate": "2023-12-25T14:03:22+01:00"])
        #expect(read.warnings.isEmpty)

        let outside = file(exifOffset: 0x7FFF_FFFF, length: 100)
        let damaged = try HEIFMetadata(parsing: ArrayByteSource(outside)).metadata
        #expect(damaged.times.isEmpty)
        #expect(damaged.warnings.map(\.code.rawValue) == ["bad-offset"])
        #expect(damaged.warnings.first?.message.contains("outside the file") == true)
    }

    @Test(arguments: ["video.mp4", "video.3gp"])
    func movieHeaderTrackAndMediaTimesAreUTC(_ name: String) throws {
        let metadata = try QuickTimeMetadata(parsing: source(name)).metadata
        let fields = ["mvhd", "track1.tkhd", "track1.mdhd"].flatMap { ["\($0).creation_time", "\($0).modification_time"] }
        #expect(metadata.times.map(\.field) == fields)
        #expect(metadata.times.allSatisfy { $0.isUTC && $0.source == .quicktime })
        #expect(Set(values(metadata).values) == ["2023-12-25T13:03:22Z"])
        #expect(metadata.warnings.isEmpty)
    }

    @Test func zeroTimesAreUnsetNotNineteenOhFour() throws {
        let metadata = try QuickTimeMetadata(parsing: source("video-no-time.mp4")).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func appleCreationDateKeyCarriesTheOffset() throws {
        let metadata = try QuickTimeMetadata(parsing: source("screen-recording.mov")).metadata
        let key = try #require(metadata.times.first { $0.field == "com.apple.quicktime.creationdate" })
        #expect(key.offsetSeconds == 3600)
        #expect(key.timestamp(assuming: brussels).value == "2023-12-25T14:03:22+01:00")
        let inspection = try ItemInspector.inspect(fileAt: TestSupport.fixture("Media/screen-recording.mov"),
                                                   originalName: "Screen Recording 2023-12-25 at 14.03.22.mov",
                                                   context: InspectionContext(timeZone: brussels))
        #expect(inspection.kind == .video)
        #expect(inspection.best?.field == "com.apple.quicktime.creationdate")
        #expect(inspection.warnings.isEmpty)
    }

    @Test func version1MovieHeaderUses64BitTimes() throws {
        let seconds1904: UInt64 = 1_703_509_402 + 2_082_844_800
        var mvhd: [UInt8] = [1, 0, 0, 0] + be64(seconds1904) + be64(seconds1904 + 60)
        mvhd += be32(1000) + be64(0) + [UInt8](repeating: 0, count: 80)
        let file = box("ftyp", Array("isom".utf8) + be32(0)) + box("moov", box("mvhd", mvhd))
        let metadata = try QuickTimeMetadata(parsing: ArrayByteSource(file)).metadata
        #expect(values(metadata) == [
            "quicktime mvhd.creation_time": "2023-12-25T13:03:22Z",
            "quicktime mvhd.modification_time": "2023-12-25T13:04:22Z",
        ])
    }

    @Test func fiveGigabyteVideoCostsAFewSmallReads() throws {
        // ftyp, then a 5 GB mdat (64-bit size), then moov: only headers are read.
        let seconds1904 = UInt32(1_703_509_402 + 2_082_844_800)
        let mvhd: [UInt8] = [0, 0, 0, 0] + be32(seconds1904) + be32(seconds1904) + [UInt8](repeating: 0, count: 88)
        let head = box("ftyp", Array("isom".utf8) + be32(0))
        let mdatSize: UInt64 = 5_000_000_000
        let mdatHeader = be32(1) + Array("mdat".utf8) + be64(mdatSize)
        let moov = box("moov", box("mvhd", mvhd))
        let source = SparseSource(segments: [(0, head + mdatHeader), (UInt64(head.count) + mdatSize, moov)],
                                  count: UInt64(head.count) + mdatSize + UInt64(moov.count))
        let metadata = try QuickTimeMetadata(parsing: source).metadata
        #expect(metadata.times.count == 2)
        #expect(source.reads.value <= 8)
        #expect(source.bytesRead.value < 512)
    }

    @Test func truncatedMovieHeaderIsAWarningAndWholeBoxesAreStillRead() throws {
        let bytes = try TestSupport.fixtureBytes("Media/video.mp4")
        let metadata = try QuickTimeMetadata(parsing: ArrayByteSource(Array(bytes.prefix(bytes.count / 2)))).metadata
        #expect(metadata.warnings.first?.code.rawValue == "truncated")
        #expect(metadata.warnings.first?.message.contains("moov") == true)
        #expect(Set(values(metadata).values) == ["2023-12-25T13:03:22Z"])
    }

    @Test func videoCutBeforeItsMovieHeaderHasNoTimeAndSaysWhy() throws {
        let bytes = try TestSupport.fixtureBytes("Media/video.mp4")
        let moov = try #require(bytes.indices.first { bytes.starts(with: Array("moov".utf8), at: $0) }) - 4
        let cut = Array(bytes.prefix(moov))
        #expect(throws: MediaParseError.self) { try QuickTimeMetadata(parsing: ArrayByteSource(cut)) }
        let folder = try TestSupport.temporaryDirectory("iso")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cut.mp4")
        try Data(cut).write(to: url)
        let inspection = try ItemInspector.inspect(fileAt: url, originalName: "cut.mp4",
                                                   context: InspectionContext(timeZone: brussels))
        #expect(inspection.mediaType == "video/mp4")
        #expect(inspection.timestamps.isEmpty)
        #expect(inspection.warnings.map(\.code.rawValue) == ["no-moov", "no-date"])
    }

    @Test func boxSizeSmallerThanItsHeaderStopsTheWalk() throws {
        let file = box("ftyp", Array("isom".utf8) + be32(0)) + be32(4) + Array("moov".utf8)
        var metadata = MediaMetadata()
        let boxes = try ISOBoxReader.boxes(in: ArrayByteSource(file), from: 0, to: UInt64(file.count),
                                           within: "the file", metadata: &metadata)
        #expect(boxes.map(\.type) == ["ftyp"])
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-box"])
    }
}

@Suite("WebP and GIF")
struct WebPGIFMetadataTests {
    @Test func webPExifAndXMPChunks() throws {
        let metadata = try WebPMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/image.webp")))
            .metadata
        let zone = TimeZone(identifier: "UTC")!
        #expect(Dictionary(uniqueKeysWithValues: metadata.times.map { ($0.field, $0.timestamp(assuming: zone).value) })
            == ["DateTimeOriginal": "2023-12-25T14:03:22+01:00", "xmp:CreateDate": "2023-12-25T14:03:22+01:00"])
        #expect(metadata.width == 16 && metadata.height == 12)
        #expect(metadata.warnings.isEmpty)
    }

    @Test func gifIsRecognisedWithoutTimes() throws {
        let metadata = try GIFMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/image.gif"))).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.width == 8 && metadata.height == 8)
    }

    @Test func webPChunkRunningPastTheEndIsAWarning() throws {
        var bytes = try TestSupport.fixtureBytes("Media/image.webp")
        bytes = Array(bytes.prefix(bytes.count - 40))
        let metadata = try WebPMetadata(parsing: ArrayByteSource(bytes)).metadata
        #expect(metadata.warnings.contains { $0.code.rawValue == "truncated" })
    }
}

func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
func be64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }
func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { be32(UInt32(8 + payload.count)) + Array(type.utf8) + payload }

/// A large virtual file: given segments of bytes, zeros elsewhere; counts reads.
final class SparseSource: ByteSource, @unchecked Sendable {
    let segments: [(UInt64, [UInt8])]
    let count: UInt64
    let reads = CountingSource.Counter()
    let bytesRead = CountingSource.Counter()

    init(segments: [(UInt64, [UInt8])], count: UInt64) {
        self.segments = segments
        self.count = count
    }

    func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        guard offset < count else { return [] }
        let length = Int(min(UInt64(maxCount), count - offset))
        var result = [UInt8](repeating: 0, count: length)
        for (start, bytes) in segments {
            for index in 0..<length {
                let position = offset + UInt64(index)
                if position >= start, position < start + UInt64(bytes.count) {
                    result[index] = bytes[Int(position - start)]
                }
            }
        }
        reads.value += 1
        bytesRead.value += length
        return result
    }
}
