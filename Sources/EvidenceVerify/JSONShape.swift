/// A cheap count of the structure of a JSON document before it is decoded, so that a hostile manifest
/// cannot make the decoder's memory grow far beyond the document's size: Foundation's decoder keeps about
/// 50 bytes for every value, and 32 MiB of `0,0,0,…` would cost 850 MB.
enum JSONShape {
    /// A real item of the manifest holds about 100 values and keys; 25,000 items (the manifest cap) 2.5 million.
    static let maximumTokens = 4_000_000

    /// The number of values and keys (commas, colons and opening brackets outside strings), stopping early
    /// once it passes `limit`.
    static func tokenCount(_ bytes: [UInt8], limit: Int = maximumTokens) -> Int {
        var count = 1
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{"):
                count += 1
                if count > limit { return count }
            default: continue
            }
        }
        return count
    }
}
