import Foundation

/// How hard the fuzz suites push, and what they say about it.
///
/// `scripts/fuzz.sh --long` sets `EVIDENCEKIT_FUZZ_SCALE` to run many more seeded inputs; every fuzz test prints
/// one `FUZZ <parser> <inputs>` line per parser it fed, which the script adds up, so a run shows how many inputs
/// each parser was given (and a parser the suites stopped reaching shows up as a missing line).
enum FuzzRun {
    /// The multiplier on every seeded-mutation count: 1 in the ordinary suite.
    static let scale: Int = {
        let value = ProcessInfo.processInfo.environment["EVIDENCEKIT_FUZZ_SCALE"].flatMap(Int.init) ?? 1
        return max(1, value)
    }()

    /// The media parsers ``MediaFuzzTests/feed(_:)`` runs on every input.
    static let mediaParsers = ["JPEG", "PNG", "WebP", "GIF", "HEIF", "QuickTime", "EXIF", "Inflate", "IPTC", "TIFF",
                               "CR3", "Ogg", "AMR", "ID3"]

    /// Prints how many inputs `parsers` were each fed by one test.
    static func report(_ parsers: [String], inputs: Int) {
        for parser in parsers { print("FUZZ \(parser) \(inputs)") }
    }
}
