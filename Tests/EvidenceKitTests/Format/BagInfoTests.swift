@testable import EvidenceFormat
import EvidenceCrypto
import EvidenceModel
import Foundation
import Testing

/// `bag-info.txt`: what we write, we read back; what we read from the golden bag, we write back byte for byte.
@Suite struct BagInfoTests {
    @Test func goldenBagInfoReadsAndWritesBackToItsBytes() throws {
        let bytes = try GeneratedValues.goldenBundleEntry("bag-info.txt")
        let bagInfo = BagInfo(parsing: bytes)
        #expect(Array(bagInfo.text.utf8) == bytes)
        #expect(bagInfo.elements.count == 10)
        #expect(bagInfo.values["External-Identifier"] == "golden-case-2026")
        #expect(bagInfo.values["Payload-Oxum"]?.hasSuffix(".9") == true)
    }

    @Test func sealingElementsComeInBagitPythonsOrder() throws {
        let metadata = CaseMetadata(identifier: "case-1", title: "Menaces\nsur Instagram", timeZone: "Europe/Brussels",
                                    createdAt: Instant(unixSeconds: 0))
        let fingerprint = try Ed25519PrivateKey.generate().publicKey.fingerprint
        let bagInfo = BagInfo(sealing: metadata, sealedAt: Instant(unixSeconds: 1_764_590_400), payloadBytes: 1_234_567,
                              payloadCount: 3, fingerprint: fingerprint)
        #expect(bagInfo.elements.map(\.label) == [
            "Bag-Software-Agent", "Bagging-Date", "Bag-Size", "Payload-Oxum", "External-Description",
            "External-Identifier", "EvidenceKit-Sealed-At", "EvidenceKit-Time-Zone", "Signer-Key-Algorithm",
            "Signer-Key-Fingerprint",
        ])
        let text = bagInfo.text
        #expect(text.contains("Bagging-Date: 2025-12-01\nBag-Size: 1.2 MB\nPayload-Oxum: 1234567.3\n"))
        // A title typed over two lines stays one element.
        #expect(text.contains("External-Description: Menaces sur Instagram\n"))
        #expect(BagInfo(parsing: Array(text.utf8)).values["External-Description"] == "Menaces sur Instagram")
        #expect(BagInfo(parsing: Array(text.utf8)).values["Signer-Key-Fingerprint"] == fingerprint.grouped)
    }

    @Test func generatedElementsRoundTrip() {
        let values = GeneratedValues(seed: 0x6261_6769)
        let labelCharacters = Array("ABCXYZabcxyz-_0189")
        let valueScalars = GeneratedValues.alphabet.filter {
            !Character($0).isNewline && !CharacterSet.whitespaces.contains($0) && !CharacterSet.controlCharacters.contains($0)
        } + [":", " ", "\t"]
        for _ in 0..<2_000 {
            let elements = values.list(upTo: 6) {
                var label = String((0..<values.int(1...12)).map { _ in values.pick(labelCharacters) })
                if label.first == "-" { label = "X" + label }
                var value = String(String.UnicodeScalarView((0..<values.int(0...16)).map { _ in values.pick(valueScalars) }))
                value = value.trimmingCharacters(in: .whitespaces)
                return BagInfo.Element(label, value)
            }
            let bagInfo = BagInfo(elements: elements)
            #expect(BagInfo(parsing: Array(bagInfo.text.utf8)) == bagInfo)
        }
    }

    @Test func readerFoldsContinuationLinesAndSkipsLinesWithoutALabel() {
        let text = "A: one\n  two\n\tthree\nno label here\r\nB :  x: y  \r\nA: again\n"
        let bagInfo = BagInfo(parsing: Array(text.utf8))
        #expect(bagInfo.elements == [.init("A", "one two three"), .init("B", "x: y"), .init("A", "again")])
        #expect(bagInfo.values == ["A": "again", "B": "x: y"])
    }
}
