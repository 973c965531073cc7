import EvidenceModel
/// Times of MP4, MOV and 3GP files: `mvhd`, and each track's `tkhd` and `mdhd` creation and modification
/// times (seconds since 1904-01-01, UTC; 0 means unset), and Apple's `com.apple.quicktime.creationdate`
/// in `moov/meta` (`keys` + `ilst`), which carries the local offset.
///
/// Only `moov` and its small children are read; `mdat` is skipped by its header. The same boxes carry the times of
/// MP4 audio (`.m4a`); a file whose tracks are all sound (`hdlr` `soun`) is reported as `audio/mp4`.
package struct QuickTimeMetadata {
    /// Times and damage found.
    public var metadata = MediaMetadata()

    /// Seconds from 1904-01-01 to 1970-01-01.
    static let epochDifference: UInt64 = 2_082_844_800
    static let maxTracks = 32
    static let maxSmallBox = 1 << 20

    /// Walks the boxes of the file in `source`.
    /// - Throws: ``MediaParseError`` when no `moov` box is found at the top level; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let top = try ISOBoxReader.boxes(in: source, from: 0, to: source.count, within: "the file", metadata: &metadata)
        guard let moov = top.first(where: { $0.type == "moov" }) else {
            throw MediaParseError(code: source.count == 0 ? .empty : .noMoov,
                                  reason: source.count == 0 ? "the file is empty"
                                      : "no movie header (moov box): the video is incomplete or damaged")
        }
        let children = try ISOBoxReader.boxes(in: source, from: moov.payloadStart, to: moov.end, within: "moov",
                                              metadata: &metadata)
        if let mvhd = children.first(where: { $0.type == "mvhd" }) {
            try readTimes(mvhd, prefix: "mvhd", source: source)
        } else {
            metadata.warn(.badBox, "QuickTime: the moov box at byte \(moov.offset) has no movie header (mvhd); "
                + "the recording's creation time is missing")
        }
        var track = 0
        var handlers: [String] = []
        for trak in children where trak.type == "trak" {
            track += 1
            guard track <= Self.maxTracks else { break }
            let parts = try ISOBoxReader.boxes(in: source, from: trak.payloadStart, to: trak.end, within: "trak",
                                               metadata: &metadata)
            if let tkhd = parts.first(where: { $0.type == "tkhd" }) {
                try readTimes(tkhd, prefix: "track\(track).tkhd", source: source)
            }
            if let mdia = parts.first(where: { $0.type == "mdia" }) {
                let media = try ISOBoxReader.boxes(in: source, from: mdia.payloadStart, to: mdia.end, within: "mdia",
                                                   metadata: &metadata)
                if let mdhd = media.first(where: { $0.type == "mdhd" }) {
                    try readTimes(mdhd, prefix: "track\(track).mdhd", source: source)
                }
                if let hdlr = media.first(where: { $0.type == "hdlr" }),
                   let handler = try source.read(at: hdlr.payloadStart, maxCount: 12).fourCC(8) {
                    handlers.append(handler)
                }
            }
        }
        if let meta = children.first(where: { $0.type == "meta" }) {
            try readKeys(meta, source: source)
        }
        // An MP4 (brand isom, mp42 …) that holds sound and nothing else is a recording, not a video.
        if !handlers.isEmpty, handlers.allSatisfy({ $0 == "soun" }) { metadata.refinedMediaType = "audio/mp4" }
    }

    private mutating func readTimes(_ box: ISOBox, prefix: String, source: some ByteSource) throws {
        guard let payload = try ISOBoxReader.payload(of: box, in: source, limit: 256, metadata: &metadata) else {
            return
        }
        let values: (UInt64, UInt64)?
        switch payload.u8(0) {
        case 0: values = payload.u32(4).flatMap { c in payload.u32(8).map { (UInt64(c), UInt64($0)) } }
        case 1: values = payload.u64(4).flatMap { c in payload.u64(12).map { (c, $0) } }
        default: values = nil
        }
        guard let (creation, modification) = values else {
            metadata.warn(.badBox, "QuickTime: \(box.type) at byte \(box.offset) is too short or of an unknown "
                + "version; its times were not read")
            return
        }
        add(creation, field: "\(prefix).creation_time", role: .capture, box: box)
        add(modification, field: "\(prefix).modification_time", role: .modification, box: box)
    }

    private mutating func add(_ seconds1904: UInt64, field: String, role: TimestampRole, box: ISOBox) {
        guard seconds1904 != 0 else { return }  // 0 is "not set", not 1904
        // Year 9999 is the last a timestamp can show.
        guard seconds1904 <= 253_402_300_799 + Self.epochDifference else {
            metadata.warn(.badDate, "QuickTime: \(field) value \(seconds1904) is beyond year 9999; ignored")
            return
        }
        let instant = Instant(unixSeconds: Int64(seconds1904) - Int64(Self.epochDifference))
        metadata.times.append(EmbeddedTime(source: .quicktime, field: field, role: role,
                                           local: LocalDateTime(instant, offsetSeconds: 0), isUTC: true))
    }

    private mutating func readKeys(_ meta: ISOBox, source: some ByteSource) throws {
        let children = try ISOBoxReader.metaChildren(meta, in: source, metadata: &metadata)
        guard let keysBox = children.first(where: { $0.type == "keys" }),
              let ilstBox = children.first(where: { $0.type == "ilst" }),
              let keys = try ISOBoxReader.payload(of: keysBox, in: source, limit: Self.maxSmallBox, metadata: &metadata)
        else { return }
        // keys: version/flags, entry count, then (size, namespace, name) entries; ilst items are typed by index.
        var names: [UInt32: String] = [:]
        var at = 8
        var index: UInt32 = 1
        let count = keys.u32(4) ?? 0
        while index <= count, index <= 1024, let size = keys.u32(at), size >= 8, Int(size) <= keys.count - at {
            names[index] = TextDecoding.field(Array(keys[(at + 8)..<(at + Int(size))]))
            at += Int(size)
            index += 1
        }
        guard let target = names.first(where: { $0.value == "com.apple.quicktime.creationdate" })?.key else { return }
        let items = try ISOBoxReader.boxes(in: source, from: ilstBox.payloadStart, to: ilstBox.end, within: "ilst",
                                           metadata: &metadata)
        guard let item = items.first(where: { $0.code == target }),
              let inner = try ISOBoxReader.payload(of: item, in: source, limit: 4096, metadata: &metadata),
              inner.fourCC(4) == "data", let size = inner.u32(0), size >= 16, Int(size) <= inner.count
        else { return }
        let text = TextDecoding.field(Array(inner[16..<Int(size)]))
        guard let parsed = ISO8601DateTime(text, profile: .metadata) else {
            metadata.warn(.badDate, "QuickTime: com.apple.quicktime.creationdate \"\(text.prefix(64))\" is not an "
                + "ISO 8601 date; ignored")
            return
        }
        metadata.times.append(EmbeddedTime(source: .quicktime, field: "com.apple.quicktime.creationdate", role: .capture,
                                           local: parsed.local, offsetSeconds: parsed.offsetSeconds,
                                           precision: parsed.precision))
    }
}
