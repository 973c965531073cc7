import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// One error style and the small things a new user trips on (issue 11): `error: …` on standard error with the
/// path once, the system's reason and what to do next; a case found from a subfolder; time zones in any case, with
/// suggestions; correct plurals; a private key given as the trusted key; a seal in the second of the last `add`.
@Suite struct ConsistentCommandLineTests {
    /// A fresh folder holding a case `c` (zone Europe/Brussels) and one small original.
    private func caseWithOneFile(_ label: String) throws -> (directory: URL, file: URL) {
        let directory = try TestSupport.temporaryDirectory(label)
        let created = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "Europe/Brussels"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let file = directory.appendingPathComponent("capture.bin")
        try Data("une capture\n".utf8).write(to: file)
        return (directory, file)
    }

    @Test func aMistypedPathIsNamedOnceWithTheSystemsReasonAndWhatToDo() throws {
        let (directory, _) = try caseWithOneFile("typo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("Captures/shot.png").path
        let add = try TestSupport.evidence(["add", "--case", "c", missing], in: directory)
        #expect(add.status == 2)
        #expect(add.stderr == "error: \(missing): No such file or directory; check the spelling, and put quotes around "
                + "a name with spaces\n", "\(add.stderr)")
        #expect(add.stderr.components(separatedBy: missing).count == 2)
        let inspect = try TestSupport.evidence(["inspect", missing, "--timezone", "UTC"], in: directory)
        #expect(inspect.status == 2)
        #expect(inspect.stderr.hasPrefix("error: \(missing): "), "\(inspect.stderr)")
    }

    @Test func aCaseIsFoundFromAnySubfolder() throws {
        let (directory, file) = try caseWithOneFile("subfolder")
        defer { try? FileManager.default.removeItem(at: directory) }
        let deep = directory.appendingPathComponent("c/objects/sha256")
        let add = try TestSupport.evidence(["add", file.path], in: deep)
        #expect(add.status == 0, "\(add.stderr)")
        let list = try TestSupport.evidence(["list"], in: deep)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("capture.bin"))
        // inspect takes the zone of the case it runs in, from a subfolder too.
        let inspect = try TestSupport.evidence(["inspect", file.path], in: deep)
        #expect(!inspect.stderr.contains("this computer's time zone"), "\(inspect.stderr)")
        // Outside any case, the message says so.
        let outside = try TestSupport.evidence(["list"], in: directory)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("error: The current folder is not an EvidenceKit case, nor inside one."))
    }

    @Test func timeZonesAreReadInAnyCaseAndAbbreviationsGetPlaces() throws {
        let directory = try TestSupport.temporaryDirectory("zones")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lower = try TestSupport.evidence(["init", "a", "--title", "T", "--timezone", "europe/brussels"], in: directory)
        #expect(lower.status == 0, "\(lower.stderr)")
        #expect(lower.stdout.contains("Time zone: Europe/Brussels"))
        #expect(try EvidenceCase.readMetadata(in: directory.appendingPathComponent("a")).timeZone == "Europe/Brussels")
        let abbreviation = try TestSupport.evidence(["init", "b", "--title", "T", "--timezone", "CET"], in: directory)
        #expect(abbreviation.status == 2)
        #expect(abbreviation.stderr.hasPrefix("error: “CET” is not an IANA time zone"))
        #expect(abbreviation.stderr.contains("did you mean Europe/Brussels, Europe/Paris, Europe/Berlin, Europe/Amsterdam?"))
        let typo = try TestSupport.evidence(["init", "b", "--title", "T", "--timezone", "Europe/Bruxelles"], in: directory)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean Europe/Brussels"), "\(typo.stderr)")
        let inspect = try TestSupport.evidence(["inspect", "x.png", "--timezone", "est"], in: directory)
        #expect(inspect.status == 2)
        #expect(inspect.stderr.contains("America/New_York"), "\(inspect.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("b").path))
    }

    @Test(arguments: [
        ("europe/paris", TimeZoneName.known("Europe/Paris")),
        ("utc", .known("UTC")),
        ("America/New_York", .known("America/New_York")),
        ("Brussels", .unknown(suggestions: ["Europe/Brussels"])),
        ("pst", .unknown(suggestions: ["America/Los_Angeles", "America/Vancouver"])),
        ("Mars/Olympus", .unknown(suggestions: [])),
    ])
    func zoneNames(typed: String, reading: TimeZoneName) {
        #expect(TimeZoneName(typed) == reading)
    }

    @Test func countsHaveTheirPlural() throws {
        let (directory, file) = try caseWithOneFile("plural")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try TestSupport.evidence(["add", "--case", "c", file.path], in: directory).status == 0)
        let seal = try TestSupport.evidence(["seal", "--case", "c", "--out", "one.zip"], in: directory)
        #expect(seal.status == 0, "\(seal.stderr)")
        #expect(seal.stdout.hasPrefix("Sealed 1 item into "), "\(seal.stdout)")
    }

    @Test func aPrivateKeyGivenAsTheTrustedKeyIsNamedForWhatItIs() throws {
        let (directory, file) = try caseWithOneFile("private-key")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try TestSupport.evidence(["add", "--case", "c", file.path], in: directory).status == 0)
        #expect(try TestSupport.evidence(["seal", "--case", "c", "--out", "b.zip"], in: directory).status == 0)
        let verify = try TestSupport.evidence(["verify", "b.zip", "--trusted-key", "c/keys/signer.key.pem"], in: directory)
        #expect(verify.status == 2)
        #expect(verify.stderr.hasPrefix("error: c/keys/signer.key.pem is a private key"), "\(verify.stderr)")
        #expect(verify.stderr.contains("-----BEGIN PUBLIC KEY-----"))
        #expect(!verify.stderr.lowercased().contains("decoder"))
    }

    /// Sealing times are whole seconds; an `add` at 09:00:00.4 and a seal at 09:00:00 are the same second.
    @Test func aSealInTheSecondOfTheLastAddIsNotEarlierThanIt() throws {
        let directory = try TestSupport.temporaryDirectory("same-second")
        defer { try? FileManager.default.removeItem(at: directory) }
        let originals = try CaseFixtures.makeOriginals(in: directory)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T",
                                                   timeZone: "UTC", now: Instant(unixSeconds: 1_773_133_000))
        _ = try evidenceCase.add([originals], now: { Instant(unixSeconds: 1_773_133_200, nanoseconds: 400_000_000) })
        let sameSecond = try evidenceCase.seal(to: directory.appendingPathComponent("a.zip"),
                                               sealedAt: Instant(unixSeconds: 1_773_133_200))
        #expect(sameSecond.warnings.isEmpty, "\(sameSecond.warnings)")
        let secondBefore = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"),
                                                 sealedAt: Instant(unixSeconds: 1_773_133_199))
        #expect(secondBefore.warnings.contains { $0.contains("earlier than the acquisition") })
    }
}
