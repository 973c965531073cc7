import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Every embedded time we report on the fixtures equals what exiftool reports, and every time exiftool
/// finds in the groups we read is one we report.
@Suite("Oracle: exiftool agrees", .enabled(if: TestSupport.hasTool("exiftool"),
                                           "exiftool is not installed (apt-get install libimage-exiftool-perl)"))
struct MediaOracleTests {
    static let fixtures = ["photo-iphone.jpg", "photo-le.jpg", "screenshot-xmp.jpg", "dst-gap.jpg",
                           "exif-bad-offset.jpg", "exif-ifd-loop.jpg", "jpeg-truncated.jpg", "screenshot-ios.png",
                           "xmp-compressed.png", "png-times.png", "png-bad-crc.png", "png-truncated.png", "plain.png",
                           "image.webp", "image.gif", "photo.heic", "photo.avif", "video.mp4", "video-no-time.mp4",
                           "screen-recording.mov", "video.3gp", "png-creation-offset.png", "iptc.jpg",
                           "iptc-no-offset.jpg", "image-xmp.gif", "xmp-utf16.jpg", "raw.dng", "raw.nef", "photo.cr3",
                           "voice-note.opus", "voice-note.ogg", "voice-note.amr", "recording.mp3", "recording.wav",
                           "voice-memo.m4a", "audio-only.mp4"]

    /// exiftool's name for each of our fields, most precise first (Composite joins sub-seconds and offsets).
    static func exiftoolKeys(_ timestamp: EvidenceTimestamp) -> [String] {
        let field = timestamp.field
        switch (timestamp.source, field) {
        case (.exif, "DateTimeOriginal"): return ["Composite:SubSecDateTimeOriginal", "ExifIFD:DateTimeOriginal"]
        case (.exif, "CreateDate"): return ["Composite:SubSecCreateDate", "ExifIFD:CreateDate"]
        case (.exif, "ModifyDate"): return ["Composite:SubSecModifyDate", "IFD0:ModifyDate"]
        case (.exif, "GPSDateStamp+GPSTimeStamp"): return ["Composite:GPSDateTime"]
        case (.xmp, _): return ["XMP-" + field]
        case (.pngTime, "tIME"): return ["PNG:ModifyDate"]
        case (.pngTime, "Creation Time"): return ["PNG:CreationTime"]
        case (.quicktime, "mvhd.creation_time"): return ["QuickTime:CreateDate"]
        case (.quicktime, "mvhd.modification_time"): return ["QuickTime:ModifyDate"]
        case (.quicktime, "com.apple.quicktime.creationdate"): return ["Keys:CreationDate"]
        case (.iptc, "DateCreated+TimeCreated"):
            return ["Composite:DateTimeCreated", "IPTC:DateCreated", "IPTC:TimeCreated"]
        case (.iptc, "DigitalCreationDate+DigitalCreationTime"):
            return ["Composite:DigitalCreationDateTime", "IPTC:DigitalCreationDate", "IPTC:DigitalCreationTime"]
        case (.iptc, _): return ["IPTC:" + field]
        case (.id3, "TDRC"): return ["ID3v2_4:RecordingTime", "ID3v2_3:RecordingTime"]
        case (.quicktime, _):
            // trackN.tkhd.creation_time → TrackN:TrackCreateDate; mdhd → MediaCreateDate.
            let parts = field.split(separator: ".")
            guard parts.count == 3 else { return [] }
            let track = "Track" + parts[0].dropFirst("track".count)
            let kind = parts[1] == "tkhd" ? "Track" : "Media"
            let which = parts[2] == "creation_time" ? "CreateDate" : "ModifyDate"
            return ["\(track):\(kind)\(which)"]
        default: return []
        }
    }

    /// exiftool keys that only complete another (offsets and sub-seconds, read with their date).
    static func isPart(_ key: String) -> Bool {
        key.hasPrefix("ExifIFD:OffsetTime") || key.hasPrefix("ExifIFD:SubSecTime") || key.hasPrefix("GPS:")
    }

