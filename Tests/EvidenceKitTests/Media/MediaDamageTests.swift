import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Truncated, cut and empty files of every format: no crash, no time the whole file does not hold, and a
/// warning (or a typed error) that names the format and the problem whenever a time is lost.
@Suite("Damaged media: truncation and empty files")
struct MediaDamageTests {
    /// One fixture per format the issue lists, each carrying at least one time (GIF carries none).
    static let formats: [(fixture: String, format: String)] = [
        ("photo-iphone.jpg", "JPEG"), ("photo-le.jpg", "JPEG"), ("screenshot-xmp.jpg", "JPEG"),
        ("png-times.png", "PNG"), ("screenshot-ios.png", "PNG"), ("xmp-compressed.png", "PNG"),
        ("photo.heic", "HEIF"), ("photo.avif", "HEIF"), ("video.mp4", "QuickTime"),
        ("screen-recording.mov", "QuickTime"), ("video.3gp", "QuickTime"), ("image.webp", "WebP"),
        ("image.gif", "GIF"),
        // Issue 14: the readers added for the times other tools read, and audio that carries a time.
        ("png-creation-offset.png", "PNG"), ("iptc.jpg", "JPEG"), ("image-xmp.gif", "GIF"), ("xmp-utf16.jpg", "JPEG"),
        ("raw.dng", "TIFF"), ("raw.nef", "TIFF"), ("photo.cr3", "CR3"), ("voice-memo.m4a", "QuickTime"),
        ("audio-only.mp4", "QuickTime"), ("recording.mp3", "ID3"),
    ]

    /// Audio that carries no time: cut anywhere, it must not invent one, and it keeps saying why there is none.
    static let timelessAudio = ["voice-note.opus", "voice-note.ogg", "voice-note.amr", "recording.wav"]

    static let utc = TimeZone(identifier: "UTC")!

    /// Words a warning uses to say a structure is incomplete or points nowhere.
    static let problemWords = ["cut short", "ends", "past the end", "outside", "no movie header", "too short",
                               "shorter", "truncated", "no valid length", "no HEIF meta box", "is empty",
                               "no TIFF header", "no JPEG", "no PNG", "no RIFF", "no GIF", "malformed",
                               "not a valid", "not a full", "is not", "no location",
                               "match no format"]

    /// The embedded (in-file) times of a byte string, as `source field wall-clock`, and its warnings.
    static func embedded(_ bytes: [UInt8], name: String) throws -> (times: Set<String>, inspection: ItemInspection) {
        let inspection = try ItemInspector.inspect(source: ArrayByteSource(bytes), originalName: name,
                                                   context: InspectionContext(timeZone: utc))
        let times = inspection.timestamps.filter { [.exif, .xmp, .pngTime, .quicktime, .iptc, .id3].contains($0.source) }
        return (Set(times.map { "\($0.source.rawValue) \($0.field) \($0.local)" }), inspection)
    }

    @Test(arguments: formats)
    func everyPrefixKeepsOnlyRealTimesAndSaysWhenOneIsLost(_ fixture: String, _ format: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(fixture)")
        let whole = try Self.embedded(bytes, name: "x")
        #expect(whole.inspection.warnings.allSatisfy { $0.code.rawValue == "no-date" }, "\(fixture): \(whole.inspection.warnings)")
        #expect(format == "GIF" || !whole.times.isEmpty)
        for length in 0..<bytes.count {
            let cut = try Self.embedded(Array(bytes.prefix(length)), name: "x")
            let invented = cut.times.subtracting(whole.times)
            #expect(invented.isEmpty, "\(fixture) cut at \(length): \(invented) is not in the whole file")
            guard cut.times.count < whole.times.count else { continue }
            // The first few bytes of a RIFF or ISO file ("RIFF", "\0\0\0") can be plain text: they are.
            if cut.inspection.mediaType == "text/plain", length < 12 { continue }
            let warnings = cut.inspection.warnings.filter { $0.code.rawValue != "no-date" }
            let named = warnings.contains { warning in
                Self.problemWords.contains { warning.message.contains($0) }
            }
            #expect(named, "\(fixture) cut at \(length) lost a time without a warning naming why: \(warnings)")
            if length == 0 {
                #expect(cut.inspection.warnings.map(\.code.rawValue).contains("empty-file"))
            } else if cut.inspection.mediaType == "application/octet-stream" {
                #expect(cut.inspection.warnings.map(\.code.rawValue) == ["unrecognised-content"])
            }
        }
        FuzzRun.report(["ItemInspector"], inputs: bytes.count)
    }

    /// GIF carries no time; an MP3's ID3 tag sits at its start, and the frames after it are not read.
    @Test(arguments: formats.map(\.fixture).filter { $0 != "image.gif" && $0 != "recording.mp3" })
    func cutInHalfIsReportedAsTruncated(_ fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(fixture)")
        let half = try Self.embedded(Array(bytes.prefix(bytes.count / 2)), name: "x").inspection
        let codes = Set(half.warnings.map(\.code.rawValue))
        #expect(!codes.isDisjoint(with: ["truncated", "no-moov", "bad-offset"]), "\(fixture): \(half.warnings)")
        #expect(half.warnings.allSatisfy { !$0.message.isEmpty })
    }

