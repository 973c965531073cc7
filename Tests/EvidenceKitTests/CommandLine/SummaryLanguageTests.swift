import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat

/// `init --lang` (or `--language`) sets the case's language, `seal --lang` overrides it for one seal; the signed
/// manifest records the summary's language, and the copy beside the zip says where the images show, in it.
@Suite struct SummaryLanguageTests {
    /// Seals case `name` (made with `initOptions`) and returns the manifest's language and the summary beside it.
    static func seal(_ directory: URL, _ name: String, init initOptions: [String], seal sealOptions: [String] = [])
        throws -> (language: String?, beside: String, inside: [UInt8]) {
        let created = try TestSupport.evidence(["init", name, "--title", "T", "--timezone", "Europe/Brussels"] + initOptions,
                                               in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        try Data("une capture\n".utf8).write(to: directory.appendingPathComponent("\(name).txt"))
        #expect(try TestSupport.evidence(["add", "--case", name, "\(name).txt"], in: directory).status == 0)
        let sealed = try TestSupport.evidence(["seal", "--case", name, "--out", "\(name).zip",
                                               "--sealed-at", "2026-12-01T12:00:00Z"] + sealOptions, in: directory)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let bundle = directory.appendingPathComponent("\(name).zip").path
        let manifest = try EvidenceManifest(parsing: Array(try TestSupport.tool(
            "unzip", ["-p", bundle, "\(name)/evidence/manifest.json"]).stdout.utf8))
        let inside = try TestSupport.tool("unzip", ["-p", bundle, "\(name)/summary.html"]).stdout
        let beside = try String(contentsOf: directory.appendingPathComponent("\(name).summary.html"), encoding: .utf8)
        return (manifest.language, beside, Array(inside.utf8))
    }

    @Test func theCaseLanguageAndTheSealOverrideReachTheManifestAndTheNotice() throws {
        let directory = try TestSupport.temporaryDirectory("languages")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zone = try Self.seal(directory, "zone", init: [])
        #expect(zone.language == "fr", "Europe/Brussels reads French first")
        #expect(zone.beside.contains("Cette copie accompagne le bundle : les images ne s&#39;affichent que dans la copie"))
        let dutch = try Self.seal(directory, "dutch", init: ["--lang", "nl"])
        #expect(dutch.language == "nl")
        #expect(dutch.beside.contains("Deze kopie staat naast de bundel: de afbeeldingen verschijnen alleen in de kopie"))
        let alias = try Self.seal(directory, "alias", init: ["--language", "en"])
        #expect(alias.language == "en")
        let german = try Self.seal(directory, "german", init: ["--lang", "nl"], seal: ["--lang", "de"])
        #expect(german.language == "de")
        #expect(german.beside.contains("Diese Kopie liegt neben dem Bündel: Die Bilder erscheinen nur in der Kopie"))
        // Only the copy beside the zip carries the notice; the signed one inside never does.
        #expect(!String(decoding: german.inside, as: UTF8.self).contains("Die Bilder erscheinen"))
    }

    @Test func anUnknownLanguageIsRefusedBeforeSealing() throws {
        let directory = try TestSupport.temporaryDirectory("language-typo")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "UTC"], in: directory).status == 0)
        let seal = try TestSupport.evidence(["seal", "--case", "c", "--out", "c.zip", "--lang", "es"], in: directory)
        #expect(seal.status == 2)
        #expect(seal.stderr.contains("--lang “es” is not one of de, en, fr, nl."), "\(seal.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.zip").path))
        let initialised = try TestSupport.evidence(["init", "d", "--title", "T", "--timezone", "UTC", "--lang", "es"],
                                                   in: directory)
        #expect(initialised.status == 2)
    }
}
