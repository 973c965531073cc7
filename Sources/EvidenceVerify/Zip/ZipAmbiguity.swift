/// Something in a zip that readers would not all read the same way (`unzip`, Python's `zipfile`, `bsdtar`,
/// a streaming reader), so the bundle is not intact whatever its hashes say.
///
/// The message says what another reader would have shown: that is what a lawyer who unzips the bundle sees.
struct ZipAmbiguity: Error, Sendable, Equatable, CustomStringConvertible {
    /// The raw entry name concerned, when the problem is about one entry.
    var entry: String?
    var message: String

    var description: String { "\(entry.map { "\($0): " } ?? "")\(message)" }
}
