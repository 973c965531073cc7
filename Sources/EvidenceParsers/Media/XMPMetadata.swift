import EvidenceModel
import Foundation

/// The few XMP properties that carry a time or a screenshot clue, read with a small tolerant scanner rather
/// than a full XML parser: no DTDs, no external entities, no namespace resolution beyond the usual prefixes.
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
    ///   - packet: The packet bytes (UTF-8; a BOM is tolerated).
    ///   - origin: Where it was found, for warnings (`PNG iTXt`, `JPEG APP1` …).
    public init(packet: [UInt8], origin: String = "XMP") {
        var bytes = packet
        if bytes.count > Self.maxPacketBytes {
            metadata.warn(.tooLarge, "\(origin): XMP packet of \(bytes.count) bytes; only the first "
                + "\(Self.maxPacketBytes) were read")
            bytes = Array(bytes.prefix(Self.maxPacketBytes))
        }
        let values = Self.scan(bytes, origin: origin, metadata: &metadata)
        for name in Self.timeProperties {
            guard let text = values[name], !text.isEmpty else { continue }
            guard let parsed = MetadataTimeText.iso8601(text) else {
                metadata.warn(.badDate, "\(origin): XMP \(name) \"\(text.prefix(64))\" is not a full ISO 8601 date; "
                    + "it was ignored")
                continue
            }
            metadata.times.append(EmbeddedTime(source: .xmp, field: name, role: name == "xmp:ModifyDate" ? .modification : .capture, local: parsed.local,
                                               offsetSeconds: parsed.offset, precision: parsed.precision))
        }
        if let comment = values[Self.commentProperty], !comment.isEmpty { metadata.userComment = comment }
    }

    private static var wanted: Set<String> { Set(timeProperties + [commentProperty]) }

    /// Walks the tags once, keeping the first value of each wanted property.
    private static func scan(_ b: [UInt8], origin: String, metadata: inout MediaMetadata) -> [String: String] {
        let wanted = Self.wanted
        var values: [String: String] = [:]
        var stack: [String] = []
        var openTarget: (name: String, depth: Int, text: [UInt8])?
        var index = 0
        var tags = 0
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
        while index < b.count {
            guard b[index] == lt else {
                let end = b.firstIndex(of: lt, from: index) ?? b.count
                if openTarget != nil, openTarget!.text.count < 4096 { openTarget!.text += b[index..<end] }
                index = end
                continue
            }
            tags += 1
            if tags > maxTags {
                metadata.warn(.tooComplex, "\(origin): XMP packet has more than \(maxTags) tags; the rest was skipped")
                break
            }
            if b.starts(with: Array("<!--".utf8), at: index) {
                index = b.firstIndex(of: Array("-->".utf8), from: index + 4).map { $0 + 3 } ?? b.count
                continue
            }
            if b.starts(with: Array("<![CDATA[".utf8), at: index) {
                let end = b.firstIndex(of: Array("]]>".utf8), from: index + 9) ?? b.count
                if openTarget != nil { openTarget!.text += escape(Array(b[min(index + 9, end)..<end])) }
                index = min(b.count, end + 3)
                continue
            }
            guard let close = b.firstIndex(of: gt, from: index + 1) else { break }
            let inner = Array(b[(index + 1)..<close])
            index = close + 1
            guard let first = inner.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else { continue }
            if first == UInt8(ascii: "/") {
                let name = String(decoding: inner.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if let target = openTarget, target.depth == stack.count, target.name == name {
                    let text = XMLEntities.decode(String(decoding: target.text, as: UTF8.self))
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    if values[name] == nil, !text.isEmpty { values[name] = text }
                    openTarget = nil
                }
                if let position = stack.lastIndex(of: name) { stack.removeSubrange(position...) }
                continue
            }
            let selfClosing = inner.last == UInt8(ascii: "/")
            let (name, attributes) = parseTag(selfClosing ? Array(inner.dropLast()) : inner)
            for (key, value) in attributes where wanted.contains(key) && values[key] == nil {
                let text = XMLEntities.decode(value).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { values[key] = text }
            }
            if selfClosing { continue }
            if stack.count >= maxDepth {
                metadata.warn(.tooDeep, "\(origin): XMP nesting deeper than \(maxDepth); the rest was skipped")
                break
            }
            stack.append(name)
            if openTarget == nil, wanted.contains(name), values[name] == nil {
                openTarget = (name, stack.count, [])
            } else if let target = openTarget, !target.text.isEmpty,
                      !String(decoding: target.text, as: UTF8.self).allSatisfy(\.isWhitespace) {
                // A second list item: the first one's text is the value.
                values[target.name] = values[target.name]
                    ?? XMLEntities.decode(String(decoding: target.text, as: UTF8.self))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                openTarget = nil
            }
        }
        return values
    }

    private static func parseTag(_ inner: [UInt8]) -> (String, [(String, String)]) {
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while index < inner.count, !isSpace(inner[index]) { index += 1 }
        let name = String(decoding: inner[0..<index], as: UTF8.self)
        var attributes: [(String, String)] = []
        while index < inner.count, attributes.count < 256 {
            while index < inner.count, isSpace(inner[index]) { index += 1 }
            let keyStart = index
            while index < inner.count, inner[index] != UInt8(ascii: "="), !isSpace(inner[index]) { index += 1 }
            let key = String(decoding: inner[keyStart..<index], as: UTF8.self)
            while index < inner.count, isSpace(inner[index]) { index += 1 }
            guard index < inner.count, inner[index] == UInt8(ascii: "=") else {
                if index == keyStart { index += 1 }
                continue
            }
            index += 1
            while index < inner.count, isSpace(inner[index]) { index += 1 }
            guard index < inner.count, inner[index] == UInt8(ascii: "\"") || inner[index] == UInt8(ascii: "'") else {
                continue
            }
            let quote = inner[index]
            let valueStart = index + 1
            let valueEnd = inner.firstIndex(of: quote, from: valueStart) ?? inner.count
            attributes.append((key, String(decoding: inner[valueStart..<valueEnd], as: UTF8.self)))
            index = valueEnd + 1
        }
        return (name, attributes)
    }

    /// CDATA text is kept literally: escaping its `&` keeps ``XMLEntities/decode(_:)`` from reading into it.
    private static func escape(_ bytes: [UInt8]) -> [UInt8] {
        bytes.flatMap { $0 == UInt8(ascii: "&") ? Array("&amp;".utf8) : [$0] }
    }
}
