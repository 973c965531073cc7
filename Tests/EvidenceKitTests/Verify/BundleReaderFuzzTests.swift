import Foundation
import Testing
@testable import EvidenceVerify

/// Seeded mutations of a real bundle (bytes flipped, truncated, header lengths and offsets changed, entries
/// duplicated, bytes inserted). Oracle: a mutation either verifies INTACT *and* Python's `zipfile` extracts
/// exactly the same entries with the same bytes, or it is reported (findings or unusable). Never INTACT with
/// different bytes.
///
/// 300 mutations in the normal suite, times `EVIDENCEKIT_FUZZ_SCALE` (`scripts/fuzz.sh --long`);
/// `EVIDENCEKIT_FUZZ_ITERATIONS=100000` sets the count outright.
@Suite struct BundleReaderFuzzTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["EVIDENCEKIT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300 * FuzzRun.scale
    }

    enum Mutation: CaseIterable {
        case flipBytes, truncate, changeField, duplicateCentralRecord, insertBytes, duplicateLocalEntry
    }

    static func signatures(_ marker: UInt8, in bytes: [UInt8]) -> [Int] {
        guard bytes.count >= 4 else { return [] }
        return (0...(bytes.count - 4)).filter {
            bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == marker && bytes[$0 + 3] == marker + 1
        }
    }

    /// Where the original's central records, local headers and end records start.
    struct Layout {
        var centrals: [Int], locals: [Int], ends: [Int]
        init(_ bytes: [UInt8]) {
            (centrals, locals, ends) = (signatures(1, in: bytes), signatures(3, in: bytes), signatures(5, in: bytes))
        }
    }

    static func mutate(_ original: [UInt8], _ layout: Layout, _ mutation: Mutation, using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        let (centrals, locals, ends) = (layout.centrals, layout.locals, layout.ends)
        switch mutation {
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
        case .truncate:
            bytes.removeLast(Int.random(in: 1..<bytes.count, using: &generator))
        case .changeField:
            // Length, size, CRC and offset fields of each structure, where a reader's choices are made.
            let fields: [(starts: [Int], offsets: [Int])] = [(locals, [14, 18, 22, 26, 28]), (centrals, [8, 16, 20, 24, 28, 30, 32, 38, 42]),
                                                             (ends, [8, 10, 12, 16, 20])]
            let (starts, offsets) = fields.randomElement(using: &generator)!
            guard let start = starts.randomElement(using: &generator) else { break }
            let at = start + offsets.randomElement(using: &generator)!
            let delta = [1, -1, 2, 4, 22, 46, 0x10000].randomElement(using: &generator)!
            let old = Int(bytes[at]) | Int(bytes[at + 1]) << 8
            let new = Bool.random(using: &generator) ? old &+ delta : [0, 0xFFFF].randomElement(using: &generator)!
            bytes[at] = UInt8(truncatingIfNeeded: new)
            bytes[at + 1] = UInt8(truncatingIfNeeded: new >> 8)
        case .duplicateCentralRecord:
            guard let end = ends.last, let index = centrals.indices.randomElement(using: &generator) else { break }
            let recordEnd = index + 1 < centrals.count ? centrals[index + 1] : end
            let record = Array(bytes[centrals[index]..<recordEnd])
            bytes.insert(contentsOf: record, at: recordEnd)
            let newEnd = end + record.count
            for field in [newEnd + 8, newEnd + 10] { bytes[field] &+= 1 }
            let size = Int(bytes[newEnd + 12]) | Int(bytes[newEnd + 13]) << 8 | Int(bytes[newEnd + 14]) << 16
            let grown = size + record.count
            (bytes[newEnd + 12], bytes[newEnd + 13], bytes[newEnd + 14]) = (UInt8(grown & 0xFF), UInt8(grown >> 8 & 0xFF), UInt8(grown >> 16))
        case .insertBytes:
            let at = Int.random(in: 0...bytes.count, using: &generator)
            bytes.insert(contentsOf: (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: at)
        case .duplicateLocalEntry:
            guard let first = centrals.first, let index = locals.indices.randomElement(using: &generator) else { break }
            let entryEnd = index + 1 < locals.count ? locals[index + 1] : first
            bytes.insert(contentsOf: Array(bytes[locals[index]..<entryEnd]), at: entryEnd)
        }
        return bytes
    }

    @Test func mutatedBundlesAreReportedOrReadIdenticallyByPython() throws {
        let directory = try TestSupport.temporaryDirectory("bundle-fuzz")
        let bundle = TestSupport.fixture("Golden/golden-case-2026.zip")
        let original = Array(try Data(contentsOf: bundle))
        let expected = directory.appendingPathComponent("expected")
        #expect(try TestSupport.tool("unzip", ["-q", bundle.path, "-d", expected.path]).status == 0)
        let layout = Layout(original)
        var generator = SeededGenerator(seed: 8)
        var intact: [String] = []
        var reported = 0
        for iteration in 0..<Self.iterations {
            let mutation = Mutation.allCases[iteration % Mutation.allCases.count]
            let mutated = Self.mutate(original, layout, mutation, using: &generator)
            let url = directory.appendingPathComponent("mutation-\(iteration).zip")
            try Data(mutated).write(to: url)
            let report = try? BundleVerifier().verify(bundleAt: url)
            if report?.intact == true {
                intact.append(url.path)
            } else {
                reported += 1
                try FileManager.default.removeItem(at: url)
            }
        }
        // Every INTACT mutation must read, in Python, as exactly the bundle's entries with their bytes.
        let oracle = """
            import os, sys, zipfile
            expected_root = sys.argv[1]
            expected = {}
            for folder, _, names in os.walk(expected_root):
                for name in names:
                    path = os.path.join(folder, name)
                    expected[os.path.relpath(path, expected_root)] = open(path, 'rb').read()
            bad = 0
            for path in sys.argv[2:]:
                try:
                    z = zipfile.ZipFile(path)
                    got = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
                    if got != expected:
                        print('DIFFERENT', path); bad += 1
                except Exception as error:
                    print('UNREADABLE', path, error); bad += 1
            sys.exit(1 if bad else 0)
            """
        let python = try TestSupport.tool("python3", ["-c", oracle, expected.path] + intact)
        #expect(python.status == 0, "verified INTACT but Python reads otherwise:\n\(python.stdout)\(python.stderr)")
        FuzzRun.report(["bundle reader (zip + bag)"], inputs: Self.iterations)
        print("BundleReaderFuzzTests: \(Self.iterations) mutations, \(reported) reported, \(intact.count) INTACT and identical in Python")
        #expect(reported + intact.count == Self.iterations)
        #expect(reported > Self.iterations / 2)
    }
}
