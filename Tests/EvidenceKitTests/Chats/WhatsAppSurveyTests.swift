import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers

/// The first pass over a large export runs in two halves at once; its outcome must be exactly one pass's, whatever
/// the halves meet: dates on both sides, a change of form, damage in either half.
@Suite struct WhatsAppSurveyTests {
    /// The survey (or its error) with the file read in one pass and in two halves.
    private func bothWays(_ bytes: [UInt8]) -> (one: String, halves: String) {
        func outcome(_ halvesAbove: Int) -> String {
            do {
                return "\(try WhatsAppParser.survey(bytes, name: "chat.txt", halvesAbove: halvesAbove))"
            } catch {
                return "error: \(error)"
            }
        }
        return (outcome(.max), outcome(0))
    }

    @Test(arguments: ["android-ambiguous.txt", "android-de-DE.txt", "android-dst.txt", "android-en-GB.txt",
                      "android-en-US.txt", "android-es-ES.txt", "android-fr-FR.txt", "android-nl-NL.txt",
                      "android-sv-SE.txt", "ios-2015-crlf.txt", "ios-de-DE.txt", "ios-en-GB-group.txt",
                      "ios-en-US.txt", "ios-fi-FI.txt", "ios-fr-FR.txt"])
    func fixtureSurveysTheSameInHalves(_ fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes("Chats/WhatsApp/\(fixture)")
        let (one, halves) = bothWays(bytes)
        #expect(one == halves)
        #expect(!one.hasPrefix("error"))
    }

    /// Generated exports, each with what the second half could get wrong on its own.
    @Test(arguments: [
        // Day-first proven only in the second half; dates running backwards across the middle.
        (["01/02/2021, 08:00 - A: x", "03/02/2021, 08:00 - B: y"], ["01/01/2021, 08:00 - A: z", "25/01/2021, 09:00 - A: w"]),
        // Month-first in the first half, day-first in the second: the error names the second half's line.
        (["01/25/2021, 08:00 - A: x"], ["25/01/2021, 08:00 - A: z"]),
        // No message in the first half (text before the first message).
        (["hello", "world"], ["01/02/2021, 08:00 - A: x", "02/02/2021, 08:00 - A: y"]),
        // The second half starts with a header of another form, which one pass treats as a continuation line.
        (["01/02/2021, 08:00 - A: x"], ["[01/02/2021, 08:00:01] A: y", "13/02/2021, 08:00 - A: z"]),
        // No message in the second half.
        (["01/02/2021, 08:00 - A: x", "13/02/2021, 08:00 - A: y"], ["more", "text"]),
        // Damage in the second half: a byte that is not UTF-8, a line too long.
        (["01/02/2021, 08:00 - A: x"], ["02/02/2021, 08:00 - A: \u{FFFF}bad"]),
        (["01/02/2021, 08:00 - A: x"], ["02/02/2021, 08:00 - A: " + String(repeating: "y", count: 1 << 20 + 1)]),
        // Damage in both halves: the first half's is the one reported.
        (["01/02/2021, 08:00 - A: \u{FFFF}bad"], ["02/02/2021, 08:00 - A: \u{FFFF}bad"]),
    ] as [([String], [String])])
    func generatedExportSurveysTheSameInHalves(_ first: [String], _ second: [String]) {
        // Padded so that the middle of the file falls between the two groups of lines.
        let padding = Array(repeating: "filler line", count: 50)
        var bytes = Array((first + padding).joined(separator: "\n").utf8) + [0x0A]
        var rest = Array((padding + second).joined(separator: "\n").utf8) + [0x0A]
        if let marker = rest.firstRange(of: Array("\u{FFFF}".utf8)) {
            rest.replaceSubrange(marker, with: [0xFF])  // an invalid byte, not U+FFFF
        }
        if let marker = bytes.firstRange(of: Array("\u{FFFF}".utf8)) {
            bytes.replaceSubrange(marker, with: [0xFF])
        }
        bytes += rest
        let (one, halves) = bothWays(bytes)
        #expect(one == halves)
    }
}
