@testable import EvidenceImaging
import EvidenceModel
import Foundation
import Testing

/// Our PDQ against the reference implementation (PyPI `pdqhash`, bindings of Meta's C++ code) on generated images:
/// photo-like noise, screenshot-like text and flat colours, and JPEG re-compressions, resizes and crops of them.
/// The reference decodes with Pillow, we decode with our own decoders: the whole path from file to hash is compared.
@Suite struct PDQOracleTests {
    struct Reference {
        var name: String
        var category: String
        var variant: String
        var hash: PDQHash
        var quality: Int
    }

    struct Row {
        var count = 0
        var maxDistance = 0
        var totalDistance = 0
        var maxQualityGap = 0
        var maxDistanceFromOriginal = 0
    }

    /// Python with pdqhash, numpy and Pillow (scripts/test.sh installs them into its venv).
    static func oracleAvailable() -> Bool {
        let probe = try? TestSupport.tool("python3", ["-c", "import pdqhash, numpy, PIL"])
        if probe?.status == 0 { return true }
        if TestSupport.toolsRequired { Issue.record("pdqhash, numpy or Pillow is missing; scripts/test.sh installs them") }
        return false
    }

    static func references(count: Int, in folder: URL) throws -> [Reference] {
        let script = TestSupport.fixture("Imaging/pdq_oracle.py")
        let result = try TestSupport.tool("python3", [script.path, folder.path, String(count)])
        try #require(result.status == 0, "pdq_oracle.py failed: \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t").map(String.init)
            try #require(fields.count == 5, "unexpected oracle line: \(line)")
            return Reference(name: fields[0], category: fields[1], variant: fields[2],
                             hash: try #require(PDQHash(hex: fields[3])), quality: try #require(Int(fields[4])))
        }
    }

    static func ourHash(of file: URL) throws -> PDQResult {
        let bytes = [UInt8](try Data(contentsOf: file))
        let mediaType = file.pathExtension == "jpg" ? "image/jpeg" : "image/png"
        let decoded = try ImageDecoder.decode(bytes, mediaType: mediaType)
        return try #require(PDQHasher.hash(of: decoded.image))
    }

    @Test func ourHashIsWithinTenBitsOfTheReference() throws {
        guard Self.oracleAvailable() else { return }
        let folder = try TestSupport.temporaryDirectory("pdq-oracle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let references = try Self.references(count: 200, in: folder)
        #expect(references.filter { $0.variant == "original" }.count == 200)

        let ours = ConcurrentResults<Result<PDQResult, any Error>>(count: references.count)
        DispatchQueue.concurrentPerform(iterations: references.count) { position in
            ours.set(position, Result { try Self.ourHash(of: folder.appendingPathComponent(references[position].name)) })
        }
        var originals: [String: PDQHash] = [:]
        for (reference, result) in zip(references, ours.values) where reference.variant == "original" {
            originals[String(reference.name.prefix(3))] = try result.get().hash
        }
        var table: [String: Row] = [:]
        var failures: [String] = []
        for (reference, result) in zip(references, ours.values) {
            let our = try result.get()
            let distance = our.hash.distance(to: reference.hash)
            let gap = abs(our.quality - reference.quality)
            let key = "\(reference.category) | \(reference.variant)"
            var row = table[key, default: Row()]
            row.count += 1
            row.totalDistance += distance
            row.maxDistance = max(row.maxDistance, distance)
            row.maxQualityGap = max(row.maxQualityGap, gap)
            if reference.quality >= PDQHash.minimumUsefulQuality, let original = originals[String(reference.name.prefix(3))] {
                row.maxDistanceFromOriginal = max(row.maxDistanceFromOriginal, our.hash.distance(to: original))
            }
            table[key] = row
            if reference.quality >= 80 && distance > 10 {
                failures.append("\(reference.name): \(distance) bits from the reference (quality \(reference.quality))")
            }
            if gap > 10 { failures.append("\(reference.name): quality \(our.quality), reference \(reference.quality)") }
        }
        print("PDQ-TABLE category | variant | images | max distance | mean distance | max quality gap | max distance from our original (q>=50)")
        for (key, row) in table.sorted(by: { $0.key < $1.key }) {
            let mean = String(format: "%.2f", Double(row.totalDistance) / Double(row.count))
            print("PDQ-TABLE \(key) | \(row.count) | \(row.maxDistance) | \(mean) | \(row.maxQualityGap) | \(row.maxDistanceFromOriginal)")
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

/// One result slot per position, filled from several threads.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ position: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        slots[position] = value
    }

    var values: [Value] { slots.map { $0! } }
}
