import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Bundles made by someone else's tool (Python's zipfile) to attack the verifier.
@Suite struct HostileBundleTests {
    /// Writes a zip with Python's zipfile: `entries` are (name, kind, content) with kind file, symlink or bomb.
    static func makeZip(at url: URL, script: String) throws {
        let program = """
            import sys, zipfile, zlib, hashlib
            out = sys.argv[1]
            z = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
            def add(name, data):
                z.writestr(name, data)
            def link(name, target):
                info = zipfile.ZipInfo(name)
                info.external_attr = (0o120777 << 16)
                z.writestr(info, target)
            def bomb(name, size):
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                chunk = bytes(1 << 20)
                with z.open(info, 'w', force_zip64=True) as f:
                    for _ in range(size >> 20):
                        f.write(chunk)
            \(script)
            z.close()
            """
        let result = try TestSupport.tool("python3", ["-c", program, url.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    static func size(of url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? -1
    }

    static let bagit = "add('case/bagit.txt', 'BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n')"

    @Test func escapingPathsAndSymlinksAreRefusedAndNothingIsWritten() throws {
        let directory = try TestSupport.temporaryDirectory("hostile")
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let marker = "escape-\(UUID().uuidString)"
        let zip = work.appendingPathComponent("hostile.zip")
        try Self.makeZip(at: zip, script: """
            \(Self.bagit)
            add('case/manifest-sha256.txt', '')
            add('case/tagmanifest-sha256.txt', '')
            add('../\(marker)', 'escaped')
            add('case/../../\(marker)', 'escaped')
            add('/tmp/\(marker)', 'absolute')
            add('case\\\\..\\\\\(marker)', 'backslash')
            link('case/data/link', '/etc/passwd')
            add('case/data/Photo.jpg', 'a')
            add('case/data/photo.JPG', 'b')
            add('case/data/Photo.jpg', 'duplicate')
            """)
        let before = try FileManager.default.contentsOfDirectory(atPath: work.path)
        let result = try TestSupport.evidence(["verify", zip.path, "--json"], in: work)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let report = try JSONDecoder().decode(VerificationReport.self, from: Data(result.stdout.utf8))
        let unsafe = Set(report.findings.filter { $0.category == .unsafePath }.compactMap(\.path))
        #expect(unsafe.isSuperset(of: ["../\(marker)", "case/../../\(marker)", "/tmp/\(marker)", "case/data/link",
                                       "case/data/photo.JPG"]), "\(report.findings)")
        #expect(unsafe.contains { $0.contains("\\") })
        #expect(report.findings.contains { $0.category == .unsafePath && $0.message.contains("duplicate") })
        // Nothing was written beside the bundle, above it, or at the absolute path.
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(marker).path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(marker)"))
    }

    @Test func zipBombIsNotInflated() throws {
        let directory = try TestSupport.temporaryDirectory("bomb")
        let zip = directory.appendingPathComponent("bomb.zip")
        // 1 GiB of zeros compresses to about 1 MB; the bag declares nothing for it, then declares 10 bytes.
        try Self.makeZip(at: zip, script: """
            \(Self.bagit)
            add('case/manifest-sha256.txt', hashlib.sha256(bytes(1 << 30)).hexdigest() + '  data/zeros.bin\\n')
            add('case/tagmanifest-sha256.txt', '')
            bomb('case/data/zeros.bin', 1 << 30)
            """)
        #expect(try Self.size(of: zip) < 5_000_000)
        let report = try BundleVerifier().verify(bundleAt: zip)
        let bomb = report.findings.first { $0.path == "data/zeros.bin" }
        #expect(bomb?.category == .modified, "\(report.findings)")
        #expect(bomb?.message.contains("larger than") == true)
        #expect(report.bytesChecked < 1 << 20)
    }

    @Test func compressibleLegitimateFileStillVerifies() throws {
        let directory = try TestSupport.temporaryDirectory("compressible")
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        try Data(count: 64 << 20).write(to: originals.appendingPathComponent("blank-recording.bin"))
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T", timeZone: "UTC")
        _ = try evidenceCase.add([originals])
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("stored.zip"), sealedAt: Instant(unixSeconds: 1_773_133_200))
        // Re-zip the same bag with deflate (as a lawyer's archiver might): 64 MiB of zeros becomes ~64 KB.
        let deflated = directory.appendingPathComponent("deflated.zip")
        try Self.makeZip(at: deflated, script: """
            src = zipfile.ZipFile('\(sealed.bundle.path)')
            for info in src.infolist():
                z.writestr(info.filename, src.read(info.filename), zipfile.ZIP_DEFLATED)
            """)
        #expect(try Self.size(of: deflated) < 1_000_000)
        let report = try BundleVerifier().verify(bundleAt: deflated)
        #expect(report.intact, "\(report.findings)")
        #expect(report.bytesChecked >= 64 << 20)
    }

    @Test func oversizedTagFileIsReportedOnceAndNotRead() throws {
        let (bundle, _, _) = try SealTests.sealedAndUnzipped("oversized-tag")
        var limits = BundleVerifier.Limits()
        limits.tagFile = 10
        let report = try BundleVerifier(limits: limits).verify(bundleAt: bundle)
        let about = report.findings.filter { $0.path == "bag-info.txt" }
        #expect(about.count == 1, "\(about)")
        #expect(about.first?.category == .modified)
        #expect(about.first?.message.contains("larger than 10 bytes") == true)
    }

    @Test func bundleReZippedByInfoZIPStillVerifies() throws {
        // Info-ZIP writes UTF-8 names without the UTF-8 flag; they must not be read as CP437.
        let directory = try TestSupport.temporaryDirectory("infozip")
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        try Data("menace".utf8).write(to: originals.appendingPathComponent("Capture d\u{2019}écran 2026-03-04 à 08.12.40.txt"))
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T", timeZone: "UTC")
        _ = try evidenceCase.add([originals])
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Instant(unixSeconds: 1_773_133_200))
        let unpacked = directory.appendingPathComponent("u")
        #expect(try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", unpacked.path]).status == 0)
        guard TestSupport.requireTool("zip") else { return }
        #expect(try TestSupport.tool("zip", ["-qrX", "../rezipped.zip", "case"], in: unpacked).status == 0)
        let report = try BundleVerifier().verify(bundleAt: directory.appendingPathComponent("rezipped.zip"))
        #expect(report.intact, "\(report.findings)")
    }

    @Test func unsupportedCompressionIsUnusableNotTampered() throws {
        let (bundle, _, directory) = try SealTests.sealedAndUnzipped("bzip2")
        let bzipped = directory.appendingPathComponent("bzip2.zip")
        try Self.makeZip(at: bzipped, script: """
            src = zipfile.ZipFile('\(bundle.path)')
            for info in src.infolist():
                z.writestr(info.filename, src.read(info.filename), zipfile.ZIP_BZIP2)
            """)
        #expect(throws: BundleUnusableError.self) { try BundleVerifier().verify(bundleAt: bzipped) }
        let cli = try TestSupport.evidence(["verify", bzipped.path])
        #expect(cli.status == 2)
        #expect(cli.stderr.contains("compression method"))
    }

    @Test func folderWithSymlinkIsRefused() throws {
        let (_, bag, _) = try SealTests.sealedAndUnzipped("folder-link")
        try FileManager.default.createSymbolicLink(atPath: bag.appendingPathComponent("data/0009-link.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.findings.contains { $0.category == .unsafePath && $0.path == "data/0009-link.txt" })
    }
}
