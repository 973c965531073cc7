import EvidenceModel
import Foundation

/// A header value with parameters: `multipart/mixed; boundary="b1"; name*=utf-8''%E2%82%AC.pdf`.
struct MIMEHeaderValue {
    var value: String
    var parameters: [String: String]

    init(_ raw: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for ch in raw {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && quoted { escaped = true; continue }
            if ch == "\"" { quoted.toggle(); continue }
            if ch == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(ch)
        }
        parts.append(current)
        value = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: String] = [:]
        var extended: [String: [(Int, Bool, String)]] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let v = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            // RFC 2231: name*=charset'lang'%XX…, or continuations name*0*=…, name*1=…
            if key.contains("*") {
                let pieces = key.split(separator: "*", omittingEmptySubsequences: false)
                let base = String(pieces[0])
                let index = pieces.count > 1 ? Int(pieces[1]) ?? 0 : 0
                let encoded = key.hasSuffix("*")
                extended[base, default: []].append((index, encoded, v))
            } else {
                plain[key] = v
            }
        }
        for (base, pieces) in extended {
            let sorted = pieces.sorted { $0.0 < $1.0 }
            var charset: String?
            var bytes: [UInt8] = []
            for (i, piece) in sorted.enumerated() {
                var text = piece.2
                if piece.1 {
                    if i == 0 {
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = String(fields[0])
                            text = String(fields[2])
                        }
                    }
                    bytes += Self.percentDecode(text)
                } else {
                    bytes += Array(text.utf8)
                }
            }
            plain[base] = MailCharsets.decode(bytes, charset: charset ?? "utf-8") ?? String(decoding: bytes, as: UTF8.self)
        }
        parameters = plain
    }

    static func percentDecode(_ s: String) -> [UInt8] {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == 0x25, i + 2 < u.count, let h = QuotedPrintable.hex(u[i + 1]), let l = QuotedPrintable.hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return out
    }
}
