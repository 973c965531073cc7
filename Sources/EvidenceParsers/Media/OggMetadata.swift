import EvidenceModel
/// Ogg audio (RFC 3533): Opus (RFC 7845), the format of WhatsApp voice notes, and Vorbis. The first page's packet
/// names the codec. Neither carries a recording time (a Vorbis comment `DATE` is free text some music taggers
/// write, never a voice recorder), so the reading says so instead of reporting a missing date.
package struct OggMetadata {
    /// The codec clue and the note that no time is held.
    public var metadata = MediaMetadata()
    /// `Opus`, `Vorbis`, or `nil` when the first packet names neither.
    package var codec: String?

    /// Reads the first page of the Ogg stream in `source`.
    /// - Throws: ``MediaParseError`` when the `OggS` capture pattern is missing; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let page = try source.read(at: 0, maxCount: 27 + 255 + 16)
        guard page.starts(with: Array("OggS".utf8)) else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no Ogg page (OggS)")
        }
        guard let segments = page.u8(26), page.count >= 27 + Int(segments) + 8 else {
            metadata.warn(.truncated, "Ogg: the file ends inside its first page")
            return
        }
        let packet = 27 + Int(segments)
        if page.starts(with: Array("OpusHead".utf8), at: packet) {
            codec = "Opus"
        } else if page.starts(with: [0x01] + Array("vorbis".utf8), at: packet) {
            codec = "Vorbis"
        }
        let name = codec.map { "Ogg \($0)" } ?? "Ogg"
        metadata.warn(.formatHasNoTime, "\(name) audio holds no recording time (a WhatsApp voice note has none): "
            + "the times shown come from its name, the file system or acquisition; the chat that carried it shows "
            + "when it was sent, and --declared-time can record that")
    }
}
