import Testing
@testable import EvidenceModel

/// The sort keys that order a folder's names give the order the name-by-name comparison gave, which cut both names
/// into runs at every comparison (kept here as the reference).
@Suite struct NaturalNameOrderTests {
    @Test func sortKeysOrderNamesAsTheReferenceComparisonDoes() {
        var generator = SeededGenerator(seed: 12)
        // Digits with and without leading zeros, capitals, punctuation, NFC and NFD accents, other scripts' digits.
        let pieces = ["0", "00", "1", "01", "2", "9", "10", "007", "123456789012345678901234567890", "IMG_", "img_",
                      "Screenshot_", ".png", ".PNG", " ", "-", "a", "B", "é", "e\u{301}", "Å", "A\u{30A}", "٣", "１",
                      "页", "😀", ""]
        let names = (0..<600).map { _ in
            let count = Int.random(in: 0...5, using: &generator)
            return (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        for a in names.prefix(200) {
            let keyA = NaturalNameOrder.SortKey(a)
            for b in names.prefix(100) {
                let keyB = NaturalNameOrder.SortKey(b)
                #expect((keyA < keyB) == ReferenceNaturalOrder.precedes(a, b), "\(a) and \(b)")
                #expect(NaturalNameOrder.precedes(a, b) == ReferenceNaturalOrder.precedes(a, b), "\(a) and \(b)")
                #expect((keyA == keyB) == a.utf8.elementsEqual(b.utf8))
            }
        }
        let sorted = names.map(NaturalNameOrder.SortKey.init).sorted().map(\.name)
        #expect(sorted == names.sorted(by: ReferenceNaturalOrder.precedes))
    }
}

/// `NaturalNameOrder.precedes` as first written: the runs of both names rebuilt at every comparison.
private enum ReferenceNaturalOrder {
    static func precedes(_ first: String, _ second: String) -> Bool {
        let a = runs(first), b = runs(second)
        for (left, right) in zip(a, b) where left != right {
            switch (left, right) {
            case (.number(let x), .number(let y)):
                let (xs, ys) = (x.drop { $0 == UInt8(ascii: "0") }, y.drop { $0 == UInt8(ascii: "0") })
                if xs.count != ys.count { return xs.count < ys.count }
                if xs != ys { return xs.lexicographicallyPrecedes(ys) }
                if x.count != y.count { return x.count < y.count }
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let x), .text(let y)):
                return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            }
        }
        if a.count != b.count { return a.count < b.count }
        return Array(first.utf8).lexicographicallyPrecedes(Array(second.utf8))
    }

    private enum Run: Equatable {
        case number([UInt8])
        case text(String)
    }

    private static func runs(_ name: String) -> [Run] {
        var result: [Run] = []
        var digits: [UInt8] = []
        var text = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.numericType != nil {
                if !text.isEmpty { result.append(.text(text)); text = "" }
                digits.append(UInt8(scalar.value))
            } else {
                if !digits.isEmpty { result.append(.number(digits)); digits = [] }
                text.unicodeScalars.append(scalar)
            }
        }
        if !digits.isEmpty { result.append(.number(digits)) }
        if !text.isEmpty { result.append(.text(text)) }
        return result
    }
}
