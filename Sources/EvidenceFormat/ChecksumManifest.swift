/// `manifest-sha256.txt` and `tagmanifest-sha256.txt` (RFC 8493 sections 2.1.3 and 2.2.1): one line per file, the
/// SHA-256 in lowercase hex, two spaces, the path (the form `sha256sum -c` reads). Written and read side by side.
///
/// For example:
/// ```
/// 68a8c6813720a364ee7917aa3189ce820372685ce688fdc572713c7c6204a5fe  data/0001-IMG_0412.PNG
/// ```
package enum ChecksumManifest {
    /// One line, ending in LF. In the path `%`, CR and LF are percent-encoded as RFC 8493 asks (`%25`, `%0D`,
    /// `%0A`); our payload names never contain them, so for every bag we write the path is as it is.
    package static func line(sha256: String, path: String) -> String {
        var encodedPath = String.UnicodeScalarView()
        // Scalar by scalar: a string search would miss an LF that a combining mark turns into another character.
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": encodedPath.append(contentsOf: "%25".unicodeScalars)
            case "\r": encodedPath.append(contentsOf: "%0D".unicodeScalars)
            case "\n": encodedPath.append(contentsOf: "%0A".unicodeScalars)
            default: encodedPath.append(scalar)
            }
        }
        return "\(sha256)  \(String(encodedPath))\n"
    }

    /// What one non-empty line of a checksum manifest says. `number` counts the non-empty lines from 1.
    package enum Line: Equatable, Sendable {
        /// A checksum (lowercased) and the path it is for (percent-decoded).
        case entry(number: Int, sha256: String, path: String)
        /// No space or tab separates a checksum from a path.
        case notChecksumAndPath(number: Int)
        /// The first field is not 64 hexadecimal digits.
        case noSHA256(number: Int)
    }

    /// Reads every line (empty lines skipped, CR LF accepted), or `nil` when the bytes are not UTF-8.
    package static func lines(parsing bytes: [UInt8]) -> [Line]? {
        var lines: [Line] = []
        guard forEachLine(parsing: bytes, { lines.append($0); return true }) else { return nil }
        return lines
    }

    /// Hands each line to `body`, one at a time, until `body` returns `false`: a hostile manifest of millions of
    /// lines is never held as a list. Returns `false` when the bytes are not UTF-8 (and `body` is never called).
    @discardableResult
    package static func forEachLine(parsing bytes: [UInt8], _ body: (Line) -> Bool) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        var number = 0
        TextLines.forEach(in: bytes) { line in
            guard !line.isEmpty else { return true }
            number += 1
            return body(parse(line, number: number))
        }
        return true
    }

    private static func parse(_ line: ArraySlice<UInt8>, number: Int) -> Line {
        let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let space = trimmed.firstIndex(where: isSeparator) else { return .notChecksumAndPath(number: number) }
        let hash = trimmed[..<space]
        guard hash.count == 64, hash.allSatisfy(isASCIIHexDigit) else {
            return .noSHA256(number: number)
        }
        let path = percentDecoded(trimmed[space...].drop(while: isSeparator))
        return .entry(number: number, sha256: String(decoding: hash, as: UTF8.self).lowercased(),
                      path: String(decoding: path, as: UTF8.self))
    }

    private static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// `%0A`, `%0D` and `%25` (upper case, as we write them) decoded in one pass; any other `%` stays as it is.
    private static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), bytes.endIndex - index >= 3 {
                let escape = (bytes[index + 1], bytes[index + 2])
                let byte: UInt8? = switch escape {
                case (UInt8(ascii: "0"), UInt8(ascii: "A")): UInt8(ascii: "\n")
                case (UInt8(ascii: "0"), UInt8(ascii: "D")): UInt8(ascii: "\r")
                case (UInt8(ascii: "2"), UInt8(ascii: "5")): UInt8(ascii: "%")
                default: nil
                }
                if let byte {
                    decoded.append(byte)
                    index += 3
                    continue
                }
            }
            decoded.append(bytes[index])
            index += 1
        }
        return decoded
    }
}
