import Foundation
import Testing
@testable import EvidenceCrypto
@testable import EvidenceFormat
@testable import EvidenceVerify

/// One test per way of making a zip that `verify` would once call INTACT while `unzip`, Python's `zipfile` or
/// `bsdtar` show something else. Every zip is built byte by byte (``TestZipBuilder``) from the entries of the
/// golden bundle, as `unzip` extracts them; each test also checks that the same entries, zipped honestly by the
/// same builder, verify INTACT, so the attack alone makes the difference. The comments say what the stock tools
/// showed for the forged zip (Info-ZIP UnZip 6.00, Python 3.11 `zipfile`, bsdtar 3.6.2).
@Suite struct ZipAttackTests {
    static let chat = "golden-case-2026/data/0005-WhatsApp Chat with Lucas.txt"

    /// The golden bundle's entries, and the same zip rebuilt honestly (checked INTACT).
    struct Setup {
        var directory: URL
        var entries: [TestZipBuilder.Entry]

        init(_ label: String) throws {
            directory = try TestSupport.temporaryDirectory(label)
            let bundle = TestSupport.fixture("Golden/golden-case-2026.zip")
            let unpacked = directory.appendingPathComponent("unpacked")
            #expect(try TestSupport.tool("unzip", ["-q", bundle.path, "-d", unpacked.path]).status == 0)
            entries = try TestZipBuilder.entries(ofBundle: bundle, unpackedIn: unpacked)
            let honest = try verify(TestZipBuilder.zip(entries), as: "honest.zip")
            #expect(honest.intact, "the honest rebuild: \(honest.findings)")
        }

        var chatIndex: Int { entries.firstIndex { $0.name == ZipAttackTests.chat }! }

        /// The chat with every “Lucas” turned into “Jules”: same length, different words.
        var forgedChat: [UInt8] {
            Array(String(decoding: entries[chatIndex].data, as: UTF8.self).replacingOccurrences(of: "Lucas", with: "Jules").utf8)
        }

        func write(_ bytes: [UInt8], as name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }

        func verify(_ bytes: [UInt8], as name: String) throws -> VerificationReport {
            try BundleVerifier().verify(bundleAt: write(bytes, as: name))
        }
    }

