/// The few encodings a summary needs, so that no string from the evidence can become markup, a URL or CSS.
enum SummaryHTML {
    /// Text for an element's content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become references.
    static func escape(_ text: String) -> String {
        // Most evidence text has none of the five: hand it back without copying, which matters at 50,000 messages.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A relative URL for a path inside the bag: every byte but unreserved characters and `/` percent-encoded, so
    /// that a name holding `#`, `?`, `%`, a space or a quote still names that file and nothing else.
    static func relativeURL(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        // "data/…" cannot be read as a scheme, but a path is never allowed to start one.
        return out.hasPrefix("/") ? "." + out : out
    }

    /// A CSS string literal (with its quotes) holding `text`: every character but letters, digits and spaces
    /// written as a hexadecimal escape, so that nothing can end the string, the rule or the `<style>` element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
