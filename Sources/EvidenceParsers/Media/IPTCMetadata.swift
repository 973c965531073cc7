import EvidenceModel
/// IPTC-IIM times in a JPEG's APP13 segment: the Photoshop image resources (`Photoshop 3.0\0`, then `8BIM`
/// blocks) hold the IIM record in resource 0x0404, whose application record (2) carries `DateCreated` (2:55,
/// `CCYYMMDD`), `TimeCreated` (2:60, `HHMMSS±HHMM`), `DigitalCreationDate` (2:62) and `DigitalCreationTime` (2:63).
///
/// For some files (news and agency workflows, photos passed through Photoshop or a DAM) these are the only capture
/// time. A date without its time is a whole day; a time without its offset is a local time in the case's zone.
package struct IPTCMetadata: Sendable {
    /// Times and damage found.
    public var metadata = MediaMetadata()

    static let photoshopSignature = Array("Photoshop 3.0\0".utf8)
    static let maxResources = 1024
    static let maxDataSets = 4096

    /// Reads the Photoshop resources of one APP13 payload (after the JPEG segment header).
    /// - Parameters:
    ///   - app13: The segment's payload, starting at `Photoshop 3.0\0`.
    ///   - origin: Where it was found, for warnings.
    package init(app13: [UInt8], origin: String = "JPEG APP13") {
        guard app13.starts(with: Self.photoshopSignature) else { return }
        var at = Self.photoshopSignature.count
        var resources = 0
        while at + 12 <= app13.count {
            resources += 1
            guard resources <= Self.maxResources else {
                metadata.warn(.tooManyEntries, "\(origin): more than \(Self.maxResources) Photoshop resources; the "
                    + "rest was not read")
                return
            }
            // Photoshop writes 8BIM; a few old tools wrote these other signatures with the same layout.
            guard let signature = app13.fourCC(at), ["8BIM", "PHUT", "AgHg", "DCSR"].contains(signature),
                  let id = app13.u16(at + 4), let nameLength = app13.u8(at + 6)
            else {
                metadata.warn(.badBox, "\(origin): Photoshop resource at byte \(at) has no 8BIM signature; the rest "
                    + "was not read")
                return
            }
            // The name is a Pascal string padded to an even length (length byte included).
            let nameField = (Int(nameLength) + 2) & ~1
            guard let size = app13.u32(at + 6 + nameField) else {
                metadata.warn(.truncated, "\(origin): Photoshop resource 0x\(String(id, radix: 16)) at byte \(at) is "
                    + "cut short")
                return
            }
            let dataStart = at + 6 + nameField + 4
            guard UInt64(size) <= UInt64(app13.count - dataStart) else {
                metadata.warn(.truncated, "\(origin): Photoshop resource 0x\(String(id, radix: 16)) at byte \(at) "
                    + "claims \(size) bytes, past the end of the segment; it was not read")
                return
            }
            if id == 0x0404 {
                readIIM(Array(app13[dataStart..<(dataStart + Int(size))]), origin: origin)
            }
            at = dataStart + Int(size) + Int(size & 1)
        }
    }

    /// The datasets of an IIM block: `0x1C`, record, dataset, a 2-byte length (or an extended length), the value.
    private mutating func readIIM(_ iim: [UInt8], origin: String) {
        var values: [UInt8: String] = [:]
        var at = 0
        var dataSets = 0
        while at < iim.count, dataSets < Self.maxDataSets {
            dataSets += 1
            guard iim[at] == 0x1C, let record = iim.u8(at + 1), let dataSet = iim.u8(at + 2),
                  let length16 = iim.u16(at + 3)
            else {
                // Padding after the last dataset is common; anything else is damage.
                if iim[at...].contains(where: { $0 != 0 }) {
                    metadata.warn(.truncated, "\(origin): IPTC data is malformed at byte \(at); the rest was not read")
                }
                break
            }
            var length = Int(length16)
            var valueStart = at + 5
            if length16 & 0x8000 != 0 {
                // Extended dataset: the low 15 bits count the bytes of the real length.
                let lengthBytes = Int(length16 & 0x7FFF)
                guard lengthBytes <= 4, let extended = iim.slice(valueStart, lengthBytes) else {
                    metadata.warn(.badLength, "\(origin): IPTC dataset \(record):\(dataSet) has an unreadable "
                        + "extended length; the rest was not read")
                    break
                }
                length = extended.reduce(0) { $0 << 8 | Int($1) }
                valueStart += lengthBytes
            }
            guard let value = iim.slice(valueStart, length) else {
                metadata.warn(.truncated, "\(origin): IPTC dataset \(record):\(dataSet) is cut short")
                break
            }
            if record == 2, [55, 60, 62, 63].contains(dataSet), values[dataSet] == nil {
                values[dataSet] = TextDecoding.field(value)
            }
            at = valueStart + length
        }
        addTime(date: values[55], time: values[60], dateName: "DateCreated", timeName: "TimeCreated", origin: origin)
        addTime(date: values[62], time: values[63], dateName: "DigitalCreationDate", timeName: "DigitalCreationTime",
                origin: origin)
    }

    private mutating func addTime(date: String?, time: String?, dateName: String, timeName: String, origin: String) {
        guard let date, !MetadataTimeText.isUnset(date) else { return }
        let d = Array(date.utf8)
        guard d.count == 8, let year = d.decimal(at: 0, count: 4), let month = d.decimal(at: 4, count: 2),
              let dayOfMonth = d.decimal(at: 6, count: 2),
              let day = LocalDateTime(year: year, month: month, day: dayOfMonth)
        else {
            metadata.warn(.badDate, "\(origin): IPTC \(dateName) \"\(date.prefix(32))\" is not a valid CCYYMMDD date; "
                + "it was ignored")
            return
        }
        guard let time, !time.isEmpty else {
            metadata.times.append(EmbeddedTime(source: .iptc, field: dateName, role: .capture, local: day,
                                               precision: .day))
            return
        }
        // HHMMSS, then ±HHMM (the standard form); a few writers leave the offset out.
        let t = Array(time.utf8)
        var offset: Int?
        if t.count > 6 { offset = MetadataTimeText.offset(String(decoding: t[6...], as: UTF8.self)) }
        guard t.count == 6 || (t.count == 11 && offset != nil),
              let hour = t.decimal(at: 0, count: 2), let minute = t.decimal(at: 2, count: 2),
              let second = t.decimal(at: 4, count: 2),
              let local = LocalDateTime(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute,
                                        second: second)
        else {
            metadata.warn(.badDate, "\(origin): IPTC \(timeName) \"\(time.prefix(32))\" is not HHMMSS±HHMM; the date "
                + "was read alone")
            metadata.times.append(EmbeddedTime(source: .iptc, field: dateName, role: .capture, local: day,
                                               precision: .day))
            return
        }
        metadata.times.append(EmbeddedTime(source: .iptc, field: "\(dateName)+\(timeName)", role: .capture,
                                           local: local, offsetSeconds: offset))
    }
}
