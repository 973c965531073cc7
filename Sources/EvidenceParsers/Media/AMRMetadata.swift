import EvidenceModel
/// AMR and AMR-WB audio, which holds no time at all, recognised by its first bytes (RFC 4867 section 5,
/// `#!AMR\n`, `#!AMR-WB\n`), the voice-note format of older phones and some messengers. The reading says so
/// instead of reporting a missing date.
package struct AMRMetadata {
    /// The note that no time is held.
    public var metadata = MediaMetadata()

    /// Checks the AMR magic of `source`.
    /// - Throws: ``MediaParseError`` when it is missing; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let head = try source.read(at: 0, maxCount: 9)
        let wide = head.starts(with: Array("#!AMR-WB\n".utf8))
        guard wide || head.starts(with: Array("#!AMR\n".utf8)) else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no AMR header (#!AMR)")
        }
        metadata.warn(.formatHasNoTime, "AMR\(wide ? "-WB" : "") audio holds no recording time: the times shown "
            + "come from its name, the file system or acquisition; the chat that carried it shows when it was sent, "
            + "and --declared-time can record that")
    }
}
