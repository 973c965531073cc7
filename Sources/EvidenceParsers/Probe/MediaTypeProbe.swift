import EvidenceModel
import Foundation

/// Decides what a file is from its first bytes (magic numbers), never from its name.
public enum MediaTypeProbe {
    /// How many leading bytes ``mediaType(of:)`` needs to decide.
    public static let headerLength = 64

    /// The IANA media type the leading bytes announce; `application/octet-stream` when nothing matches.
    public static func mediaType(of header: some Collection<UInt8>) -> String {
        let b = Array(header.prefix(headerLength))
        // Compared in place: an array made per magic number was most of the probe's cost for a file that
        // matches none (every check is then made).
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + magic.count && b[offset..<offset + magic.count].elementsEqual(magic)
        }
        func ascii(_ text: StaticString, at offset: Int = 0) -> Bool {
            text.withUTF8Buffer { magic in
                b.count >= offset + magic.count && b[offset..<offset + magic.count].elementsEqual(magic)
            }
        }

        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if ascii("GIF87a") || ascii("GIF89a") { return "image/gif" }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return "image/webp" }
        if ascii("RIFF"), ascii("WAVE", at: 8) { return "audio/wav" }
        if ascii("II*\0") || ascii("MM\0*") {
            // Canon CR2 marks itself after the TIFF header; DNG is told apart by its IFD0 (DNGVersion) when read.
            return ascii("CR\u{2}\0", at: 8) ? "image/x-canon-cr2" : "image/tiff"
        }
        if ascii("OggS") { return "audio/ogg" }
        if ascii("#!AMR-WB\n") { return "audio/amr-wb" }
        if ascii("#!AMR\n") { return "audio/amr" }
        if ascii("ID3") || isMPEGAudioFrame(b) { return "audio/mpeg" }
        if ascii("%PDF-") { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return "application/zip" }
        if ascii("ftyp", at: 4), b.count >= 12 {
            return isoMediaType(b)
        }
        if ascii("moov", at: 4) || ascii("mdat", at: 4) || ascii("wide", at: 4) { return "video/quicktime" }
        if ascii("From ") { return "application/mbox" }
        if looksLikeText(b) { return "text/plain" }
        return "application/octet-stream"
    }

    /// The type an ISO BMFF `ftyp` box announces: the major brand first (QuickTime, 3GPP), then any image
    /// brand among the compatible ones (an AVIF may carry the major brand `mif1`, an MP4 never lists `heic`).
    static func isoMediaType(_ b: [UInt8]) -> String {
        let boxSize = Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        let end = min(b.count, max(12, boxSize))
        let major = String(decoding: b[8..<12], as: UTF8.self)
        var brands = [major]
        var offset = 16
        while offset + 4 <= end {
            brands.append(String(decoding: b[offset..<offset + 4], as: UTF8.self))
            offset += 4
        }
        if major == "qt  " { return "video/quicktime" }
        if major == "crx " { return "image/x-canon-cr3" }
        // iTunes audio brands (voice memos, WhatsApp on iOS); an MP4 of another brand with sound only is told
        // apart when its tracks are read.
        if ["M4A ", "M4B ", "M4P "].contains(major) { return "audio/mp4" }
        if major.hasPrefix("3g") { return "video/3gpp" }
        if brands.contains(where: { ["avif", "avis"].contains($0) }) { return "image/avif" }
        if brands.contains(where: { ["heic", "heix", "heim", "heis", "hevc", "hevx"].contains($0) }) {
            return "image/heic"
        }
        if ["mif1", "msf1"].contains(major) { return "image/heif" }
        return "video/mp4"
    }

    /// True when the bytes start with an MPEG-1/2 audio frame header (an MP3 without an ID3 tag): 11 sync bits,
    /// a layer other than "reserved", a bitrate other than "bad" and a known sample rate. JPEG (`FF D8`) and AAC
    /// ADTS (layer bits 00) do not match.
    static func isMPEGAudioFrame(_ b: [UInt8]) -> Bool {
        guard b.count >= 4, b[0] == 0xFF, b[1] & 0xE0 == 0xE0 else { return false }
        let version = (b[1] >> 3) & 0x03, layer = (b[1] >> 1) & 0x03
        let bitrate = b[2] >> 4, sampleRate = (b[2] >> 2) & 0x03
        return version != 1 && layer != 0 && bitrate != 0x0F && bitrate != 0 && sampleRate != 3
    }

    /// True when the bytes decode as UTF-8 with no control bytes other than tab, line feed, carriage return
    /// and form feed. A character cut at the end is allowed only when the header boundary cut it (a full
    /// header): a file that is itself a byte or two of binary (the first bytes of a photo cut short) is
    /// not text.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(byte) { return false }
        var trimmed = bytes[...]
        if bytes.count >= headerLength {
            // Drop up to three bytes of a character cut by the header boundary.
            for _ in 0..<3 where String(validating: trimmed, as: UTF8.self) == nil && !trimmed.isEmpty {
                trimmed = trimmed.dropLast()
            }
        }
        return !trimmed.isEmpty && String(validating: trimmed, as: UTF8.self) != nil
    }
}
