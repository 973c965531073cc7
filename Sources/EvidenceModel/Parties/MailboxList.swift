import Foundation

/// The addresses of an RFC 5322 address header as a person reads them (`Lucas <l@example.org>, "Dupont, C." <c@x>`):
/// commas inside quotes or angle brackets do not split, and a bare address has no display name.
package struct MailboxList {
    package var mailboxes: [(name: String?, address: String)] = []

    package init(_ header: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false, angled = false
        for character in header {
            switch character {
            case "\"": quoted.toggle()
            case "<" where !quoted: angled = true
            case ">" where !quoted: angled = false
            case "," where !quoted && !angled:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        for part in parts {
            let text = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
                let address = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
                let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if address.contains("@") { mailboxes.append((name.isEmpty ? nil : name, address)) }
            } else if text.contains("@"), !text.contains(" ") {
                mailboxes.append((nil, text))
            }
        }
    }
}
