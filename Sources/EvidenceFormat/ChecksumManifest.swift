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
        let encodedPath = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
        return "\(sha256)  \(encodedPath)\n"
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

    /// Reads every non-empty line; a line ending in CR LF is read as ending in LF, and any run of spaces and tabs
    /// separates the checksum from the path.
    ///
    /// - Returns: `nil` when the bytes are not UTF-8.
    package static func lines(parsing bytes: [UInt8]) -> [Line]? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: true).enumerated().map { index, line in
            let number = index + 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                return .notChecksumAndPath(number: number)
            }
            let hash = String(trimmed[..<space]).lowercased()
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { return .noSHA256(number: number) }
            let rawPath = String(trimmed[space...].drop(while: { $0 == " " || $0 == "\t" }))
            // `%25` last, so that an encoded `%` never starts another escape.
            let path = rawPath.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
                .replacingOccurrences(of: "%25", with: "%")
            return .entry(number: number, sha256: hash, path: path)
        }
    }
}
