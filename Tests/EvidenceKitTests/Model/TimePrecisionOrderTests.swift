import Testing
@testable import EvidenceModel

/// Precisions are compared from their place in a `switch` rather than found in `allCases` each time: the order
/// must stay the declared one, coarsest first.
@Suite struct TimePrecisionOrderTests {
    @Test func finenessIsThePlaceInAllCasesAndOrdersAsDeclared() {
        for (place, precision) in TimePrecision.allCases.enumerated() {
            #expect(precision.fineness == place, "\(precision)")
            for (otherPlace, other) in TimePrecision.allCases.enumerated() {
                #expect((precision < other) == (place < otherPlace), "\(precision) < \(other)")
            }
        }
    }
}