    /// `2023:12:25 14:03:22.45+01:00` → (`2023-12-25T14:03:22`, nanoseconds, offset seconds or nil); a date alone
    /// (`2023:12:25`, IPTC `DateCreated`) is midnight of that day, as a day-precision time shows.
    static func normalise(_ text: String) -> (String, Int, Int?)? {
        var chars = Array(text.count == 10 ? text + " 00:00:00" : text)
        guard chars.count >= 19 else { return nil }
        chars[4] = "-"
        chars[7] = "-"
        chars[10] = "T"
        let head = String(chars[0..<19])
        var rest = Substring(String(chars[19...]))
        var nanos = 0
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isNumber }
            guard let parsed = MetadataTimeText.fraction(String(digits)) else { return nil }
            nanos = parsed.nanoseconds
            rest = rest.dropFirst(1 + digits.count)
        }
        if rest.isEmpty { return (head, nanos, nil) }
        guard let offset = MetadataTimeText.offset(String(rest)) else { return nil }
        return (head, nanos, offset)
    }

    @Test func embeddedTimesMatchExiftool() throws {
        let paths = Self.fixtures.map { TestSupport.fixture("Media/\($0)").path }
        let result = try TestSupport.tool("exiftool", ["-j", "-time:all", "-a", "-G1"] + paths)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == Self.fixtures.count)
        let utc = TimeZone(identifier: "UTC")!
        var compared = 0
        var comparedIn: [String: Int] = [:]
        for (name, path) in zip(Self.fixtures, paths) {
            let report = try #require(reports.first { $0["SourceFile"] as? String == path }, "\(name)")
            let times = report.compactMapValues { "\($0)" }.filter { !$0.value.hasPrefix("0000:00:00") }
            let inspection = try ItemInspector.inspect(fileAt: URL(fileURLWithPath: path), originalName: "x",
                                                       context: InspectionContext(timeZone: utc))
            let ours = inspection.timestamps.filter { [.exif, .xmp, .pngTime, .quicktime, .iptc, .id3].contains($0.source) }
            var explained: Set<String> = []
            for timestamp in ours {
                let keys = Self.exiftoolKeys(timestamp)
                explained.formUnion(keys)
                guard let key = keys.first(where: { times[$0] != nil }), let theirs = times[key] else {
                    Issue.record(Comment(rawValue: "\(name): we report \(timestamp.source.rawValue) \(timestamp.field) "
                        + "\(timestamp.value); exiftool has none of \(keys)"))
                    continue
                }
                let expected = try #require(Self.normalise(theirs), "\(name): cannot read exiftool's \(theirs)")
                let local = timestamp.local
                let wall = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", local.year, local.month, local.day,
                                  local.hour, local.minute, local.second)
                #expect(wall == expected.0, "\(name) \(timestamp.field): ours \(timestamp.value), exiftool \(theirs)")
                #expect(local.nanosecond == expected.1, "\(name) \(timestamp.field): ours \(timestamp.value), exiftool \(theirs)")
                if let offset = expected.2 {
                    #expect(timestamp.offsetSeconds == offset, "\(name) \(timestamp.field): offset differs from \(theirs)")
                    #expect(timestamp.zone != .assumed, "\(name) \(timestamp.field): exiftool saw an offset")
                }
                compared += 1
                comparedIn[name, default: 0] += 1
            }
            // The other way round: each time exiftool found (outside derived and file-system groups) is ours.
            for key in times.keys where key.contains(":") && !key.hasPrefix("System:") && !key.hasPrefix("Composite:") {
                if Self.isPart(key) {
                    if key.hasPrefix("GPS:") {
                        #expect(explained.contains("Composite:GPSDateTime"), "\(name): exiftool has \(key), we do not")
                    }
                    continue
                }
                #expect(explained.contains(key),
                        "\(name): exiftool reports \(key) = \(times[key]!), we report nothing for it")
            }
        }
        #expect(compared >= 40)
        // Each image container is really compared, not skipped for want of times: HEIC's Exif item and XMP
        // item, AVIF's Exif item, WebP's EXIF and XMP chunks, PNG's eXIf, tIME, Creation Time and iTXt XMP.
        #expect(comparedIn["photo.heic"] == 2)
        #expect(comparedIn["photo.avif"] == 1)
        #expect(comparedIn["image.webp"] == 2)
        #expect(comparedIn["png-times.png"] == 3)
        #expect(comparedIn["screenshot-ios.png"] == 2)
        #expect(comparedIn["photo-iphone.jpg"] == 4)
        #expect(comparedIn["screenshot-xmp.jpg"] == 2)
        // The readers added for issue 14, each compared field by field with exiftool.
        #expect(comparedIn["png-creation-offset.png"] == 1)
        #expect(comparedIn["iptc.jpg"] == 2)
        #expect(comparedIn["iptc-no-offset.jpg"] == 1)
        #expect(comparedIn["image-xmp.gif"] == 2)
        #expect(comparedIn["xmp-utf16.jpg"] == 2)
        #expect(comparedIn["raw.dng"] == 2)
        #expect(comparedIn["raw.nef"] == 2)
        #expect(comparedIn["photo.cr3"] == 3)
        #expect(comparedIn["recording.mp3"] == 1)
        #expect(comparedIn["voice-memo.m4a"] == 6)
        #expect(comparedIn["audio-only.mp4"] == 6)
    }
}

/// The oracle suite is skipped where exiftool is missing; under CI that must be a failure, not a skip.
@Suite("Oracle: exiftool present under CI")
struct MediaOracleToolTests {
    @Test func exiftoolIsInstalledWhereCIRuns() {
        _ = TestSupport.requireTool("exiftool")
    }
}