    @Test(arguments: timelessAudio)
    func everyPrefixOfTimelessAudioInventsNoTime(_ fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(fixture)")
        let whole = try Self.embedded(bytes, name: "x")
        #expect(whole.times.isEmpty)
        #expect(whole.inspection.kind == .audio)
        for length in 0..<bytes.count {
            let cut = try Self.embedded(Array(bytes.prefix(length)), name: "x")
            #expect(cut.times.isEmpty, "\(fixture) cut at \(length): \(cut.times)")
            #expect(!cut.inspection.warnings.isEmpty || cut.inspection.kind == .document,
                    "\(fixture) cut at \(length) says nothing about its missing time")
        }
        FuzzRun.report(["ItemInspector"], inputs: bytes.count)
    }

    /// A zero-byte file given to each parser directly is a typed error with the code `empty`.
    @Test func zeroBytesToEveryParserIsTheEmptyError() {
        let empty = ArrayByteSource([])
        let parsers: [(String, () throws -> Void)] = [
            ("JPEG", { _ = try JPEGMetadata(parsing: empty) }), ("PNG", { _ = try PNGMetadata(parsing: empty) }),
            ("WebP", { _ = try WebPMetadata(parsing: empty) }), ("GIF", { _ = try GIFMetadata(parsing: empty) }),
            ("HEIF", { _ = try HEIFMetadata(parsing: empty) }),
            ("QuickTime", { _ = try QuickTimeMetadata(parsing: empty) }),
            ("TIFF", { _ = try TIFFMetadata(parsing: empty) }), ("CR3", { _ = try CR3Metadata(parsing: empty) }),
            ("Ogg", { _ = try OggMetadata(parsing: empty) }), ("AMR", { _ = try AMRMetadata(parsing: empty) }),
            ("ID3", { _ = try ID3Metadata(parsing: empty) }),
        ]
        for (name, parse) in parsers {
            #expect(throws: MediaParseError(code: .empty, reason: "the file is empty"), "\(name)") { try parse() }
        }
        #expect(throws: MediaParseError(code: .truncated, reason: "EXIF: EXIF block too short for a TIFF header")) {
            try EXIFMetadata(tiff: [])
        }
        #expect(XMPMetadata(packet: []).metadata.times.isEmpty)
    }

    @Test func zeroByteFileThroughTheInspectorSaysItIsEmpty() throws {
        let inspection = try ItemInspector.inspect(source: ArrayByteSource([]), originalName: "photo.jpg",
                                                   context: InspectionContext(timeZone: Self.utc))
        #expect(inspection.timestamps.isEmpty)
        #expect(inspection.best == nil)
        #expect(inspection.warnings == [EvidenceWarning(code: .emptyFile,
                                                        message: "the file is empty (0 bytes): it holds no picture, "
                                                            + "video or time")])
    }

    @Test func ifdLoopAndBadOffsetWarningsNameTheIFD() throws {
        let loop = try JPEGMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/exif-ifd-loop.jpg")))
            .metadata
        #expect(loop.warnings.contains { $0.code.rawValue == "ifd-loop" && $0.message.contains("ExifIFD")
            && $0.message.contains("not followed") })
        let outside = try JPEGMetadata(parsing: ArrayByteSource(
            try TestSupport.fixtureBytes("Media/exif-bad-offset.jpg"))).metadata
        #expect(outside.warnings.contains { $0.code.rawValue == "bad-offset" && $0.message.contains("ExifIFD")
            && $0.message.contains("outside the EXIF data") })
        let truncated = try JPEGMetadata(parsing: ArrayByteSource(
            try TestSupport.fixtureBytes("Media/jpeg-truncated.jpg"))).metadata
        #expect(truncated.warnings.contains { $0.code.rawValue == "truncated" && $0.message.contains("cut short") })
        let crc = try PNGMetadata(parsing: ArrayByteSource(try TestSupport.fixtureBytes("Media/png-bad-crc.png")))
            .metadata
        #expect(crc.warnings.first?.message.contains("tIME") == true)
        #expect(crc.warnings.first?.message.contains("bad CRC") == true)
    }

    @Test func heifMetaWithoutItemListOrLocationsSaysSo() throws {
        let hdlr = box("hdlr", [0, 0, 0, 0] + be32(0) + Array("pict".utf8) + [UInt8](repeating: 0, count: 13))
        let file = box("ftyp", Array("heic".utf8) + be32(0) + Array("mif1heic".utf8))
            + box("meta", [0, 0, 0, 0] + hdlr)
        let metadata = try HEIFMetadata(parsing: ArrayByteSource(file)).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-box"])
        #expect(metadata.warnings.first?.message.contains("no iinf and iloc box") == true)
    }

    @Test func movieWithoutItsMovieHeaderSaysSo() throws {
        let file = box("ftyp", Array("isom".utf8) + be32(0)) + box("moov", box("udta", []))
        let metadata = try QuickTimeMetadata(parsing: ArrayByteSource(file)).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-box"])
        #expect(metadata.warnings.first?.message.contains("no movie header (mvhd)") == true)
    }
}
