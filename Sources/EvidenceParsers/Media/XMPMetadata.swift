import EvidenceModel
import Foundation

/// The few XMP properties that carry a time or a screenshot clue, read with the small `XMLTokenizer` (shared with
/// the SMS reader) rather than a full XML parser: no DTDs, no external entities, no namespace resolution beyond the
/// usual prefixes. Damage is a warning and the rest of the packet is still read; nothing here throws.
///
/// Both the attribute form (`<rdf:Description photoshop:DateCreated="…">`) and the element form
/// (`<xmp:CreateDate>…</xmp:CreateDate>`, `<exif:UserComment><rdf:Alt><rdf:li>…`) are read.
package struct XMPMetadata: Sendable {
    /// Times and clues found in the packet.
    public var metadata = MediaMetadata()

    /// Larger packets are cut here: real ones are a few kilobytes.
    static let maxPacketBytes = 1 << 20
    static let maxDepth = 64
    static let maxTags = 20_000

    /// The time properties we report, as exiftool names them (`XMP-<prefix>:<name>`).
    static let timeProperties = ["photoshop:DateCreated", "xmp:CreateDate", "xmp:ModifyDate",
                                 "exif:DateTimeOriginal", "exif:DateTimeDigitized"]
    static let commentProperty = "exif:UserComment"

    /// Reads an XMP packet.
    /// - Parameters:
    ///   - packet: The packet bytes: UTF-8, or UTF-16/UTF-32 in either byte order (which the XMP specification
    ///     allows and some Windows tools write), told apart by a byte-order mark or the zero bytes around the
    ///     first `<`.
    ///   - origin: Where it was found, for warnings (`PNG iTXt`, `JPEG APP1` …).
    public init(packet: [UInt8], origin: String = "XMP") {
        var bytes = packet
        if bytes.count > Self.maxPacketBytes {
            metadata.warn(.tooLarge, "\(origin): XMP packet of \(bytes.count) bytes; only the first "
                + "\(Self.maxPacketBytes) were read")
            bytes = Array(bytes.prefix(Self.maxPacketBytes))
        }
        bytes = Self.utf8(bytes)
        let values = Self.scan(bytes, origin: origin, metadata: &metadata)
        for name in Self.timeProperties {
            guard let text = values[name], !text.isEmpty else { continue }
            // Some writers put the EXIF spelling (`2023:12:25 14:03:22+01:00`) in XMP; its offset is kept too.
            guard let parsed = ISO8601DateTime(text, profile: .metadata) ?? MetadataTimeText.exifWithSuffix(text) else {
                metadata.warn(.badDate, "\(origin): XMP \(name) \"\(text.prefix(64))\" is not a full ISO 8601 date; "
                    + "it was ignored")
                continue
            }
            metadata.times.append(EmbeddedTime(source: .xmp, field: name, role: name == "xmp:ModifyDate" ? .modification : .capture, local: parsed.local,
                                               offsetSeconds: parsed.offsetSeconds, precision: parsed.precision))
        }
        if let comment = values[Self.commentProperty], !comment.isEmpty { metadata.userComment = comment }
    }

    /// The packet as UTF-8. Read as bytes, UTF-16 text would be tags whose names hold zero bytes, never closed:
    /// a wrong `too-deep` and no times.
    static func utf8(_ b: [UInt8]) -> [UInt8] {
        enum Form { case utf16(bigEndian: Bool), utf32(bigEndian: Bool) }
        let lt = UInt8(ascii: "<")
        let form: Form
        if b.starts(with: [0, 0, 0xFE, 0xFF]) || b.starts(with: [0, 0, 0, lt]) {
            form = .utf32(bigEndian: true)
        } else if b.starts(with: [0xFF, 0xFE, 0, 0]) || b.starts(with: [lt, 0, 0, 0]) {
            form = .utf32(bigEndian: false)
        } else if b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0, lt]) {
            form = .utf16(bigEndian: true)
        } else if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [lt, 0]) {
            form = .utf16(bigEndian: false)
        } else {
            return b
        }
        var scalars = String.UnicodeScalarView()
        switch form {
        case .utf16(let bigEndian):
            var units: [UInt16] = []
            units.reserveCapacity(b.count / 2)
            var at = 0
            while let unit = b.u16(at, bigEndian: bigEndian) { units.append(unit); at += 2 }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        case .utf32(let bigEndian):
            var at = 0
            while let value = b.u32(at, bigEndian: bigEndian) {
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                at += 4
            }
        }
        return Array(String(scalars).utf8)
    }

    private static var wanted: Set<String> { Set(timeProperties + [commentProperty]) }

    /// Walks the tokens once, keeping the first value of each wanted property. Malformed bytes are skipped with
    /// one warning (the first place), so a damaged packet still gives what can be read around the damage.
    private static func scan(_ b: [UInt8], origin: String, metadata: inout MediaMetadata) -> [String: String] {
        let wanted = Self.wanted
        var values: [String: String] = [:]
        var stack: [String] = []
        var openTarget: (name: String, depth: Int, text: [UInt8])?
        var tokenizer = XMLTokenizer(b)
        var tags = 0
        var warnedMalformed = false
        scanning: while let token = tokenizer.next() {
            if case .text(let range) = token {
                if openTarget != nil, openTarget!.text.count < 4096 { openTarget!.text += b[range] }
                continue
            }
            tags += 1
            if tags > maxTags {
                metadata.warn(.tooComplex, "\(origin): XMP packet has more than \(maxTags) tags; the rest was skipped")
                break
            }
            switch token {
            case .text:
                continue
            case .cdata(let range):
                if openTarget != nil { openTarget!.text += escape(Array(b[range])) }
            case .malformed(let problem):
                if !warnedMalformed {
                    warnedMalformed = true
                    metadata.warn(.malformedXML, "\(origin): XMP is malformed at byte \(problem.offset) "
                        + "(\(problem.reason(in: b))); it was skipped and the rest read")
                }
            case .tag(let tag) where tag.closing:
                if let target = openTarget, target.depth == stack.count, target.name == tag.name {
                    let text = XMLEntities.decode(String(decoding: target.text, as: UTF8.self))
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    if values[tag.name] == nil, !text.isEmpty { values[tag.name] = text }
                    openTarget = nil
                }
                if let position = stack.lastIndex(of: tag.name) { stack.removeSubrange(position...) }
            case .tag(let tag):
                for attribute in tokenizer.attributes.prefix(256)
                where wanted.contains(attribute.name) && values[attribute.name] == nil {
                    let value = String(decoding: b[attribute.value], as: UTF8.self)
                    let text = XMLEntities.decode(value).trimmingCharacters(in: .whitespacesAndNewlines)
                    if !text.isEmpty { values[attribute.name] = text }
                }
                if tag.selfClosing { continue }
                if stack.count >= maxDepth {
                    metadata.warn(.tooDeep, "\(origin): XMP nesting deeper than \(maxDepth); the rest was skipped")
                    break scanning
                }
                stack.append(tag.name)
                if openTarget == nil, wanted.contains(tag.name), values[tag.name] == nil {
                    openTarget = (tag.name, stack.count, [])
                } else if let target = openTarget, !target.text.isEmpty,
                          !String(decoding: target.text, as: UTF8.self).allSatisfy(\.isWhitespace) {
                    // A second list item: the first one's text is the value.
                    values[target.name] = values[target.name]
                        ?? XMLEntities.decode(String(decoding: target.text, as: UTF8.self))
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    openTarget = nil
                }
            }
        }
        return values
    }

    /// CDATA text is kept literally: escaping its `&` keeps ``XMLEntities/decode(_:)`` from reading into it.
    private static func escape(_ bytes: [UInt8]) -> [UInt8] {
        bytes.flatMap { $0 == UInt8(ascii: "&") ? Array("&amp;".utf8) : [$0] }
    }
}
