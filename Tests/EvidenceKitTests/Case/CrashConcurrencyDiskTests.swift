import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// A killed `seal`, two `add`s at once, a full disk and the file-size limit: the case stays usable and nothing
/// that looks complete is half-written.
@Suite(.serialized) struct CrashConcurrencyDiskTests {
    /// `count` files of `size` random bytes, each distinct.
    static func makeFiles(in folder: URL, count: Int, size: Int, prefix: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: UInt64(count * 31 + size))
        for number in 0..<count {
            var bytes = [UInt8](repeating: 0, count: size)
            bytes.withUnsafeMutableBytes { raw in
                for index in raw.bindMemory(to: UInt64.self).indices { raw.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self) }
            }
            try Data(bytes).write(to: folder.appendingPathComponent(String(format: "\(prefix)%04d.bin", number)))
        }
    }

    /// Starts `evidence` with its standard output piped, so a test can wait for a line before acting.
    static func start(_ arguments: [String], stderr: Pipe? = nil) throws -> (Process, FileHandle) {
        let process = Process()
        process.executableURL = TestSupport.evidenceBinary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return (process, output.fileHandleForReading)
    }

    @Test func twoAddsAtOnceBothFinishWithEveryFile() throws {
        let directory = try TestSupport.temporaryDirectory("two-adds")
        try Self.makeFiles(in: directory.appendingPathComponent("first"), count: 150, size: 256 << 10, prefix: "A")
        try Self.makeFiles(in: directory.appendingPathComponent("second"), count: 20, size: 4096, prefix: "B")
        // Added last, a 2 GiB sparse file keeps the first add busy hashing for a second or more after its first
        // line (batched commits make 150 small files a matter of milliseconds), however fast the machine.
        let large = directory.appendingPathComponent("first/Z-recording.bin").path
        #expect(FileManager.default.createFile(atPath: large, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: large))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Two adds", timeZone: "UTC")

        let (first, firstOutput) = try Self.start(["add", "--case", caseFolder.path, directory.appendingPathComponent("first").path])
        // The first add holds the case once it has recorded a file: the second must wait, not race it.
        let line = firstOutput.availableData
        #expect(String(decoding: line, as: UTF8.self).contains("added"))
        let second = try TestSupport.evidence(["add", "--case", caseFolder.path, directory.appendingPathComponent("second").path])
        _ = firstOutput.readDataToEndOfFile()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("Another evidence add or seal is changing this case; waiting for it to finish"))

        let reopened = try EvidenceCase(opening: caseFolder)
        #expect(try reopened.items().count == 171)
        #expect(try reopened.integrityProblems().isEmpty)
    }

    @Test func sealKilledAtAnyMomentLeavesNoBundleAndTheCaseUnchanged() throws {
        let directory = try TestSupport.temporaryDirectory("seal-kill")
        try Self.makeFiles(in: directory.appendingPathComponent("originals"), count: 40, size: 2 << 20, prefix: "IMG_")
        let caseFolder = directory.appendingPathComponent("case")
        let evidenceCase = try EvidenceCase.create(at: caseFolder, title: "Seal kill", timeZone: "UTC")
        _ = try evidenceCase.add([directory.appendingPathComponent("originals")])
        let items = try evidenceCase.items()
        let journal = try evidenceCase.custodyJournal()
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let bundle = out.appendingPathComponent("bundle.zip")

        for delay in [0.02, 0.1, 0.3, 0.6, 1.0] {
            try? FileManager.default.removeItem(at: bundle)
            let (process, _) = try Self.start(["seal", "--case", caseFolder.path, "--out", bundle.path, "--overwrite",
                                               "--sealed-at", "2030-01-01T00:00:00Z"])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            // Whatever is under a bundle's name is a whole, intact bundle; anything else is hidden and partial.
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                #expect(["bundle.zip", "bundle.summary.html"].contains(name) || (name.hasPrefix(".") && name.hasSuffix(".partial")),
                        "after a kill at \(delay) s: \(name)")
            }
            if FileManager.default.fileExists(atPath: bundle.path) {
                #expect(try BundleVerifier().verify(bundleAt: bundle).intact, "after a kill at \(delay) s")
            }
            let reopened = try EvidenceCase(opening: caseFolder)
            #expect(try reopened.items() == items)
            #expect(try reopened.integrityProblems().isEmpty)
            let now = try reopened.custodyJournal()
            #expect(Array(now.prefix(journal.count)) == journal, "the journal only ever grows by a seal entry")
        }
        // A seal run to its end afterwards succeeds and clears what the killed ones left.
        let rerun = try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", bundle.path, "--overwrite",
                                              "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try BundleVerifier().verify(bundleAt: bundle).intact)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["bundle.summary.html", "bundle.zip"])
    }

    /// A kill can land while the summary beside the zip is written, as well as the zip: what either left is
    /// hidden, named `.partial`, and removed by the next seal to the same place.
    @Test func sealRemovesThePartialZipAndSummaryAKilledSealLeft() throws {
        let directory = try TestSupport.temporaryDirectory("seal-partials")
        try Self.makeFiles(in: directory.appendingPathComponent("originals"), count: 3, size: 4096, prefix: "IMG_")
        let caseFolder = directory.appendingPathComponent("case")
        let evidenceCase = try EvidenceCase.create(at: caseFolder, title: "Seal partials", timeZone: "UTC")
        _ = try evidenceCase.add([directory.appendingPathComponent("originals")])
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let leftovers = [".bundle.zip.0C4F2D5E-1A2B-4C3D-8E9F-0A1B2C3D4E5F.partial",
                         ".bundle.summary.html.7D0E1F2A-3B4C-4D5E-9F6A-7B8C9D0E1F2A.partial"]
        for name in leftovers { try Data("half".utf8).write(to: out.appendingPathComponent(name)) }
        // Another file's partial copy is not this seal's to remove.
        try Data("other".utf8).write(to: out.appendingPathComponent(".other.zip.1.partial"))

        let seal = try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", out.appendingPathComponent("bundle.zip").path,
                                             "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(seal.status == 0, "\(seal.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == [".other.zip.1.partial", "bundle.summary.html", "bundle.zip"])
    }

    /// A 2 MiB tmpfs mounted at a new folder, or `nil` (a failure under CI, where the tests run as root).
    static func smallFileSystem(in directory: URL) throws -> URL? {
        let mountPoint = directory.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try TestSupport.tool("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.path])
        guard mount.status == 0 else {
            if TestSupport.toolsRequired {
                Issue.record("cannot mount a 2 MiB tmpfs for the full-disk test (\(mount.stderr)); CI runs as root")
            }
            return nil
        }
        return mountPoint
    }

    @Test func fullDiskDuringAddNamesTheFileAndLeavesTheCaseUsable() throws {
        let directory = try TestSupport.temporaryDirectory("full-add")
        guard let disk = try Self.smallFileSystem(in: directory) else { return }
        defer { _ = try? TestSupport.tool("umount", [disk.path]) }
        try Self.makeFiles(in: directory.appendingPathComponent("big"), count: 1, size: 3 << 20, prefix: "video")
        let caseFolder = disk.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Full disk", timeZone: "UTC")

        let add = try TestSupport.evidence(["add", "--case", caseFolder.path, directory.appendingPathComponent("big").path])
        #expect(add.status == 2)
        #expect(add.stderr.contains("video0000.bin"))
        #expect(add.stderr.contains("No space left on device"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: caseFolder.appendingPathComponent("staging").path).isEmpty)
        let list = try TestSupport.evidence(["list", "--case", caseFolder.path])
        #expect(list.status == 0 && list.stdout.contains("0 items"), "\(list.stderr)")

        // The space the failed copy took is free again: a later add works.
        let small = directory.appendingPathComponent("note.txt")
        try Data("a later note".utf8).write(to: small)
        let later = try TestSupport.evidence(["add", "--case", caseFolder.path, small.path])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try EvidenceCase(opening: caseFolder).items().count == 1)
    }

    @Test func fullDiskDuringSealLeavesNoPartialBundle() throws {
        let directory = try TestSupport.temporaryDirectory("full-seal")
        guard let disk = try Self.smallFileSystem(in: directory) else { return }
        defer { _ = try? TestSupport.tool("umount", [disk.path]) }
        try Self.makeFiles(in: directory.appendingPathComponent("originals"), count: 3, size: 1 << 20, prefix: "IMG_")
        let caseFolder = directory.appendingPathComponent("case")
        let evidenceCase = try EvidenceCase.create(at: caseFolder, title: "Full disk", timeZone: "UTC")
        _ = try evidenceCase.add([directory.appendingPathComponent("originals")])
        let journal = try evidenceCase.custodyJournal()

        let bundle = disk.appendingPathComponent("bundle.zip")
        let seal = try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", bundle.path,
                                             "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(seal.status == 2)
        #expect(seal.stderr.contains("\(bundle.path): could not write the bundle (No space left on device)"), "\(seal.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
        #expect(try EvidenceCase(opening: caseFolder).custodyJournal() == journal)

        let elsewhere = directory.appendingPathComponent("bundle.zip")
        let retry = try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", elsewhere.path,
                                              "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try BundleVerifier().verify(bundleAt: elsewhere).intact)
    }

    @Test func theFileSizeLimitLeavesTheSameStateAsAFullDisk() throws {
        let directory = try TestSupport.temporaryDirectory("fsize")
        try Self.makeFiles(in: directory.appendingPathComponent("big"), count: 1, size: 3 << 20, prefix: "video")
        let caseFolder = directory.appendingPathComponent("case")
        let evidenceCase = try EvidenceCase.create(at: caseFolder, title: "File size limit", timeZone: "UTC")
        let limited = { (arguments: [String]) throws -> TestSupport.ProcessResult in
            // `ulimit -f 1024`: no file may grow past 1 MiB; the kernel sends SIGXFSZ to a writer that tries.
            let command = "ulimit -f 1024; exec \"$0\" \"$@\""
            return try TestSupport.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command, TestSupport.evidenceBinary.path] + arguments)
        }
        let add = try limited(["add", "--case", caseFolder.path, directory.appendingPathComponent("big").path])
        #expect(add.status == 2, "not killed by SIGXFSZ: the failure is reported")
        #expect(add.stderr.contains("video0000.bin") && add.stderr.contains("File too large"), "\(add.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: caseFolder.appendingPathComponent("staging").path).isEmpty)
        #expect(try evidenceCase.items().isEmpty)

        _ = try evidenceCase.add([directory.appendingPathComponent("big")])
        let journal = try evidenceCase.custodyJournal()
        let bundle = directory.appendingPathComponent("bundle.zip")
        let seal = try limited(["seal", "--case", caseFolder.path, "--out", bundle.path, "--sealed-at", "2030-01-01T00:00:00Z"])
        #expect(seal.status == 2)
        #expect(seal.stderr.contains("\(bundle.path): could not write the bundle (File too large)"), "\(seal.stderr)")
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.contains("bundle") }))
        #expect(try EvidenceCase(opening: caseFolder).custodyJournal() == journal)
    }
}
