import Foundation

/// Decides what a file is from its first bytes (magic numbers), never from its name.
public enum MediaTypeProbe {
    /// How many leading bytes ``mediaType(of:)`` needs to decide.
    public static let headerLength = 64

    /// The IANA media type the leading bytes announce; `application/octet-stream` when nothing matches.
    public static func mediaType(of header: some Collection<UInt8>) -> String {
        let b = Array(header.prefix(headerLength))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + magic.count && Array(b[offset..<offset + magic.count]) == magic
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if ascii("GIF87a") || ascii("GIF89a") { return "image/gif" }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return "image/webp" }
        if ascii("%PDF-") { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return "application/zip" }
        if ascii("ftyp", at: 4), b.count >= 12 {
            let brand = String(decoding: b[8..<12], as: UTF8.self)
            switch brand {
            case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1": return "image/heic"
            case "avif", "avis": return "image/avif"
            case "qt  ": return "video/quicktime"
            case "3gp4", "3gp5", "3gp6", "3gp7", "3ge6", "3ge7", "3gg6": return "video/3gpp"
            default: return "video/mp4"
            }
        }
        if ascii("moov", at: 4) || ascii("mdat", at: 4) || ascii("wide", at: 4) { return "video/quicktime" }
        if ascii("From ") { return "application/mbox" }
        if looksLikeText(b) { return "text/plain" }
        return "application/octet-stream"
    }

    /// True when the bytes decode as UTF-8 (allowing a character cut at the end) with no control bytes
    /// other than tab, line feed, carriage return and form feed.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(byte) { return false }
        var trimmed = bytes[...]
        // Drop up to three bytes of a character cut by the header boundary.
        for _ in 0..<3 where String(validating: trimmed, as: UTF8.self) == nil && !trimmed.isEmpty {
            trimmed = trimmed.dropLast()
        }
        return String(validating: trimmed, as: UTF8.self) != nil
    }
}
