extension StringProtocol {
    /// Whether the two strings are equal when ASCII letters are compared without case, every other scalar as
    /// it is: what protocol names (mail header fields, MIME parameters) mean by "case-insensitive". Foundation's
    /// `caseInsensitiveCompare` also folds non-ASCII letters, and costs a bridge per call: a mailbox of 200,000
    /// messages looks up a dozen fields in each.
    package func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                guard a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) else { return false }
            default: return false
            }
        }
    }
}
