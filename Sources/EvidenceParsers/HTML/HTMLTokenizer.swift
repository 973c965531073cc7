import EvidenceModel

/// One token of an HTML document, with the byte range it covers in the original.
enum HTMLToken: Equatable {
    /// `<name a="v" b>`; the name and attribute names in lower case, values with their references resolved.
    case startTag(name: String, attributes: [(name: String, value: String)], selfClosing: Bool, range: Range<Int>)
    /// `</name>`.
    case endTag(name: String, range: Range<Int>)
    /// Text between tags, references resolved.
    case text(String, range: Range<Int>)

    static func == (l: HTMLToken, r: HTMLToken) -> Bool {
        switch (l, r) {
        case let (.startTag(a, x, s, r1), .startTag(b, y, t, r2)):
            return a == b && s == t && r1 == r2 && x.count == y.count
                && zip(x, y).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        case let (.endTag(a, r1), .endTag(b, r2)): return a == b && r1 == r2
        case let (.text(a, r1), .text(b, r2)): return a == b && r1 == r2
        default: return false
        }
    }
}

/// A tokenizer for the HTML that exporters write, following the states of the HTML standard's tokenizer (data,
/// tag open, tag name, attribute name and value in its three quotings, self-closing, markup declarations,
/// raw text): never a regular expression. Comments, doctypes and processing instructions are skipped; the
/// contents of `script` and `style` are raw text up to their end tag. Every byte sequence is accepted — a `<`
/// that opens no tag is text — and work is linear in the input.
struct HTMLTokenizer {
    let b: [UInt8]
    private(set) var p = 0

    init(bytes: [UInt8]) {
        b = bytes
        // A UTF-8 byte-order mark is not text.
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { p = 3 }
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// The next token, or `nil` at the end of the input.
    mutating func next() -> HTMLToken? {
        while p < b.count {
            let start = p
            if b[p] != 0x3C {
                let end = b.firstIndex(of: 0x3C, from: p) ?? b.count
                p = end
                return .text(HTMLCharacterReferences.decode(b, from: start, to: end), range: start..<end)
            }
            // Tag open state.
            guard p &+ 1 < b.count else {
                p = b.count
                return .text("<", range: start..<b.count)
            }
            let c = b[p &+ 1]
            if c == 0x21 || c == 0x3F {
                skipMarkupDeclaration()
                continue
            }
            if c == 0x2F {
                if p &+ 2 < b.count, Self.isLetter(b[p &+ 2]) {
                    p &+= 2
                    let name = tagName()
                    // Attributes on an end tag are read and dropped, as the standard does.
                    _ = attributes()
                    return .endTag(name: name, range: start..<p)
                }
                // `</>` or `</ 3`: a bogus comment up to the next `>`.
                p = (b.firstIndex(of: 0x3E, from: p) ?? b.count - 1) &+ 1
                continue
            }
            guard Self.isLetter(c) else {
                p &+= 1
                return .text("<", range: start..<p)
            }
            p &+= 1
            let name = tagName()
            let (attributes, selfClosing) = attributes()
            let token = HTMLToken.startTag(name: name, attributes: attributes, selfClosing: selfClosing,
                                           range: start..<p)
            if name == "script" || name == "style" {
                skipRawText(until: name)
            }
            return token
        }
        return nil
    }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<?…>`, `<![CDATA[…]]>`: skipped whole.
    private mutating func skipMarkupDeclaration() {
        if b.starts(with: Array("<!--".utf8), at: p) {
            let close = b.firstIndex(of: Array("-->".utf8), from: p &+ 4)
            p = close.map { $0 &+ 3 } ?? b.count
        } else {
            p = (b.firstIndex(of: 0x3E, from: p) ?? b.count - 1) &+ 1
        }
    }

    /// Raw text of `script`/`style`: everything up to `</name`, which the caller's next call reads as the end tag.
    private mutating func skipRawText(until name: String) {
        let closing = Array("</\(name)".utf8)
        var q = p
        while let at = b.firstIndex(of: 0x3C, from: q) {
            if at &+ closing.count <= b.count,
               zip(b[at..<(at &+ closing.count)], closing).allSatisfy({ $0 | ($1 >= 0x61 ? 0x20 : 0) == $1 }) {
                p = at
                return
            }
            q = at &+ 1
        }
        p = b.count
    }

    private mutating func tagName() -> String {
        let start = p
        var upper = false
        while p < b.count, !Self.isSpace(b[p]), b[p] != 0x2F, b[p] != 0x3E {
            if b[p] >= 0x41 && b[p] <= 0x5A { upper = true }
            p &+= 1
        }
        let name = b.text(from: start, to: p)
        return upper ? name.lowercased() : name
    }

    /// The attributes up to and including the tag's `>` (or the end of input).
    private mutating func attributes() -> ([(name: String, value: String)], Bool) {
        var list: [(name: String, value: String)] = []
        var selfClosing = false
        while p < b.count {
            let c = b[p]
            if Self.isSpace(c) { p &+= 1; continue }
            if c == 0x3E { p &+= 1; return (list, selfClosing) }
            if c == 0x2F {
                p &+= 1
                selfClosing = p < b.count && b[p] == 0x3E
                continue
            }
            selfClosing = false
            // Attribute name state: up to space, `/`, `>` or `=` (a leading `=` belongs to the name).
            let nameStart = p
            p &+= 1
            while p < b.count, !Self.isSpace(b[p]), b[p] != 0x2F, b[p] != 0x3E, b[p] != 0x3D { p &+= 1 }
            var name = b.text(from: nameStart, to: p)
            if name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { name = name.lowercased() }
            while p < b.count, Self.isSpace(b[p]) { p &+= 1 }
            var value = ""
            if p < b.count, b[p] == 0x3D {
                p &+= 1
                while p < b.count, Self.isSpace(b[p]) { p &+= 1 }
                if p < b.count, b[p] == 0x22 || b[p] == 0x27 {
                    let quote = b[p]
                    let end = b.firstIndex(of: quote, from: p &+ 1) ?? b.count
                    value = HTMLCharacterReferences.decode(b, from: p &+ 1, to: end)
                    p = min(b.count, end &+ 1)
                } else {
                    let start = p
                    while p < b.count, !Self.isSpace(b[p]), b[p] != 0x3E { p &+= 1 }
                    value = HTMLCharacterReferences.decode(b, from: start, to: p)
                }
            }
            // The first of two attributes with the same name wins, as in the standard.
            if list.count < 256, !list.contains(where: { $0.name == name }) { list.append((name, value)) }
        }
        return (list, selfClosing)
    }
}
