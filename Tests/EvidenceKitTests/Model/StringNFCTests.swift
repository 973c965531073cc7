import Foundation
import Testing
@testable import EvidenceModel

/// Names are compared in NFC; an ASCII name skips Foundation's normalisation, with the same result.
@Suite struct StringNFCTests {
    @Test(arguments: ["", "IMG_0042.PNG", "Screenshot 2026-03-14 at 21.07.33.png", "a\tb\u{7F}", "e\u{301}cran.png",
                      "écran.png", "Ｓｃｒｅｅｎ.png", "ﬁle", "한국어.txt", "A\u{30A}ngstrom", "🌸.jpg"])
    func isFoundationsNFC(name: String) {
        #expect(Array(name.precomposedNFC.unicodeScalars) == Array(name.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func composesWhatIsDecomposed() {
        #expect(Array("e\u{301}cran".precomposedNFC.unicodeScalars) == Array("\u{E9}cran".unicodeScalars))
    }
}
