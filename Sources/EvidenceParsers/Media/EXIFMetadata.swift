import EvidenceModel
/// EXIF as stored in a TIFF structure (JPEG APP1 after `Exif\0\0`, PNG `eXIf`, HEIF `Exif` item, WebP `EXIF`):
/// IFD0, the Exif IFD and the GPS IFD, in either byte order.
///
/// For example, an iPhone photo gives `DateTimeOriginal 2023:12:25 14:03:22` with `OffsetTimeOriginal +01:00`
/// and `SubSecTimeOriginal 123`, read as `2023-12-25T14:03:22.123+01:00`, embedded.
package struct EXIFMetadata: Sendable {
    /// Times, camera clues and damage found.
    public var metadata = MediaMetadata()
    /// True when IFD0 carries `DNGVersion` (0xC612): the TIFF is an Adobe DNG raw file.
    package var isDNG = false

    /// Hard limits against hostile input.
    static let maxEntriesPerIFD = 512
    static let maxIFDs = 16
    static let maxValueBytes = 65_536

    private enum Tag {
        static let imageWidth: UInt16 = 0x0100, imageHeight: UInt16 = 0x0101
        static let make: UInt16 = 0x010F, model: UInt16 = 0x0110, software: UInt16 = 0x0131
        static let dateTime: UInt16 = 0x0132
        static let exifIFD: UInt16 = 0x8769, gpsIFD: UInt16 = 0x8825
        static let dateTimeOriginal: UInt16 = 0x9003, dateTimeDigitized: UInt16 = 0x9004
        static let offsetTime: UInt16 = 0x9010, offsetTimeOriginal: UInt16 = 0x9011
        static let offsetTimeDigitized: UInt16 = 0x9012
        static let subSecTime: UInt16 = 0x9290, subSecTimeOriginal: UInt16 = 0x9291
        static let subSecTimeDigitized: UInt16 = 0x9292
        static let userComment: UInt16 = 0x9286
        static let pixelXDimension: UInt16 = 0xA002, pixelYDimension: UInt16 = 0xA003
        static let gpsTimeStamp: UInt16 = 0x0007, gpsDateStamp: UInt16 = 0x001D
        static let dngVersion: UInt16 = 0xC612
    }

    private struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: UInt32
        /// The value bytes, or `nil` when they lie outside the data.
        var value: [UInt8]?
        var valueOffset: UInt32
        /// The byte order of the block the entry came from (a CR3 holds several blocks).
        var bigEndian: Bool
    }

    /// The TIFF block being read, its byte order, and the IFD offsets already read in it.
    private var bytes: [UInt8]
    private var bigEndian: Bool
    private var visited: Set<UInt32> = []
    private let origin: String

    /// Reads EXIF from TIFF-structured bytes (starting at `II*\0` or `MM\0*`).
    ///
    /// - Parameters:
    ///   - tiff: The TIFF bytes; a leading `Exif\0\0` is skipped.
    ///   - origin: Where the block came from, for warnings (`JPEG APP1`, `PNG eXIf` …).
    /// - Throws: ``MediaParseError`` when the bytes do not start with a TIFF header.
    public init(tiff: [UInt8], origin: String = "EXIF") throws {
        var data = tiff
        if data.starts(with: Array("Exif\0\0".utf8)) { data.removeFirst(6) }
        bigEndian = try Self.byteOrder(of: data, origin: origin)
        bytes = data
        self.origin = origin
        parse()
    }

    /// Reads the EXIF of a Canon CR3, which splits it into TIFF blocks of their own: `CMT1` holds IFD0 (camera,
    /// `ModifyDate`), `CMT2` the Exif IFD as its first IFD (`DateTimeOriginal`, offsets), `CMT4` the GPS IFD.
    /// The blocks are read together, so `ModifyDate` gets its `OffsetTime` as exiftool gives it.
    ///
    /// - Throws: ``MediaParseError`` when a block given lacks its TIFF header.
    package init(canonIFD0 cmt1: [UInt8]?, exifIFD cmt2: [UInt8]?, gpsIFD cmt4: [UInt8]?, origin: String = "CR3") throws {
        self.origin = origin
        bytes = []
        bigEndian = false
        var entries: [[UInt16: Entry]] = []
        for (block, name) in [(cmt1, "CMT1"), (cmt2, "CMT2"), (cmt4, "CMT4")] {
            guard let block else { entries.append([:]); continue }
            bigEndian = try Self.byteOrder(of: block, origin: "\(origin) \(name)")
            bytes = block
            visited = []
            entries.append(firstIFD(name: name))
        }
        interpret(ifd0: entries[0], exif: entries[1], gps: entries[2])
    }

    private static func byteOrder(of data: [UInt8], origin: String) throws -> Bool {
        guard data.count >= 8 else {
            throw MediaParseError(code: .truncated, reason: "\(origin): EXIF block too short for a TIFF header")
        }
        if data[0] == 0x49, data[1] == 0x49, data.u16(2, bigEndian: false) == 42 { return false }
        if data[0] == 0x4D, data[1] == 0x4D, data.u16(2, bigEndian: true) == 42 { return true }
        throw MediaParseError(code: .notThisFormat, reason: "\(origin): no TIFF header (II*/MM*) in EXIF block")
    }

    /// The entries of the IFD the TIFF header points to (first value of each tag).
    private mutating func firstIFD(name: String) -> [UInt16: Entry] {
        var values: [UInt16: Entry] = [:]
        guard let offset = bytes.u32(4, bigEndian: bigEndian), let (entries, _) = readIFD(at: offset, name: name) else {
            return values
        }
        for entry in entries where values[entry.tag] == nil { values[entry.tag] = entry }
        return values
    }

    private mutating func parse() {
        guard let ifd0Offset = bytes.u32(4, bigEndian: bigEndian) else { return }
        var ifd0: [Entry] = []
        var next: UInt32 = ifd0Offset
        var chainIndex = 0
        // IFD0 carries the clues; later IFDs (thumbnail) are walked only to notice loops and damage.
        while next != 0, chainIndex < Self.maxIFDs {
            guard let (entries, following) = readIFD(at: next, name: chainIndex == 0 ? "IFD0" : "IFD\(chainIndex)")
            else { break }
            if chainIndex == 0 { ifd0 = entries }
            next = following
            chainIndex += 1
        }
        var values: [UInt16: Entry] = [:]
        for entry in ifd0 where values[entry.tag] == nil { values[entry.tag] = entry }
        var exif: [UInt16: Entry] = [:]
        if let pointer = integer(values[Tag.exifIFD]), let (entries, _) = readIFD(at: UInt32(pointer), name: "ExifIFD") {
            for entry in entries where exif[entry.tag] == nil { exif[entry.tag] = entry }
        }
        var gps: [UInt16: Entry] = [:]
        if let pointer = integer(values[Tag.gpsIFD]), let (entries, _) = readIFD(at: UInt32(pointer), name: "GPS IFD") {
            for entry in entries where gps[entry.tag] == nil { gps[entry.tag] = entry }
        }
        interpret(ifd0: values, exif: exif, gps: gps)
    }

    /// Turns the entries of IFD0, the Exif IFD and the GPS IFD into clues and times.
    private mutating func interpret(ifd0 values: [UInt16: Entry], exif: [UInt16: Entry], gps: [UInt16: Entry]) {
        isDNG = values[Tag.dngVersion] != nil
        metadata.make = ascii(values[Tag.make]).flatMap { $0.isEmpty ? nil : $0 }
        metadata.model = ascii(values[Tag.model]).flatMap { $0.isEmpty ? nil : $0 }
        metadata.software = ascii(values[Tag.software]).flatMap { $0.isEmpty ? nil : $0 }
        metadata.width = integer(values[Tag.imageWidth])
        metadata.height = integer(values[Tag.imageHeight])

        if let comment = userComment(exif[Tag.userComment]), !comment.isEmpty { metadata.userComment = comment }
        if metadata.width == nil { metadata.width = integer(exif[Tag.pixelXDimension]) }
        if metadata.height == nil { metadata.height = integer(exif[Tag.pixelYDimension]) }

        addTime(field: "DateTimeOriginal", role: .capture, date: exif[Tag.dateTimeOriginal], offset: exif[Tag.offsetTimeOriginal],
                subSec: exif[Tag.subSecTimeOriginal])
        addTime(field: "CreateDate", role: .capture, date: exif[Tag.dateTimeDigitized], offset: exif[Tag.offsetTimeDigitized],
                subSec: exif[Tag.subSecTimeDigitized])
        addTime(field: "ModifyDate", role: .modification, date: values[Tag.dateTime], offset: exif[Tag.offsetTime],
                subSec: exif[Tag.subSecTime])

        if !gps.isEmpty { addGPSTime(date: gps[Tag.gpsDateStamp], time: gps[Tag.gpsTimeStamp]) }
    }

    private mutating func readIFD(at offset: UInt32, name: String) -> ([Entry], UInt32)? {
        guard !visited.contains(offset) else {
            metadata.warn(.ifdLoop, "\(origin): \(name) points back to an IFD already read (offset \(offset)); "
                + "the loop was not followed")
            return nil
        }
        visited.insert(offset)
        let start = Int(offset)
        guard let count = bytes.u16(start, bigEndian: bigEndian) else {
            metadata.warn(.badOffset, "\(origin): \(name) offset \(offset) points outside the EXIF data "
                + "(\(bytes.count) bytes); it was skipped")
            return nil
        }
        var entries: [Entry] = []
        let total = Int(count)
        if total > Self.maxEntriesPerIFD {
            metadata.warn(.tooManyEntries, "\(origin): \(name) claims \(total) entries; only the first "
                + "\(Self.maxEntriesPerIFD) were read")
        }
        for index in 0..<min(total, Self.maxEntriesPerIFD) {
            let at = start + 2 + index * 12
            guard let tag = bytes.u16(at, bigEndian: bigEndian), let type = bytes.u16(at + 2, bigEndian: bigEndian),
                  let valueCount = bytes.u32(at + 4, bigEndian: bigEndian),
                  let rawOffset = bytes.u32(at + 8, bigEndian: bigEndian)
            else {
                metadata.warn(.truncated, "\(origin): \(name) is cut short after \(index) of \(total) entries")
                return (entries, 0)
            }
            let unit: UInt64 = switch type {
            case 1, 2, 6, 7: 1
            case 3, 8: 2
            case 4, 9, 11: 4
            case 5, 10, 12: 8
            default: 0
            }
            let size = unit * UInt64(valueCount)
            var value: [UInt8]?
            if size <= 4 {
                value = bytes.slice(at + 8, Int(size))
            } else if size <= UInt64(Self.maxValueBytes) {
                value = bytes.slice(Int(rawOffset), Int(size))
            }
            entries.append(Entry(tag: tag, type: type, count: valueCount, value: value, valueOffset: rawOffset,
                                 bigEndian: bigEndian))
        }
        let next = bytes.u32(start + 2 + total * 12, bigEndian: bigEndian) ?? 0
        return (entries, next)
    }

    private mutating func checkedValue(_ entry: Entry?) -> [UInt8]? {
        guard let entry else { return nil }
        if entry.value == nil {
            metadata.warn(.badOffset, "\(origin): tag 0x\(String(entry.tag, radix: 16)) value at offset "
                + "\(entry.valueOffset) lies outside the EXIF data (or is too large); it was ignored")
        }
        return entry.value
    }

    private mutating func ascii(_ entry: Entry?) -> String? {
        guard let bytes = checkedValue(entry) else { return nil }
        return TextDecoding.field(bytes)
    }

    private func integer(_ entry: Entry?) -> Int? {
        guard let entry, let value = entry.value else { return nil }
        switch entry.type {
        case 3: return value.u16(0, bigEndian: entry.bigEndian).map(Int.init)
        case 4: return value.u32(0, bigEndian: entry.bigEndian).map(Int.init)
        default: return nil
        }
    }

    private mutating func userComment(_ entry: Entry?) -> String? {
        guard let value = checkedValue(entry), value.count >= 8 else { return nil }
        let header = value.prefix(8)
        let body = Array(value.dropFirst(8))
        if header.starts(with: Array("UNICODE".utf8)) {
            var units: [UInt16] = []
            var index = 0
            while let unit = body.u16(index, bigEndian: entry?.bigEndian ?? bigEndian) { units.append(unit); index += 2 }
            return String(decoding: units, as: UTF16.self).trimming("\0").trimming(" ")
        }
        return TextDecoding.field(body)
    }

    private mutating func addTime(field: String, role: TimestampRole, date: Entry?, offset: Entry?, subSec: Entry?) {
        guard let text = ascii(date), !MetadataTimeText.isUnset(text) else { return }
        // The standard value is exactly 19 characters; some writers append a fraction or an offset, which is kept
        // (an OffsetTime tag, when present, still wins) rather than silently dropped.
        let suffixed = text.utf8.count > 19 ? MetadataTimeText.exifWithSuffix(text) : nil
        guard var local = suffixed?.local ?? MetadataTimeText.exif(text) else {
            metadata.warn(.badDate, "\(origin): \(field) \"\(text)\" is not a valid date and time; it was ignored")
            return
        }
        if text.utf8.count > 19, suffixed == nil {
            metadata.warn(.badOffsetTime, "\(origin): \(field) \"\(text.prefix(64))\" has text after the time that "
                + "is not a fraction or an offset; the time was read without it")
        }
        var precision = suffixed?.precision ?? TimePrecision.second
        if let subText = ascii(subSec), !subText.isEmpty {
            if let fraction = MetadataTimeText.fraction(subText) {
                local.nanosecond = fraction.nanoseconds
                precision = fraction.precision
            } else {
                metadata.warn(.badDate, "\(origin): SubSecTime for \(field) \"\(subText)\" is not digits; ignored")
            }
        }
        var offsetSeconds = suffixed?.offsetSeconds
        if let offsetText = ascii(offset), !offsetText.allSatisfy({ $0 == " " || $0 == ":" }) {
            offsetSeconds = MetadataTimeText.offset(offsetText)
            if offsetSeconds == nil {
                metadata.warn(.badOffsetTime, "\(origin): offset for \(field) \"\(offsetText)\" is not ±HH:MM; "
                    + "the time was read without it")
            }
        }
        metadata.times.append(EmbeddedTime(source: .exif, field: field, role: role, local: local, offsetSeconds: offsetSeconds,
                                           precision: precision))
    }

    private mutating func addGPSTime(date: Entry?, time: Entry?) {
        guard let dateText = ascii(date), !MetadataTimeText.isUnset(dateText) else { return }
        guard let day = MetadataTimeText.exifDate(dateText) else {
            metadata.warn(.badDate, "\(origin): GPSDateStamp \"\(dateText)\" is not a valid date; it was ignored")
            return
        }
        guard let time, let value = checkedValue(time), time.type == 5, time.count == 3, value.count == 24 else {
            metadata.times.append(EmbeddedTime(source: .exif, field: "GPSDateStamp", role: .capture, local: day, isUTC: true,
                                               precision: .day))
            return
        }
        var parts: [(UInt32, UInt32)] = []
        for index in 0..<3 {
            guard let n = value.u32(index * 8, bigEndian: time.bigEndian), let d = value.u32(index * 8 + 4, bigEndian: time.bigEndian)
            else { return }
            parts.append((n, d))
        }
        guard parts.allSatisfy({ $0.1 != 0 }), parts[0].0 % parts[0].1 == 0, parts[1].0 % parts[1].1 == 0 else {
            metadata.warn(.badDate, "\(origin): GPSTimeStamp is not a whole hour and minute; it was ignored")
            return
        }
        let hour = Int(parts[0].0 / parts[0].1), minute = Int(parts[1].0 / parts[1].1)
        let secondNumerator = UInt64(parts[2].0), secondDenominator = UInt64(parts[2].1)
        let second = Int(secondNumerator / secondDenominator)
        let remainder = secondNumerator % secondDenominator
        let nanos = Int(remainder * 1_000_000_000 / secondDenominator)
        guard let local = LocalDateTime(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute,
                                        second: second, nanosecond: nanos)
        else {
            metadata.warn(.badDate, "\(origin): GPSTimeStamp \(hour):\(minute):\(second) is not a valid time; "
                + "it was ignored")
            return
        }
        metadata.times.append(EmbeddedTime(source: .exif, field: "GPSDateStamp+GPSTimeStamp", role: .capture, local: local,
                                           isUTC: true, precision: nanos == 0 ? .second : .millisecond))
    }
}
