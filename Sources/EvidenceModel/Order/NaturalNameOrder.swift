/// File names in the order a person expects them: by name, with runs of digits compared as numbers (`IMG_2` before
/// `IMG_10`, `page 9` before `page 10`). Text between the numbers keeps byte order (capitals first, as `ls` sorts in
/// the C locale), so a folder whose names hold no numbers is added in the same order as before; names equal as
/// numbers (`2`, `02`) are ordered by their bytes. The order is total and the same on every computer: no locale
/// takes part.
public enum NaturalNameOrder {
    /// True when `first` comes before `second`.
    public static func precedes(_ first: String, _ second: String) -> Bool {
        let a = runs(first), b = runs(second)
        for (left, right) in zip(a, b) where left != right {
            switch (left, right) {
            case (.number(let x), .number(let y)):
                let (xs, ys) = (x.drop { $0 == UInt8(ascii: "0") }, y.drop { $0 == UInt8(ascii: "0") })
                if xs.count != ys.count { return xs.count < ys.count }
                if xs != ys { return xs.lexicographicallyPrecedes(ys) }
                if x.count != y.count { return x.count < y.count } // `2` before `02`
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let x), .text(let y)):
                // Unicode scalar order is UTF-8 byte order.
                return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            }
        }
        if a.count != b.count { return a.count < b.count }
        return Array(first.utf8).lexicographicallyPrecedes(Array(second.utf8))
    }

    private enum Run: Equatable {
        /// ASCII digits only: other scripts' digits are compared as text.
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
