import EvidenceModel

/// HTML character references (`&amp;`, `&#233;`, `&#x1F600;`, `&nbsp;` …) resolved in one pass, so that an
/// escaped reference in the export (`&amp;nbsp;`) stays the text the person wrote (`&nbsp;`), never decoded twice.
///
/// Numeric references follow HTML's rules: a surrogate, zero or a number past U+10FFFF becomes U+FFFD. Named
/// references are the ones exporters write (XML's five plus the typographic ones); any other `&name;` is left as
/// written, as an HTML parser leaves an unknown reference.
enum HTMLCharacterReferences {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "laquo": "\u{AB}", "raquo": "\u{BB}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bull": "\u{2022}", "middot": "\u{B7}", "euro": "\u{20AC}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "lrm": "\u{200E}", "rlm": "\u{200F}", "deg": "\u{B0}",
    ]

    /// The text of `b[start..<end]` with its references resolved.
    static func decode(_ b: [UInt8], from start: Int, to end: Int) -> String {
        guard b.firstIndex(of: 0x26, from: start, to: end) != nil else { return b.text(from: start, to: end) }
        var out: [UInt8] = []
        out.reserveCapacity(end &- start)
        var i = start
        while i < end {
            let c = b[i]
            guard c == 0x26, let semi = b.firstIndex(of: 0x3B, from: i &+ 1, to: min(end, i &+ 12)),
                  let scalar = reference(b.text(from: i &+ 1, to: semi))
            else {
                out.append(c)
                i &+= 1
                continue
            }
            out.append(contentsOf: Array(String(scalar).utf8))
            i = semi &+ 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character a reference's name (between `&` and `;`) stands for, or `nil` when it is none we know.
    static func reference(_ name: String) -> Unicode.Scalar? {
        if let scalar = named[name] { return scalar }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if digits.hasPrefix("x") || digits.hasPrefix("X") {
            value = digits.count > 1 ? UInt32(digits.dropFirst(), radix: 16) : nil
        } else {
            value = digits.isEmpty ? nil : UInt32(digits)
        }
        guard let value else { return nil }
        return value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
