import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceImaging
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// PDQ and MD5 in a case: computed at `add`, sealed, backfilled by `rehash`, near-duplicates grouped, `match`.
@Suite struct PerceptualHashCaseTests {
    static func newCase(_ label: String) throws -> (EvidenceCase, URL) {
        let directory = try TestSupport.temporaryDirectory(label)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "PDQ test",
                                                   timeZone: "Europe/Brussels")
        return (evidenceCase, directory)
    }

    /// A minimal ISO BMFF file whose brand makes it a video (an `ftyp` box and an empty `mdat`).
    static let videoBytes: [UInt8] = [0, 0, 0, 20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isom".utf8)
        + [0, 0, 0, 8] + Array("mdat".utf8)

    @Test func addHashesImagesAndVideosAndSealsThem() throws {
        let (evidenceCase, directory) = try Self.newCase("pdq-add")
        defer { try? FileManager.default.removeItem(at: directory) }
        let screenshot = SampleEvidenceTests.sampleFolder.appendingPathComponent("screenshots/IMG_0412.PNG")
        let video = directory.appendingPathComponent("clip.mp4")
        try Data(Self.videoBytes).write(to: video)
        let truncated = directory.appendingPathComponent("broken.png")
        try Data(try Data(contentsOf: screenshot).prefix(300)).write(to: truncated)
        let report = try evidenceCase.add([screenshot, video, truncated])
        #expect(report.failures.isEmpty)
        let items = try evidenceCase.items()
        let png = try #require(items.first { $0.originalName == "IMG_0412.PNG" })
        let expected = try #require(PDQHasher.hash(of: ImageDecoder.decode([UInt8](try Data(contentsOf: screenshot)),
                                                                           mediaType: "image/png").image))
        #expect(png.pdq == expected.hash.hex)
        #expect(png.pdqQuality == expected.quality)
        #expect(png.md5 == nil)
        let clip = try #require(items.first { $0.originalName == "clip.mp4" })
        #expect(clip.kind == .video)
        let md5 = try TestSupport.tool("md5sum", [video.path])
        #expect(clip.md5 == md5.stdout.split(separator: " ").first.map(String.init))
        #expect(clip.pdq == nil)
        let broken = try #require(items.first { $0.originalName == "broken.png" })
        #expect(broken.pdq == nil)
        #expect(broken.warnings.contains { $0.code == .notPerceptuallyHashed })

        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("case.zip"), sealedAt: .now())
        #expect(try BundleVerifier().verify(bundleAt: sealed.bundle).intact)
        let unpacked = directory.appendingPathComponent("unpacked")
        #expect(try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", unpacked.path]).status == 0)
        let manifest = try EvidenceManifest(parsing: Array(try Data(contentsOf: unpacked.appendingPathComponent(
            "\(sealed.bagFolder)/evidence/manifest.json"))))
        let sealedPNG = try #require(manifest.items.first { $0.originalName == "IMG_0412.PNG" })
        #expect(sealedPNG.pdq == expected.hash.hex && sealedPNG.pdqQuality == expected.quality)
        #expect(manifest.items.first { $0.originalName == "clip.mp4" }?.md5 == clip.md5)
        #expect(manifest.items.first { $0.originalName == "broken.png" }?.pdq == nil)
    }

    /// A case made before PDQ is not changed by `seal` (re-sealing must give the same bytes); `rehash` fills it in.
    @Test func rehashFillsInWhatAnOlderCaseLacks() throws {
        let (evidenceCase, directory) = try Self.newCase("pdq-rehash")
        defer { try? FileManager.default.removeItem(at: directory) }
        let screenshot = SampleEvidenceTests.sampleFolder.appendingPathComponent("screenshots/IMG_0412.PNG")
        _ = try evidenceCase.add([screenshot])
        var item = try #require(try evidenceCase.items().first)
        let hash = item.pdq
        item.pdq = nil
        item.pdqQuality = nil
        try evidenceCase.index.database.write { db in try evidenceCase.index.update(item, in: db) }
        #expect(try evidenceCase.items().first?.pdq == nil)

        let changed = try evidenceCase.addMissingContentHashes()
        #expect(changed.map(\.id) == [item.id])
        #expect(try evidenceCase.items().first?.pdq == hash)
        #expect(String(decoding: try evidenceCase.index.custodyJournal(), as: UTF8.self).contains("\"item-rehashed\""))
        #expect(try evidenceCase.addMissingContentHashes().isEmpty)
    }

    @Test func addFillsInWhatAnOlderCaseLacksFirst() throws {
        let (evidenceCase, directory) = try Self.newCase("pdq-open")
        defer { try? FileManager.default.removeItem(at: directory) }
        let screenshots = SampleEvidenceTests.sampleFolder.appendingPathComponent("screenshots")
        _ = try evidenceCase.add([screenshots.appendingPathComponent("IMG_0412.PNG")])
        var item = try #require(try evidenceCase.items().first)
        let hash = try #require(item.pdq)
        item.pdq = nil
        item.pdqQuality = nil
        try evidenceCase.index.database.write { db in try evidenceCase.index.update(item, in: db) }

        // The next add, of anything, fills it in and journals it before its own files.
        let report = try evidenceCase.add([SampleEvidenceTests.sampleFolder.appendingPathComponent("sample-case.tsv")])
        #expect(report.added.count == 1)
        #expect(try evidenceCase.items().first?.pdq == hash)
        let journal = String(decoding: try evidenceCase.index.custodyJournal(), as: UTF8.self)
        let rehashed = try #require(journal.range(of: "\"item-rehashed\""))
        let added = try #require(journal.range(of: "\"sample-case.tsv\""))
        #expect(rehashed.lowerBound < added.lowerBound)
        #expect(try evidenceCase.index.itemsPossiblyLackingContentHashes().isEmpty)
    }

    @Test func nearDuplicatesAreGroupedAndUnrelatedImagesAreNot() throws {
        guard PDQOracleTests.oracleAvailable() else { return }
        let (evidenceCase, directory) = try Self.newCase("pdq-near")
        defer { try? FileManager.default.removeItem(at: directory) }
        let images = directory.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let script = TestSupport.fixture("Imaging/near_duplicates.py")
        let listing = try TestSupport.tool("python3", [script.path, images.path])
        try #require(listing.status == 0, "\(listing.stderr)")
        let scenes = Dictionary(uniqueKeysWithValues: listing.stdout.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t")
            return (String(fields[0]), Int(fields[1])!)
        })
        _ = try evidenceCase.add(scenes.keys.sorted().map { images.appendingPathComponent($0) })
        let items = try evidenceCase.items()
        #expect(items.allSatisfy { $0.pdq != nil })
        let sceneOfItem = Dictionary(uniqueKeysWithValues: items.map { ($0.id, scenes[$0.originalName]!) })

        let groups = try evidenceCase.nearDuplicateGroups()
        let grouped = groups.map { Set($0.items.map { sceneOfItem[$0]! }) }
        #expect(groups.count == 4, "\(groups)")
        #expect(grouped.allSatisfy { $0.count == 1 }, "a group mixes scenes: \(groups)")
        #expect(Set(grouped.compactMap(\.first)) == [0, 1, 2, 3])
        #expect(groups.allSatisfy { $0.items.count == 4 && $0.resemblances.count == 3 })

        // `list` shows them; the summary of a sealed case too.
        let listed = try TestSupport.evidence(["list", "--case", evidenceCase.folder.path])
        #expect(listed.stdout.contains("Near-duplicates (PDQ within 31 bits):"))
        let first = try #require(groups.first?.resemblances.first)
        #expect(listed.stdout.contains("item \(first.item) looks like item \(first.looksLike) (distance \(first.distance))"))
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("case.zip"), sealedAt: .now(), language: "en")
        let summary = try String(contentsOf: sealed.summary, encoding: .utf8)
        #expect(summary.contains("<h2>Near-duplicates</h2>"))
    }

    /// 100,000 random hashes plus the case's own: every item is found at distance 0, and the random ones match
    /// nothing (two random hashes are about 128 bits apart).
    @Test func matchFindsTheCaseOwnHashesAmongOneHundredThousand() throws {
        let (evidenceCase, directory) = try Self.newCase("pdq-match")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try evidenceCase.add([SampleEvidenceTests.sampleFolder.appendingPathComponent("screenshots")])
        let items = try evidenceCase.items().filter { ($0.pdqQuality ?? 0) >= PDQHash.minimumUsefulQuality }
        try #require(!items.isEmpty)
        var generator = SystemRandomNumberGenerator()
        var lines = ["pdq,source"]
        for _ in 0..<100_000 {
            lines.append(PDQHash(words: (0..<4).map { _ in generator.next() }).hex + ",random")
        }
        for item in items { lines.append("\(item.pdq!),case") }
        let list = try PDQHashList(parsing: lines.joined(separator: "\n"), fileName: "list.csv")
        #expect(list.entries.count == 100_000 + items.count)
        let clock = ContinuousClock()
        let started = clock.now
        let report = try evidenceCase.match(list)
        print("PDQ-MATCH 100,000 + \(items.count) hashes against \(report.compared) items: \(clock.now - started)")
        #expect(Set(report.matches.map(\.item)) == Set(items.map(\.id)))
        #expect(report.matches.allSatisfy { $0.distance == 0 && $0.line > 100_001 })
    }

    @Test func theIndexFindsExactlyWhatComparingEveryPairFinds() {
        var generator = SystemRandomNumberGenerator()
        let base = (0..<200).map { _ in PDQHash(words: (0..<4).map { _ in generator.next() }) }
        // Near copies at distances up to 40 bits, so both sides of the threshold are exercised.
        let hashes = base + base.map { hash in
            var words = hash.words
            for _ in 0..<Int.random(in: 0...40) {
                let bit = Int.random(in: 0..<256)
                words[bit / 64] ^= 1 << UInt64(bit % 64)
            }
            return PDQHash(words: words)
        }
        let index = PDQIndex(hashes)
        for maxDistance in [0, 8, 31, 47] {
            for query in hashes.prefix(200) {
                let expected = hashes.enumerated().filter { $0.element.distance(to: query) <= maxDistance }.map(\.offset)
                #expect(index.matches(for: query, maxDistance: maxDistance).map(\.position) == expected)
            }
        }
    }
}
