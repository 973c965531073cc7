import Foundation
import Testing
@testable import EvidenceFormat

@Suite("TextLines")
struct TextLinesTests {
    /// The transcript indents continuation lines with `appendIndentingLines`, which must give exactly what
    /// Foundation's `replacingOccurrences(of: "\n", with: "\n    ")` gave before it, including where Foundation keeps
    /// a line feed with the combining mark after it.
    @Test func indentingLinesGivesWhatFoundationGives() {
        let texts = [
            "", "one line", "\n", "\n\n", "a\nb", "a\nb\n", "\nstarts", "ends\n", "a\r\nb\r\n", "é\nà\n😀\nça",
            "a\n\u{301}b",        // a combining acute after the line feed: Foundation leaves that line feed alone
            "a\n\u{301}b\nc",     // … and then replaces the other one too
            "a\n\u{200C}b", "a\n\u{200D}b", "a\n\u{FE0F}b", "a\n\u{1F3FB}b", "a\n\u{E0041}b", "a\n\u{2FF}b",
            "a\n\u{300}", "x\u{300}\ny", "\u{2028}a\u{85}b\u{0B}c\n",
        ]
        for text in texts {
            var bytes: [UInt8] = Array("prefix ".utf8)
            TextLines.appendIndentingLines(text, indent: "    ", to: &bytes)
            #expect(bytes == Array(("prefix " + text.replacingOccurrences(of: "\n", with: "\n    ")).utf8),
                    "\(Array(text.unicodeScalars))")
        }
    }

    /// Every scalar below U+3000 after a line feed (and one in 61 above), one at a time: the fast path and Foundation agree on all of them.
    @Test func indentingAgreesWithFoundationForEveryScalarAfterALineFeed() {
        for value in UInt32(0)...0x10FFFF where value < 0x3000 || value % 61 == 0 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a\n" + String(Character(scalar)) + "b\nc"
            var bytes: [UInt8] = []
            TextLines.appendIndentingLines(text, indent: "    ", to: &bytes)
            #expect(bytes == Array(text.replacingOccurrences(of: "\n", with: "\n    ").utf8), "U+\(String(value, radix: 16))")
        }
    }
}
