import EvidenceModel

/// One pass over the bytes of a small XML document, for the two XML readers (XMP packets and SMS Backup & Restore
/// files): tags with their attributes, text, CDATA sections, each with its byte range.
///
/// It understands the subset of XML those files use: elements, attributes, comments, CDATA, processing
/// instructions and declarations (skipped up to their `>`, so a DTD's entities are never expanded). Entity
/// references are left as written; ``XMLEntities`` resolves them where a caller wants the text.
///
/// Damage is a value, not a throw: a ``Token/malformed(_:)`` token says what was wrong and where, and the
/// tokenizer resumes after it, so the SMS reader can refuse the file with a position while the XMP reader warns
/// and keeps what it can read.
struct XMLTokenizer {
    /// What the document holds next.
    enum Token {
        /// A start tag, an end tag (`</x>`) or an empty-element tag (`<x/>`); its attributes are in
        /// ``XMLTokenizer/attributes`` until the next call to ``XMLTokenizer/next()``.
        case tag(Tag)
        /// Character data between tags, references unresolved.
        case text(Range<Int>)
        /// The literal contents of a `<![CDATA[…]]>` section.
        case cdata(Range<Int>)
        /// Bytes that are not XML; the tokenizer resumes after them.
        case malformed(Malformation)
    }

    struct Tag {
        var name: String
        /// `</name>`.
        var closing: Bool
        /// `<name/>`.
        var selfClosing: Bool
        /// The offset of its `<`.
        var start: Int
        /// The offset just past its `>`.
        var end: Int
    }

    /// An attribute as written: `value` is the range between the quotes, references unresolved.
    struct Attribute {
        var name: String
        var value: Range<Int>
    }

    /// What was wrong, where, and (for a tag) where the tag started.
    struct Malformation: Equatable {
        enum Kind: Equatable {
            case unclosedComment
            case unclosedCDATA
            case unclosedDeclaration
            case notATag
            case truncatedTag(name: String)
            case truncatedAttribute(tag: String)
            case missingAttributeName(tag: String)
            case missingEquals(attribute: String)
            case missingQuote(attribute: String)
            case unclosedValue(attribute: String)
        }

        var kind: Kind
        /// The byte the problem is at.
        var offset: Int
        /// The `<` of the tag or section it is in.
        var start: Int

        /// The problem in words, naming lines of `bytes` (the document it was found in) where that helps a person.
        func reason(in bytes: [UInt8]) -> String {
            switch kind {
            case .unclosedComment: return "a comment that is never closed"
            case .unclosedCDATA: return "a CDATA section that is never closed"
            case .unclosedDeclaration: return "a declaration that is never closed"
            case .notATag: return "\"<\" that does not open a tag"
            case .truncatedTag(let name):
                return "the file ends inside the <\(name)> tag that starts here: it is truncated"
            case .truncatedAttribute(let tag):
                return "the file ends inside the <\(tag)> tag that starts on line \(bytes.lineNumber(of: start)): "
                    + "it is truncated"
            case .missingAttributeName(let tag): return "an attribute name was expected in <\(tag)>"
            case .missingEquals(let attribute): return "\"=\" was expected after the attribute \(attribute)"
            case .missingQuote(let attribute): return "a quoted value was expected for the attribute \(attribute)"
            case .unclosedValue(let attribute):
                return "the value of \(attribute) is never closed: the file is truncated"
            }
        }
    }

