/// File names in the order a person expects them: by name, with runs of digits compared as numbers (`IMG_2` before
/// `IMG_10`, `page 9` before `page 10`). Text between the numbers keeps byte order (capitals first, as `ls` sorts in
/// the C locale), so a folder whose names hold no numbers is added in the same order as before; names equal as
/// numbers (`2`, `02`) are ordered by their bytes. The order is total and the same on every computer: no locale
/// takes part.
public enum NaturalNameOrder {
    /// True when `first` comes before `second`.
    public static func precedes(_ first: String, _ second: String) -> Bool {
        SortKey(first) < SortKey(second)
    }

    /// A name cut into its runs of digits and of text once, so that sorting a folder of n names reads each name
    /// once rather than at each of its n log n comparisons.
    ///
    /// For example:
    /// ```swift
    /// let sorted = names.map(NaturalNameOrder.SortKey.init).sorted().map(\.name)
    /// ```
    package struct SortKey: Comparable, Sendable {
        /// The name the key was made from.
        package let name: String
        private let runs: [Run]

        package init(_ name: String) {
            self.name = name
            runs = Self.runs(name)
        }

        package static func < (first: SortKey, second: SortKey) -> Bool {
            for (left, right) in zip(first.runs, second.runs) where left != right {
                switch (left, right) {
                case (.number(let x, let xLength), .number(let y, let yLength)):
                    if x.count != y.count { return x.count < y.count }
                    if x != y { return x.lexicographicallyPrecedes(y) }
                    return xLength < yLength // `2` before `02`
                case (.number, .text): return true
                case (.text, .number): return false
                case (.text(let x), .text(let y)):
                    // Runs that differ only in their normalisation (NFC `é`, NFD `é`) were equal (`!=` above is
                    // Swift's canonical equivalence), as they were when this order was first written.
                    return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
                }
            }
            if first.runs.count != second.runs.count { return first.runs.count < second.runs.count }
            return first.name.utf8.lexicographicallyPrecedes(second.name.utf8)
        }

        /// Equal keys are keys of the same name, byte for byte (names equal as numbers or canonically equivalent
        /// still differ in their bytes, and are ordered by them).
        package static func == (first: SortKey, second: SortKey) -> Bool {
            first.name.utf8.elementsEqual(second.name.utf8)
        }

        private enum Run: Equatable, Sendable {
            /// ASCII digits only (other scripts' digits are compared as text): the digits after any leading zeros,
            /// and how many digits there were.
            case number(significant: ArraySlice<UInt8>, length: Int)
            case text(Substring)
        }

        /// The runs of `name`: its digits copied, its text as slices of it. A byte of a multi-byte UTF-8 sequence
        /// is never an ASCII digit, so cutting the bytes cuts the name where cutting its scalars would.
        private static func runs(_ name: String) -> [Run] {
            let utf8 = name.utf8
            var result: [Run] = []
            var start = utf8.startIndex
            while start < utf8.endIndex {
                let isNumber = isDigit(utf8[start])
                var end = utf8.index(after: start)
                while end < utf8.endIndex, isDigit(utf8[end]) == isNumber { end = utf8.index(after: end) }
                if isNumber {
                    let digits = Array(utf8[start..<end])
                    let zeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
                    result.append(.number(significant: digits[zeros...], length: digits.count))
                } else {
                    result.append(.text(Substring(utf8[start..<end])))
                }
                start = end
            }
            return result
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
