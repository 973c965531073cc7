import Foundation
import Testing
@testable import EvidenceCrypto
@testable import EvidenceImaging
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceSystem
@testable import EvidenceWorkspace

/// `add` copies a file through one buffer per worker and inspects a small file in that buffer rather than
/// reading its copy back: the bytes inspected must be the bytes copied and hashed, and the inspection the same as
/// from the copy on disk.
@Suite struct AddCopyTests {
    static let media = TestSupport.fixture("Media")

    @Test func everyMediaFixtureIsInspectedInTheBufferAsFromItsCopy() throws {
        let directory = try TestSupport.temporaryDirectory("add-copy")
        let copier = FileCopier()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.media.path)
            .filter { !$0.hasSuffix(".py") && !$0.hasSuffix(".sh") && $0 != "README.md" }.sorted()
        #expect(names.count > 30)
        let context = InspectionContext(timeZone: TimeZone(identifier: "Europe/Brussels")!)
        for (number, name) in names.enumerated() {
            let original = Self.media.appendingPathComponent(name).path
            let copy = directory.appendingPathComponent("\(number).part").path
            let hasher = SHA256Hasher()
            let size = try copier.copy(from: original, to: copy, flushing: false) { hasher.update($0) }
            let originalBytes = try TestSupport.fixtureBytes("Media/\(name)")
            #expect(size == UInt64(originalBytes.count))
            #expect(hasher.finalize() == SHA256.hash(originalBytes), "\(name)")
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: copy))) == originalBytes, "\(name)")
            let fromBuffer = try copier.withCopiedFile { bytes in
                let bytes = try #require(bytes, "\(name) fits in the buffer")
                #expect(try bytes.read(at: 0, maxCount: Int.max) == originalBytes, "\(name)")
                return try ItemInspector.inspect(source: bytes, originalName: name, context: context)
            }
            let fromCopy = try ItemInspector.inspect(fileAt: URL(fileURLWithPath: copy), originalName: name,
                                                     context: context)
            #expect("\(fromBuffer)" == "\(fromCopy)", "\(name)")
        }
    }

    /// An image's PDQ hash is decoded from the bytes still in the copier's buffer: the same hash, quality and
    /// warnings as from its copy on disk, also for an image one byte larger than the limit.
    @Test func everyImageFixtureGetsTheSameContentHashesFromTheBufferAsFromItsCopy() throws {
        let directory = try TestSupport.temporaryDirectory("add-copy")
        let copier = FileCopier()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.media.path).sorted()
        var decoded = 0
        for (number, name) in names.enumerated() {
            let original = Self.media.appendingPathComponent(name).path
            let mediaType = MediaTypeProbe.mediaType(of: try FileSystem.readPrefix(of: original, limit: 64))
            guard ImageDecoder.mediaTypes.contains(mediaType) else { continue }
            let copy = directory.appendingPathComponent("\(number).part").path
            let size = try copier.copy(from: original, to: copy, flushing: false) { _ in }
            let unhashed = EvidenceItem(
                id: 1, sha256: "", size: Int64(size), mediaType: mediaType, kind: .photo, kindReason: "",
                originalPath: name, originalName: name, acquiredAt: Instant(unixSeconds: 0), modifiedAt: nil,
                note: nil, sensitive: false, timestamps: [], best: nil, warnings: [])
            for limits in [ImageLimits(), ImageLimits(maxEncodedBytes: Int(size) - 1)] {
                var fromCopy = unhashed
                try fromCopy.addContentHashes(storedCopy: copy, limits: limits)
                var fromBuffer = unhashed
                try copier.withCopiedFile { bytes in
                    let bytes = try #require(bytes, "\(name) fits in the buffer")
                    // A path that does not exist: the bytes held must be all that is read.
                    try fromBuffer.addContentHashes(storedCopy: copy + ".absent", heldBytes: bytes, limits: limits)
                }
                #expect(fromBuffer == fromCopy, "\(name), \(limits.maxEncodedBytes) bytes decoded at most")
                if limits.maxEncodedBytes < size {
                    #expect(fromCopy.pdq == nil && fromCopy.warnings.map(\.code) == [.notPerceptuallyHashed], "\(name)")
                }
            }
            if unhashed.mediaType == "image/png" || unhashed.mediaType == "image/jpeg" { decoded += 1 }
        }
        #expect(decoded >= 4)
    }

    @Test func aFileReadInMoreThanOneChunkIsNotHeld() throws {
        let directory = try TestSupport.temporaryDirectory("add-copy")
        let copier = FileCopier(capacity: 1000)
        let bytes = (0..<2500).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        let original = directory.appendingPathComponent("large").path
        try Data(bytes).write(to: URL(fileURLWithPath: original))
        #expect(try copier.copy(from: original, to: original + ".copy") { _ in } == 2500)
        #expect(copier.withCopiedFile { $0 == nil })
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: original + ".copy"))) == bytes)

        // Exactly the buffer's size, then empty: both held whole.
        let exact = directory.appendingPathComponent("exact").path
        try Data(bytes.prefix(1000)).write(to: URL(fileURLWithPath: exact))
        #expect(try copier.copy(from: exact, to: exact + ".copy") { _ in } == 1000)
        #expect(try copier.withCopiedFile { try $0?.read(at: 0, maxCount: 5000) } == Array(bytes.prefix(1000)))
        let empty = directory.appendingPathComponent("empty").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try copier.copy(from: empty, to: empty + ".copy") { _ in } == 0)
        #expect(copier.withCopiedFile { $0?.count } == 0)
    }

    @Test func aFolderIsListedWithEveryEntrysStatus() throws {
        let directory = try TestSupport.temporaryDirectory("add-copy")
        try Data("a".utf8).write(to: directory.appendingPathComponent("Screenshot_2.png"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nested"),
                                                withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link").path,
                                                   withDestinationPath: "/etc/passwd")
        let entries = try FileSystem.directoryEntries(directory.path).sorted { $0.name < $1.name }
        #expect(entries.map(\.name) == ["Screenshot_2.png", "link", "nested"])
        let statuses = try entries.map { try $0.status.get() }
        #expect(statuses[0].isRegularFile && statuses[0].size == 1)
        #expect(statuses[1].isSymbolicLink)
        #expect(statuses[2].isDirectory)
        #expect(throws: IOError.self) { try FileSystem.directoryEntries(directory.appendingPathComponent("link").path) }
    }
}
