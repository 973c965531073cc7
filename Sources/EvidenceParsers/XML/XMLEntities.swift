import EvidenceModel

/// XML's five predefined entities and its numeric character references, resolved over bytes, for the two small
/// XML readers (XMP packets and SMS Backup & Restore files).
///
/// Some writers (SMS Backup & Restore) put an emoji as two references, one per UTF-16 surrogate
/// (`&#55357;&#56832;` for 😀): such a pair becomes the one character it stands for. Half a pair, or a number
/// that is no Unicode scalar, becomes U+FFFD. Anything else that is not a known reference is left as written.
enum XMLEntities {
    /// The text of `bytes[start..<end]` with its references resolved.
    ///
    /// - Parameter loneSurrogates: incremented once for each unpaired surrogate written as U+FFFD.
    static func decode(_ b: [UInt8], from start: Int, to end: Int, loneSurrogates: inout Int) -> String {
        let end = min(end, b.count)
        guard b.firstIndex(of: 0x26, from: start, to: end) != nil else { return b.text(from: start, to: end) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = max(0, start)
        var pendingHigh: UInt32?
        func append(_ scalar: Unicode.Scalar) { out.append(contentsOf: Array(String(scalar).utf8)) }
        func flushHigh() {
            if pendingHigh != nil {
                append("\u{FFFD}")
                loneSurrogates += 1
                pendingHigh = nil
            }
        }
        while i < end {
            let c = b[i]
            guard c == 0x26, let semi = b.firstIndex(of: 0x3B, from: i &+ 1, to: min(end, i &+ 12)) else {
                flushHigh()
                out.append(c)
                i &+= 1
                continue
            }
            let entity = b.text(from: i &+ 1, to: semi)
            var value: UInt32?
            switch entity {
            case "amp": value = 0x26
            case "lt": value = 0x3C
            case "gt": value = 0x3E
            case "quot": value = 0x22
            case "apos": value = 0x27
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    value = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    value = UInt32(entity.dropFirst())
                }
            }
            guard let v = value else {
                flushHigh()
                out.append(c)
                i &+= 1
                continue
            }
            if (0xD800...0xDBFF).contains(v) {
                flushHigh()
                pendingHigh = v
            } else if (0xDC00...0xDFFF).contains(v) {
                if let high = pendingHigh {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                    append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                    pendingHigh = nil
                } else {
                    pendingHigh = 0
                    flushHigh()
                }
            } else {
                flushHigh()
                append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
            i = semi &+ 1
        }
        flushHigh()
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with its references resolved (lone surrogates become U+FFFD).
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var loneSurrogates = 0
        let bytes = Array(text.utf8)
        return decode(bytes, from: 0, to: bytes.count, loneSurrogates: &loneSurrogates)
    }
}
