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

    /// A name to sort in this order. Comparing two keys walks both names' runs of digits and of text in place,
    /// as slices of their UTF-8, so sorting a folder of n names allocates nothing per comparison and keeps nothing
    /// per name beyond the name itself (a folder of 100,000 names costs no more memory to sort than to list).
    ///
    /// For example:
    /// ```swift
    /// let sorted = names.map(NaturalNameOrder.SortKey.init).sorted().map(\.name)
    /// ```
    package struct SortKey: Comparable, Sendable {
        /// The name the key was made from.
        package let name: String

        package init(_ name: String) {
            self.name = name
        }

        package static func < (first: SortKey, second: SortKey) -> Bool {
            var left = Runs(first.name), right = Runs(second.name)
            var leftCount = 0, rightCount = 0
            while true {
                let x = left.next(), y = right.next()
                if x != nil { leftCount += 1 }
                if y != nil { rightCount += 1 }
                guard let x, let y else {
                    // One name's runs ended: the name with fewer runs first, as a key of the shorter run list.
                    while left.next() != nil { leftCount += 1 }
                    while right.next() != nil { rightCount += 1 }
                    break
                }
                guard x != y else { continue }
                switch (x, y) {
                case (.number(let a, let aLength), .number(let b, let bLength)):
                    if a.count != b.count { return a.count < b.count }
                    if !a.elementsEqual(b) { return a.lexicographicallyPrecedes(b) }
                    return aLength < bLength // `2` before `02`
                case (.number, .text): return true
                case (.text, .number): return false
                case (.text(let a), .text(let b)):
                    // Runs that differ only in their normalisation (NFC `é`, NFD `é`) were equal (`!=` above is
                    // Swift's canonical equivalence), as they were when this order was first written.
                    return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
                }
            }
            if leftCount != rightCount { return leftCount < rightCount }
            return first.name.utf8.lexicographicallyPrecedes(second.name.utf8)
        }

        /// Equal keys are keys of the same name, byte for byte (names equal as numbers or canonically equivalent
        /// still differ in their bytes, and are ordered by them).
        package static func == (first: SortKey, second: SortKey) -> Bool {
            first.name.utf8.elementsEqual(second.name.utf8)
        }

        private enum Run: Equatable {
            /// ASCII digits only (other scripts' digits are compared as text): the digits after any leading zeros,
            /// and how many digits there were.
            case number(significant: Substring.UTF8View, length: Int)
            case text(Substring)

            static func == (first: Run, second: Run) -> Bool {
                switch (first, second) {
                case (.number(let a, let aLength), .number(let b, let bLength)):
                    return aLength == bLength && a.elementsEqual(b)
                case (.text(let a), .text(let b)): return a == b
                default: return false
                }
            }
        }

        /// The runs of a name, one after the other, as slices of it. A byte of a multi-byte UTF-8 sequence is
        /// never an ASCII digit, so cutting the bytes cuts the name where cutting its scalars would.
        private struct Runs {
            private let name: Substring
            private var start: String.Index

            init(_ name: String) {
                self.name = Substring(name)
                start = name.utf8.startIndex
            }

            mutating func next() -> Run? {
                let utf8 = name.utf8
                guard start < utf8.endIndex else { return nil }
                let isNumber = isDigit(utf8[start])
                var end = utf8.index(after: start)
                while end < utf8.endIndex, isDigit(utf8[end]) == isNumber { end = utf8.index(after: end) }
                defer { start = end }
                guard isNumber else { return .text(Substring(utf8[start..<end])) }
                var significant = start
                while significant < end, utf8[significant] == UInt8(ascii: "0") {
                    significant = utf8.index(after: significant)
                }
                return .number(significant: utf8[significant..<end], length: utf8.distance(from: start, to: end))
            }
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
