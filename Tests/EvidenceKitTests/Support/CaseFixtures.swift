@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify
import Foundation

/// Builds small real cases for the tests.
enum CaseFixtures {
    /// A folder of originals: a PNG-signature file, random bytes, a text, a nested folder, OS clutter and an outward symlink.
    static func makeOriginals(in directory: URL) throws -> URL {
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals.appendingPathComponent("nested"), withIntermediateDirectories: true)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(png).write(to: originals.appendingPathComponent("Screenshot_20260303-214512.png"))
        var generator = SeededGenerator(seed: 42)
        try Data((0..<150_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            .write(to: originals.appendingPathComponent("nested/video-part.bin"))
        try Data("Tu as jusqu'à vendredi.\n".utf8).write(to: originals.appendingPathComponent("note: menace?.txt"))
        try Data("clutter".utf8).write(to: originals.appendingPathComponent(".DS_Store"))
        try FileManager.default.createSymbolicLink(atPath: originals.appendingPathComponent("outside").path,
                                                   withDestinationPath: "/etc/hostname")
        return originals
    }

    /// A case with the originals added, created through the library.
    static func makeCase(in directory: URL) throws -> (EvidenceCase, URL) {
        let originals = try makeOriginals(in: directory)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Harcèlement Instagram 2026",
                                                   timeZone: "Europe/Brussels",
                                                   now: Instant(unixSeconds: 1_772_500_000))
        _ = try evidenceCase.add([originals], options: AddOptions(note: "reçue le 3 mars"))
        return (evidenceCase, originals)
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same bytes on every machine, so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
