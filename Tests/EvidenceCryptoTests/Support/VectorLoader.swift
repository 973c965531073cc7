import Testing
import Foundation

/// One record of a vector file: its `Name = value` lines, in order.
struct VectorRecord: Sendable, CustomTestStringConvertible {
    let fields: [String: String]
    let line: Int

    subscript(_ name: String) -> String? { fields[name] }

    /// The field decoded as hex; traps with the file position so a broken vector file is obvious.
    func bytes(_ name: String) -> [UInt8] {
        guard let text = fields[name], let bytes = [UInt8](hex: text) else {
            fatalError("vector at line \(line): field \(name) missing or not hex")
        }
        return bytes
    }

    var testDescription: String { fields["Name"] ?? fields["Len"].map { "Len = \($0)" } ?? "line \(line)" }
}

/// Reads the published vector files in `Vectors/` (NIST `.rsp` and the same `Name = value` layout for the rest).
enum VectorLoader {
    static func records(in fileName: String) -> [VectorRecord] {
        guard let folder = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            fatalError("Vectors folder missing from the test bundle")
        }
        let url = folder.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("cannot read vector file \(fileName)")
        }
        var records: [VectorRecord] = []
        var fields: [String: String] = [:]
        var start = 0
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty {
                if !fields.isEmpty { records.append(VectorRecord(fields: fields, line: start)) }
                fields = [:]
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("[") { continue }
            guard let equals = line.firstIndex(of: "=") else { fatalError("\(fileName):\(index + 1): no '='") }
            if fields.isEmpty { start = index + 1 }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            fields[key] = value
        }
        if !fields.isEmpty { records.append(VectorRecord(fields: fields, line: start)) }
        return records
    }

    /// NIST byte-oriented records as (message, digest); `Len` (bits) wins over the `Msg = 00` placeholder.
    static func nistRecords(in fileName: String) -> [(record: VectorRecord, message: [UInt8], digest: String)] {
        records(in: fileName).map { record in
            guard let bits = record["Len"].flatMap(Int.init), let digest = record["MD"] else {
                fatalError("\(fileName) line \(record.line): missing Len or MD")
            }
            return (record, Array(record.bytes("Msg").prefix(bits / 8)), digest)
        }
    }
}

extension [UInt8] {
    /// Test-side hex decoding, independent of the code under test.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
            index += 2
        }
        self = bytes
    }

    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
