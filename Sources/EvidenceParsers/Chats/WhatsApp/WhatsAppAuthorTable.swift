import EvidenceModel
import Foundation

extension WhatsAppParser {
    /// Keeps one `String` per distinct author so a million lines by two people allocate two names.
    struct AuthorTable {
        var names: [[UInt8]] = []
        var strings: [String] = []
        var list: [String] = []
        /// How many headers named each of `strings`.
        var counts: [Int] = []
        static let limit = 512

        /// How many headers named `name`; `nil` beyond the first ``limit`` names, which are not counted.
        func uses(of name: String) -> Int? {
            strings.firstIndex(of: name).map { counts[$0] }
        }

        mutating func intern(_ b: [UInt8], _ start: Int, _ end: Int) -> String {
            let count = end &- start
            for i in 0..<names.count where names[i].count == count {
                if b.equals(names[i], from: start, to: end) {
                    counts[i] &+= 1
                    return strings[i]
                }
            }
            let string = b.text(from: start, to: end)
            if names.count < Self.limit {
                names.append(Array(b[start..<end]))
                strings.append(string)
                counts.append(1)
                list.append(string)
            } else if list.count < 100_000, !list.contains(string) {
                list.append(string)
            }
            return string
        }
    }
}