    static func expectFinding(_ report: VerificationReport, _ category: VerificationFinding.Category, mentioning text: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!report.intact, sourceLocation: sourceLocation)
        #expect(report.findings.contains { $0.category == category && $0.message.contains(text) },
                "\(report.findings)", sourceLocation: sourceLocation)
    }

    static func expectCLIExitsOne(_ url: URL, category: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try TestSupport.evidence(["verify", url.path, "--json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains("\"\(category)\""), sourceLocation: sourceLocation)
    }

    /// The real zip, then a forged copy of every entry and a forged central directory of the same size; the end
    /// record still points to the real directory. `unzip -l` warns “182065 extra bytes at beginning or within
    /// zipfile”, takes them as a prefix, lists the forged directory, and `unzip -p` of the chat prints the forged
    /// lines (“Jules: Salut Camille”); Python 3.11 reads the real chat. The old verifier hashed the real one.
    @Test func prependedBytesWithASecondCentralDirectory() throws {
        let setup = try Setup("attack-prefix")
        var builder = TestZipBuilder()
        for entry in setup.entries { builder.add(entry) }
        let real = builder.appendCentralDirectory(builder.records)
        var forged = TestZipBuilder()
        var entries = setup.entries
        entries[setup.chatIndex].data = setup.forgedChat
        for entry in entries { forged.add(entry) }
        builder.append(forged.bytes)
        _ = builder.appendCentralDirectory(forged.records)
        builder.appendEndRecord(entries: entries.count, directory: real)
        let url = try setup.write(builder.bytes, as: "prefix.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        Self.expectFinding(report, .zipAmbiguous, mentioning: "“\(Self.chat)” with different content")
        try Self.expectCLIExitsOne(url, category: "zip-ambiguous")
    }

    /// The chat's central record is flagged encrypted and a forged chat of the same name follows it. `unzip -l`
    /// lists the chat twice (19 files) and `unzip -p` prints the forged one; Python's `zipfile` reads the forged
    /// one too (the last of a name wins); `bsdtar -tf` lists both.
    @Test func encryptedRecordFollowedByAForgedDuplicate() throws {
        let setup = try Setup("attack-encrypted")
        var entries = setup.entries
        entries[setup.chatIndex].flags |= 0x0001
        var forged = entries[setup.chatIndex]
        forged.flags = 0x0800
        forged.data = setup.forgedChat
        entries.append(forged)
        let url = try setup.write(TestZipBuilder.zip(entries), as: "encrypted.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        Self.expectFinding(report, .zipAmbiguous, mentioning: "encrypted")
        #expect(report.findings.contains { $0.category == .unsafePath && $0.message.contains("duplicate") })
        try Self.expectCLIExitsOne(url, category: "zip-ambiguous")
    }

    /// An entry whose Unix mode or MS-DOS bit says “directory” but whose name has no slash. `unzip -l`,
    /// `python3 -m zipfile -l` and `bsdtar -tvf` all list `data/0009-note.txt`, 6 bytes, and `unzip` extracts it
    /// as a file holding “forged”; the old verifier skipped it as a folder.
    @Test(arguments: [UInt32(0o040755) << 16, 0x10])
    func directoryAttributesWithoutATrailingSlash(attributes: UInt32) throws {
        let setup = try Setup("attack-directory")
        var entries = setup.entries
        entries.append(.init(name: "golden-case-2026/data/0009-note.txt", data: Array("forged".utf8), externalAttributes: attributes))
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "directory.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "no trailing slash")
        #expect(report.findings.contains { $0.category == .unexpected && $0.path == "data/0009-note.txt" })
    }

    /// A stored chat whose data is the real chat plus a forged line, with the real size and CRC declared
    /// as uncompressed. `unzip -p` prints “17/02/2026 08:00 - Camille: je mens” at the end (`unzip -t` says
    /// “ucsize 1829 <> csize 1865 for STORED entry”, bad CRC); Python reads the declared 1829 bytes only.
    @Test func storedEntryWithMoreDataThanContent() throws {
        let setup = try Setup("attack-stored")
        var entries = setup.entries
        let real = entries[setup.chatIndex]
        entries[setup.chatIndex].data = real.data + Array("17/02/2026 08:00 - Camille: je mens\n".utf8)
        entries[setup.chatIndex].declaredSize = UInt32(real.data.count)
        entries[setup.chatIndex].declaredCRC = real.crc
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "stored.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "stored (not compressed)")
    }

    /// The local header names the chat `…Lucas-v2.txt`. `bsdtar -tf` lists `…Lucas-v2.txt`; `unzip -l` and Python
    /// the central name.
    @Test func localNameDiffersFromTheCentralName() throws {
        let setup = try Setup("attack-local-name")
        var entries = setup.entries
        entries[setup.chatIndex].localName = Self.chat.replacingOccurrences(of: ".txt", with: "-v2.txt")
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "local-name.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "its local header names it")
    }

    /// Local headers whose extra fields (Android's alignment padding, harmless to every reader) are far longer than
    /// the central ones: the verifier reads a header in one piece when it can, and must still find every entry's
    /// data after the whole local extra field, not where the central record's length would put it.
    @Test func localExtraFieldsLongerThanTheCentralOnesStillVerify() throws {
        let setup = try Setup("local-extra")
        var entries = setup.entries
        for index in entries.indices {
            let padding = index * 37 % 300
            entries[index].localExtra = le16(0xD935) + le16(UInt16(padding)) + [UInt8](repeating: 0, count: padding)
        }
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "local-extra.zip")
        #expect(report.intact, "\(report.findings)")
    }

    /// A ZIP64 end record points to a second central directory (with the forged chat), the 32-bit end record to
    /// the real one. `unzip -l` warns of 1728 extra bytes, lists the chat twice and `unzip -p` prints the forged
    /// one (“Jules”); Python 3.11 reads the real one: two tools, two chats.
    @Test func zip64EndRecordAndEndRecordDisagree() throws {
        let setup = try Setup("attack-zip64")
        var builder = TestZipBuilder()
        for entry in setup.entries { builder.add(entry) }
        var forgedEntry = setup.entries[setup.chatIndex]
        forgedEntry.data = setup.forgedChat
        let realRecords = builder.records
        builder.add(forgedEntry)
        var forgedRecords = realRecords
        forgedRecords[setup.chatIndex] = builder.records.last!
        let real = builder.appendCentralDirectory(realRecords)
        let forged = builder.appendCentralDirectory(forgedRecords)
        builder.appendZIP64EndRecord(entries: forgedRecords.count, directory: forged)
        builder.appendEndRecord(entries: realRecords.count, directory: real)
        let url = try setup.write(builder.bytes, as: "zip64.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        Self.expectFinding(report, .zipAmbiguous, mentioning: "the ZIP64 end record points to a central directory")
        try Self.expectCLIExitsOne(url, category: "zip-ambiguous")
    }

    /// An Info-ZIP Unicode-path field (0x7075) on the chat names it `0005-forged.txt`: `unzip -l` and
    /// `bsdtar -tf` list `golden-case-2026/data/0005-forged.txt`, Python the header's name.
    @Test func infoZIPUnicodePathField() throws {
        let setup = try Setup("attack-unicode-path")
        var entries = setup.entries
        let nameCRC: UInt32 = {
            var crc = CRC32()
            crc.update(Array(Self.chat.utf8))
            return crc.value
        }()
        let other = Array("golden-case-2026/data/0005-forged.txt".utf8)
        entries[setup.chatIndex].flags = 0
        entries[setup.chatIndex].extra = le16(0x7075) + le16(UInt16(5 + other.count)) + [1] + le32(nameCRC) + other
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "unicode-path.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "0005-forged.txt")
    }

    /// A forged file in local headers only, between two entries. A streaming read (`cat bundle.zip | bsdtar -tf -`)
    /// lists `data/0009-forged.txt`; `unzip -l`, Python and a seekable `bsdtar -tf` do not, without a warning.
    @Test func entryInLocalHeadersOnly() throws {
        let setup = try Setup("attack-local-only")
        var builder = TestZipBuilder()
        for (index, entry) in setup.entries.enumerated() {
            builder.add(entry)
            if index == 2 {
                builder.add(.init(name: "golden-case-2026/data/0009-forged.txt", data: Array("forged".utf8)), inCentralDirectory: false)
            }
        }
        let report = try setup.verify(builder.finish(), as: "local-only.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "a local header for “golden-case-2026/data/0009-forged.txt”")
    }

    /// 66 bytes of text before the first entry, every offset adjusted so the directory is consistent. `unzip -l`
    /// and Python list the bundle without a word; a streaming reader (`cat bundle.zip | bsdtar -tf -`) says
    /// “Unrecognized archive format”, and `head -c 66` shows the sentence.
    @Test func bytesBeforeTheFirstEntry() throws {
        let setup = try Setup("attack-before")
        var builder = TestZipBuilder()
        builder.append(Array(String(repeating: "item 2 was edited by the victim. ", count: 2).utf8))
        for entry in setup.entries { builder.add(entry) }
        let url = try setup.write(builder.finish(), as: "before.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        Self.expectFinding(report, .zipAmbiguous, mentioning: "before the first entry")
        try Self.expectCLIExitsOne(url, category: "zip-ambiguous")
    }

    /// Text after the end record. `unzip -l` and `python3 -m zipfile -l` list the bundle without a word;
    /// `tail -c 31` shows “item 2 was edited by the victim”, and a reader that looks for the end record in the
    /// last 22 bytes only finds none.
    @Test func bytesAfterTheEndRecord() throws {
        let setup = try Setup("attack-after")
        let bytes = TestZipBuilder.zip(setup.entries) + Array("item 2 was edited by the victim".utf8)
        let report = try setup.verify(bytes, as: "after.zip")
        Self.expectFinding(report, .zipAmbiguous, mentioning: "follow the zip's end record")
    }

    /// A zip comment. `unzip -l` prints “item 2 was edited by the victim” above the listing; `zipinfo` too.
    @Test func zipComment() throws {
        let setup = try Setup("attack-comment")
        var builder = TestZipBuilder()
        for entry in setup.entries { builder.add(entry) }
        let url = try setup.write(builder.finish(comment: Array("item 2 was edited by the victim".utf8)), as: "comment.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        Self.expectFinding(report, .zipAmbiguous, mentioning: "item 2 was edited by the victim")
        try Self.expectCLIExitsOne(url, category: "zip-ambiguous")
    }

    /// A file listed (with its right hash) in `tagmanifest-sha256.txt` only, which nothing signs. `unzip`
    /// extracts it with the rest and `bagit.py --validate` calls the bag valid; it must be named as unexpected.
    @Test func fileListedOnlyInTheTagManifest() throws {
        let setup = try Setup("attack-tagmanifest")
        var entries = setup.entries
        let extra = Array("la victime a tout inventé\n".utf8)
        entries.append(.init(name: "golden-case-2026/evidence/statement.txt", data: extra))
        let tagIndex = entries.firstIndex { $0.name.hasSuffix("/tagmanifest-sha256.txt") }!
        entries[tagIndex].data += Array("\(SHA256.hash(extra).hex)  evidence/statement.txt\n".utf8)
        let url = try setup.write(TestZipBuilder.zip(entries), as: "tagmanifest.zip")
        let report = try BundleVerifier().verify(bundleAt: url)
        #expect(report.findings.map(\.category) == [.unexpected], "\(report.findings)")
        #expect(report.findings.first?.path == "evidence/statement.txt")
        let cli = try TestSupport.evidence(["verify", url.path, "--json"])
        #expect(cli.status == 1)
        #expect(cli.stdout.contains("evidence\\/statement.txt") || cli.stdout.contains("evidence/statement.txt"))
    }

    /// The manifest re-signed with another key (manifest, signature, key, bag-info and both BagIt manifests all
    /// consistent), but `summary.html` still shows the original signer's fingerprint, which is what a reader of
    /// the printed summary compares.
    @Test func summaryShowingAnotherSignerIsCaught() throws {
        let setup = try Setup("attack-resigned")
        var files = Dictionary(uniqueKeysWithValues: setup.entries.map { ($0.name, $0.data) })
        func text(_ name: String) -> String { String(decoding: files["golden-case-2026/" + name]!, as: UTF8.self) }
        func hash(_ name: String) -> String { SHA256.hash(files["golden-case-2026/" + name]!).hex }
        let oldKey = try Ed25519PublicKey(pemRepresentation: text(BagLayout.publicKey))
        let newKey = try Ed25519PrivateKey.generate()
        let (oldPEMHash, oldInfoHash) = (hash(BagLayout.publicKey), hash(BagLayout.bagInfoFile))
        files["golden-case-2026/" + BagLayout.publicKey] = Array(newKey.publicKey.pemRepresentation.utf8)
        files["golden-case-2026/" + BagLayout.bagInfoFile] = Array(text(BagLayout.bagInfoFile)
            .replacingOccurrences(of: oldKey.fingerprint.grouped, with: newKey.publicKey.fingerprint.grouped).utf8)
        let manifest = text(BagLayout.manifest)
            .replacingOccurrences(of: oldKey.fingerprint.hex, with: newKey.publicKey.fingerprint.hex)
            .replacingOccurrences(of: oldPEMHash, with: hash(BagLayout.publicKey))
            .replacingOccurrences(of: oldInfoHash, with: hash(BagLayout.bagInfoFile))
        files["golden-case-2026/" + BagLayout.manifest] = Array(manifest.utf8)
        files["golden-case-2026/" + BagLayout.signature] = try newKey.signature(for: Array(manifest.utf8))
        let tagLines = text(BagLayout.tagManifest).split(separator: "\n").map { line in
            let path = String(line.dropFirst(66))
            return "\(hash(path))  \(path)\n"
        }
        files["golden-case-2026/" + BagLayout.tagManifest] = Array(tagLines.joined().utf8)
        let entries = setup.entries.map { TestZipBuilder.Entry(name: $0.name, data: files[$0.name]!) }
        let report = try setup.verify(TestZipBuilder.zip(entries), as: "resigned.zip")
        #expect(report.signatureValid)
        #expect(report.findings.count == 1, "\(report.findings)")
        #expect(report.findings.first?.category == .untrustedKey)
        #expect(report.findings.first?.path == BagLayout.summary)
    }

    /// A bag re-zipped by Info-ZIP `zip -r` (with its folder entries and its time and owner extra fields) and by
    /// Python's `zipfile` is still unambiguous, and verifies.
    @Test func bagReZippedByOtherToolsStillVerifies() throws {
        let setup = try Setup("rezipped")
        let unpacked = setup.directory.appendingPathComponent("unpacked")
        #expect(try TestSupport.tool("zip", ["-qr", "../zip-r.zip", "golden-case-2026"], in: unpacked).status == 0)
        let zipReport = try BundleVerifier().verify(bundleAt: setup.directory.appendingPathComponent("zip-r.zip"))
        #expect(zipReport.intact, "\(zipReport.findings)")
        let python = setup.directory.appendingPathComponent("python.zip")
        #expect(try TestSupport.tool("python3", ["-c", """
            import sys, zipfile
            src = zipfile.ZipFile(sys.argv[1])
            with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
                for info in src.infolist():
                    z.writestr(info.filename, src.read(info.filename))
            """, TestSupport.fixture("Golden/golden-case-2026.zip").path, python.path]).status == 0)
        let pythonReport = try BundleVerifier().verify(bundleAt: python)
        #expect(pythonReport.intact, "\(pythonReport.findings)")
    }
}
