/// Looks for a key fingerprint in the text of an HTML page as it streams, however the page lays it out.
///
/// The check must hold for a summary rendered by any version of EvidenceKit, so it depends on no markup: the
/// 64 hexadecimal digits must appear in order, separated by nothing but white space, tags (`<span>`) or
/// character references (`&nbsp;`), in either case. Memory is constant whatever the page's size.
struct FingerprintScan {
    private let target: [UInt8]
    /// The last hexadecimal digits seen in one run (lower-cased), at most `target.count`.
    private var window: [UInt8] = []
    private var inTag = false
    private var inReference = false
    private(set) var found = false

    /// - Parameter hex: the fingerprint as 64 lower-case hexadecimal digits.
    init(looking hex: String) {
        target = Array(hex.lowercased().utf8)
        window.reserveCapacity(target.count)
    }

    mutating func feed(_ bytes: [UInt8]) {
        guard !found else { return }
        for byte in bytes {
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                continue
            }
            if inReference {
                if byte == UInt8(ascii: ";") { inReference = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: "&"): inReference = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"):
                append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                append(byte | 0x20)
            default:
                window.removeAll(keepingCapacity: true)
            }
            if found { return }
        }
    }

    private mutating func append(_ digit: UInt8) {
        if window.count == target.count { window.removeFirst() }
        window.append(digit)
        if window == target { found = true }
    }
}
