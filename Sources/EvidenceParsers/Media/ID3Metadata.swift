import EvidenceModel
/// MP3 files: the ID3v2 tag at the start (versions 2.3 and 2.4) and its `TDRC` frame, the recording time
/// (`yyyy-MM-ddTHH:mm:ss`, a subset of ISO 8601 with no offset, so the case's zone is assumed). A file without a
/// tag, or a tag without `TDRC`, holds no time; a year alone (what music taggers write) is not a time of day and
/// is not used.
package struct ID3Metadata {
    /// Times and damage found.
    public var metadata = MediaMetadata()

    static let maxTagBytes = 1 << 20
    static let maxFrames = 1024

    /// Reads the ID3v2 tag of the MP3 in `source`, if it has one.
    /// - Throws: ``MediaParseError`` for an empty file; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        guard source.count > 0 else { throw MediaParseError(code: .empty, reason: "the file is empty") }
        let header = try source.read(at: 0, maxCount: 10)
        guard header.starts(with: Array("ID3".utf8)) else { return }  // MPEG frames alone: no tag, no time
        guard header.count == 10, let version = header.u8(3), let flags = header.u8(5),
              let size = Self.syncsafe(header, at: 6)
        else {
            metadata.warn(.truncated, "ID3: the file ends inside the tag header")
            return
        }
        guard version == 3 || version == 4 else {
            metadata.warn(.unsupported, "ID3: version 2.\(version) tags are not read; no time was taken from it")
            return
        }
        if flags & 0x80 != 0 {
            metadata.warn(.unsupported, "ID3: the tag is unsynchronised, which this tool does not undo; no time was "
                + "taken from it")
            return
        }
        let tag = try source.read(at: 10, maxCount: min(size, Self.maxTagBytes))
        if tag.count < min(size, Self.maxTagBytes) {
            metadata.warn(.truncated, "ID3: the tag claims \(size) bytes but the file ends after \(tag.count)")
        }
        var at = 0
        if flags & 0x40 != 0 {
            // Extended header: v2.4 counts its own size (syncsafe), v2.3 does not.
            guard let extended = version == 4 ? Self.syncsafe(tag, at: 0) : tag.u32(0).map({ Int($0) + 4 }) else { return }
            at = extended
        }
        for _ in 0..<Self.maxFrames {
            guard let id = tag.fourCC(at), id.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
                  let length = version == 4 ? Self.syncsafe(tag, at: at + 4) : tag.u32(at + 4).map(Int.init)
            else { return }  // padding, or the end of the tag
            let bodyStart = at + 10
            guard length <= tag.count - bodyStart else {
                metadata.warn(.truncated, "ID3: frame \(id) at byte \(10 + at) runs past the end of the tag")
                return
            }
            if id == "TDRC" { readRecordingTime(Array(tag[bodyStart..<(bodyStart + length)]), at: 10 + at) }
            at = bodyStart + length
        }
    }

    /// A 28-bit integer written 7 bits a byte (ID3v2 sizes), or `nil` when a byte has its high bit set.
    static func syncsafe(_ bytes: [UInt8], at offset: Int) -> Int? {
        guard let raw = bytes.slice(offset, 4), raw.allSatisfy({ $0 < 0x80 }) else { return nil }
        return raw.reduce(0) { $0 << 7 | Int($1) }
    }

    private mutating func readRecordingTime(_ body: [UInt8], at offset: Int) {
        guard let encoding = body.first else { return }
        let text: String
        switch encoding {
        case 1, 2:
            var units: [UInt16] = []
            var index = 1
            var bigEndian = encoding == 2
            if encoding == 1, let bom = body.u16(1) {
                bigEndian = bom == 0xFEFF
                index = 3
            }
            while let unit = body.u16(index, bigEndian: bigEndian), unit != 0 { units.append(unit); index += 2 }
            text = String(decoding: units, as: UTF16.self)
        case 0:
            text = TextDecoding.latin1(body.dropFirst().prefix { $0 != 0 })
        default:
            text = TextDecoding.field(Array(body.dropFirst()))
        }
        let trimmed = text.trimming(" ")
        guard trimmed.utf8.count >= 10 else { return }  // a year or a month: not a time to rank
        guard let parsed = ISO8601DateTime(trimmed, profile: .metadata) else {
            metadata.warn(.badDate, "ID3: TDRC \"\(trimmed.prefix(64))\" at byte \(offset) is not an ISO 8601 date; "
                + "it was ignored")
            return
        }
        metadata.times.append(EmbeddedTime(source: .id3, field: "TDRC", role: .capture, local: parsed.local,
                                           offsetSeconds: parsed.offsetSeconds, precision: parsed.precision))
    }
}
