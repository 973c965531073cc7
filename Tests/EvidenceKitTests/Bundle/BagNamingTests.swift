import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite struct BagNamingTests {
    @Test(arguments: [
        ("note: menace?.txt", "note_ menace_.txt"),
        ("CON.txt", "_CON.txt"),
        ("trailing. ", "trailing"),
        ("100%.png", "100_.png"),
        ("\u{200E}WhatsApp Chat with Lucas.txt", "WhatsApp Chat with Lucas.txt"),
        ("..", "unnamed"),
        ("a/b\\c", "a_b_c"),
    ])
    func safeNames(input: String, expected: String) {
        #expect(BagNaming.safeFileName(input) == expected)
    }

    @Test func namesAreNFC() {
        let decomposed = "Capture d\u{2019}e\u{301}cran.png"
        let safe = BagNaming.safeFileName(decomposed)
        #expect(safe.unicodeScalars.elementsEqual("Capture d\u{2019}\u{E9}cran.png".unicodeScalars))
    }

    @Test func longNamesKeepTheirExtension() {
        let safe = BagNaming.safeFileName(String(repeating: "x", count: 300) + ".jpeg")
        #expect(safe.count == BagNaming.maximumNameLength)
        #expect(safe.hasSuffix(".jpeg"))
    }

    @Test func identifiers() {
        #expect(BagNaming.identifier(from: "Harcèlement Instagram 2026") == "Harcelement-Instagram-2026")
        #expect(BagNaming.identifier(from: "///") == "case")
    }
}