    let bytes: [UInt8]
    /// The offset the next token starts at.
    private(set) var position = 0
    /// The attributes of the last ``Token/tag(_:)`` returned, in document order (a buffer reused for every tag).
    private(set) var attributes: [Attribute] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        attributes.reserveCapacity(32)
    }

    @inline(__always)
    static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
            || c == 0x3A || c == 0x2E || c >= 0x80
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)

    /// The next token, or `nil` at the end of the bytes.
    mutating func next() -> Token? {
        let b = bytes
        while true {
            guard position < b.count else { return nil }
            let start = position
            guard b[start] == 0x3C else {
                let end = b.firstIndex(of: 0x3C, from: start) ?? b.count
                position = end
                return .text(start..<end)
            }
            if b.starts(with: Self.commentOpen, at: start, end: b.count) {
                guard let close = b.firstIndex(of: Self.commentClose, from: start &+ 4) else {
                    return malformed(.unclosedComment, at: start, in: start, resumingAt: b.count)
                }
                position = close &+ 3
                continue
            }
            if b.starts(with: Self.cdataOpen, at: start, end: b.count) {
                let contentStart = start &+ Self.cdataOpen.count
                guard let close = b.firstIndex(of: Self.cdataClose, from: contentStart) else {
                    return malformed(.unclosedCDATA, at: start, in: start, resumingAt: b.count)
                }
                position = close &+ 3
                return .cdata(contentStart..<close)
            }
            if start &+ 1 < b.count, b[start &+ 1] == UInt8(ascii: "?") || b[start &+ 1] == UInt8(ascii: "!") {
                guard let close = b.firstIndex(of: 0x3E, from: start &+ 2) else {
                    return malformed(.unclosedDeclaration, at: start, in: start, resumingAt: b.count)
                }
                position = close &+ 1
                continue
            }
            return tag(at: start)
        }
    }

    /// Reads the tag whose `<` is at `start`.
    private mutating func tag(at start: Int) -> Token {
        let b = bytes
        attributes.removeAll(keepingCapacity: true)
        var i = start &+ 1
        let closing = i < b.count && b[i] == UInt8(ascii: "/")
        if closing { i &+= 1 }
        let nameStart = i
        while i < b.count, Self.isNameByte(b[i]) { i &+= 1 }
        // A stray `<` in text: what follows may well be a tag, so reading resumes right after it.
        guard i > nameStart else { return malformed(.notATag, at: start, in: start, resumingAt: start &+ 1) }
        let name = b.text(from: nameStart, to: i)
        while true {
            while i < b.count, Self.isSpace(b[i]) { i &+= 1 }
            guard i < b.count else { return malformed(.truncatedTag(name: name), at: start, in: start) }
            if b[i] == 0x3E {
                position = i &+ 1
                return .tag(Tag(name: name, closing: closing, selfClosing: false, start: start, end: position))
            }
            if b[i] == UInt8(ascii: "/"), i &+ 1 < b.count, b[i &+ 1] == 0x3E {
                position = i &+ 2
                return .tag(Tag(name: name, closing: closing, selfClosing: true, start: start, end: position))
            }
            let keyStart = i
            while i < b.count, Self.isNameByte(b[i]) { i &+= 1 }
            guard i > keyStart else { return malformed(.missingAttributeName(tag: name), at: i, in: start) }
            let key = b.text(from: keyStart, to: i)
            while i < b.count, Self.isSpace(b[i]) { i &+= 1 }
            if i &+ 1 >= b.count { return malformed(.truncatedAttribute(tag: name), at: b.count, in: start) }
            guard b[i] == UInt8(ascii: "=") else { return malformed(.missingEquals(attribute: key), at: i, in: start) }
            i &+= 1
            while i < b.count, Self.isSpace(b[i]) { i &+= 1 }
            guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else {
                return malformed(.missingQuote(attribute: key), at: i, in: start)
            }
            let valueStart = i &+ 1
            guard let valueEnd = b.firstIndex(of: b[i], from: valueStart) else {
                return malformed(.unclosedValue(attribute: key), at: i, in: start, resumingAt: b.count)
            }
            attributes.append(Attribute(name: key, value: valueStart..<valueEnd))
            i = valueEnd &+ 1
        }
    }

    /// Reports a problem and moves past it: to `resumingAt`, or else just past the next `>` after the tag's `<`
    /// (the end of the bytes when there is none).
    private mutating func malformed(_ kind: Malformation.Kind, at offset: Int, in start: Int,
                                    resumingAt resume: Int? = nil) -> Token {
        attributes.removeAll(keepingCapacity: true)
        position = resume ?? bytes.firstIndex(of: 0x3E, from: start &+ 1).map { $0 &+ 1 } ?? bytes.count
        return .malformed(Malformation(kind: kind, offset: max(0, min(offset, bytes.count)), start: start))
    }
}
