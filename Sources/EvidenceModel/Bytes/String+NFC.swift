import Foundation

extension String {
    /// The string in Unicode Normalization Form C (composed), as names are compared and written.
    ///
    /// A string all of ASCII is its own NFC form (no ASCII character decomposes or composes), so Foundation's
    /// normalisation, which costs a few microseconds a name, is left for the others: a folder of 5,000 screenshots
    /// or a bag of 5,000 files is named in ASCII nearly always.
    package var precomposedNFC: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}
