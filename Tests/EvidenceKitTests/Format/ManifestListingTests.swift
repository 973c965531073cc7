@testable import EvidenceFormat
import EvidenceModel
import Foundation
import Testing

/// The streaming manifest reader reads the same manifest `JSONDecoder` reads, and refuses what verification must not
/// trust.
@Suite struct ManifestListingTests {
    /// The tables as a Foundation-based tool would read them: the full model decoded with `JSONDecoder`.
    static func listingByFoundation(_ bytes: [UInt8]) throws -> ManifestListing {
        let manifest = try JSONDecoder().decode(EvidenceManifest.self, from: Data(bytes))
        return ManifestListing(
            format: manifest.format, caseIdentifier: manifest.case.identifier, caseTitle: manifest.case.title,
            sealedAt: manifest.sealedAt, signerFingerprint: manifest.signer.fingerprint,
            items: manifest.items.map { item in
                ManifestListing.Item(
                    id: item.id, file: .init(path: item.path, size: item.size, sha256: item.sha256),
                    derived: (item.derived ?? []).map { .init(path: $0.path, size: $0.size, sha256: $0.sha256) },
                    sensitive: item.sensitive)
            },
            files: manifest.files.map { .init(path: $0.path, size: $0.size, sha256: $0.sha256) },
            latestAcquisition: manifest.items.map(\.acquiredAt).max())
    }

    static var golden: [UInt8] {
        get throws { try GeneratedValues.goldenBundleEntry("evidence/manifest.json") }
    }

    /// The golden manifest with the first occurrence of each `original` replaced.
    static func goldenEdited(_ replacements: [(original: String, replacement: String)]) throws -> [UInt8] {
        var text = String(decoding: try golden, as: UTF8.self)
        for (original, replacement) in replacements {
            let range = try #require(text.range(of: original), "\(original)")
            text.replaceSubrange(range, with: replacement)
        }
        return Array(text.utf8)
    }

    @Test func goldenManifestReadsAsFoundationReadsIt() throws {
        let bytes = try Self.golden
        let listing = try ManifestListing(parsing: bytes)
        #expect(listing == (try Self.listingByFoundation(bytes)))
        #expect(listing.items.count == 8)
        #expect(listing.items.contains { !$0.derived.isEmpty })
        #expect(listing.caseIdentifier == "golden-case-2026")
        // The golden bundle was sealed before format 2.
        #expect(listing.format == BundleFormat.v1.rawValue)
        #expect(listing.items.contains { $0.sensitive })
    }

    /// Random manifests (every optional member sometimes there, strings of control, astral and combining
    /// characters, sizes over the whole `Int64` range), canonically encoded and as `JSONEncoder` writes them.
    @Test(arguments: 0..<300)
    func generatedManifestsReadAsFoundationReadsThem(seed: Int) throws {
        let manifest = GeneratedValues(seed: UInt64(seed)).manifest()
        for bytes in [manifest.encoded(), Array(try JSONEncoder().encode(manifest))] {
            #expect(try ManifestListing(parsing: bytes) == (try Self.listingByFoundation(bytes)))
        }
    }

    /// A forged item with two `"sha256"` keys: `JSONDecoder` keeps the first, Python's `json` the last, so the
    /// manifest says two things and is refused.
    @Test func duplicateKeyInAnItemIsRefused() throws {
        let forged = try Self.goldenEdited([(#""sha256" : "68a8c6813720a364ee7917aa3189ce820372685ce688fdc572713c7c6204a5fe","#,
                                             #""sha256" : "68a8c6813720a364ee7917aa3189ce820372685ce688fdc572713c7c6204a5fe", "sha256" : "00","#)])
        #expect(forged != (try Self.golden))
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: forged) }
        do {
            _ = try ManifestListing(parsing: forged)
        } catch {
            #expect(error.code == .duplicateKey)
        }
    }

    @Test(arguments: [
        (#""kind" : "screenshot""#, #""kind" : "selfie""#, "kind"),
        (#""size" : 18978"#, #""size" : "18978""#, "size"),
        (#""id" : 1,"#, #""id" : 99999999999999999999,"#, "id"),
        (#""id" : 1,"#, "", "id"),
        (#""sensitive" : false"#, #""sensitive" : 0"#, "sensitive"),
        (#""mediaType" : "image/png","#, #""mediaType" : null,"#, "mediaType"),
        (#""timestamps" : ["#, #""timestamps" : {"x" : 1}, "y" : ["#, "timestamps"),
        (#""format" : "evidencekit-manifest/1","#, "", "format"),
        (#""format" : "evidencekit-manifest/1","#, #""format" : ["evidencekit-manifest/1"],"#, "format"),
        (#""fingerprint" : "#, #""fingerprint" : 1, "x" : "#, "fingerprint"),
        (#""items" : ["#, #""items" : [1, "#, "items[0]"),
    ])
    func wrongShapeIsRefusedNamingTheMember(original: String, replacement: String, named: String) throws {
        let edited = try Self.goldenEdited([(original, replacement)])
        #expect(edited != (try Self.golden))
        #expect(throws: (any Error).self) { try Self.listingByFoundation(edited) }
        do {
            _ = try ManifestListing(parsing: edited)
            Issue.record("accepted with \(replacement)")
        } catch {
            #expect(error.description.contains(named), "\(error)")
        }
    }

    /// `JSONDecoder` reads `18978.0`, `1.8978e4` and `18978e0` as the size 18978, Python as a float: only the plain
    /// integer form that every writer of manifests uses is read.
    @Test(arguments: ["18978.0", "1.8978e4", "18978e0"])
    func sizesAreWholeNumbersWrittenAsSuch(size: String) throws {
        let edited = try Self.goldenEdited([(#""size" : 18978"#, #""size" : \#(size)"#)])
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: edited) }
    }

    @Test func nullWhereTheModelAllowsItIsRead() throws {
        // The first item has a note and no derived files or mail summary.
        let edited = try Self.goldenEdited([
            (#""note" : "Menaces"#, #""unknown" : [{"a" : 1}], "nothing" : "Menaces"#),
            (#""sensitive" : false,"#, #""sensitive" : false, "note" : null, "derived" : null, "email" : null,"#),
        ])
        let listing = try ManifestListing(parsing: edited)
        #expect(listing == (try Self.listingByFoundation(edited)))
    }

    @Test func limitsOnFilesAndPathsHold() throws {
        let bytes = try Self.golden
        let count = try ManifestListing(parsing: bytes).items.reduce(0) { $0 + 1 + $1.derived.count }
            + ManifestListing(parsing: bytes).files.count
        var limits = ManifestListing.Limits()
        limits.maximumFiles = count
        #expect(throws: Never.self) { try ManifestListing(parsing: bytes, limits: limits) }
        limits.maximumFiles = count - 1
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: bytes, limits: limits) }

        limits = ManifestListing.Limits()
        limits.maximumPathBytes = 20
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: bytes, limits: limits) }
        limits = ManifestListing.Limits()
        limits.maximumTotalPathBytes = 200
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: bytes, limits: limits) }

        let longHash = try Self.goldenEdited([(#""sha256" : "68a8"#, #""sha256" : "0068a8"#)])
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: longHash) }
    }

    /// Hostile shapes a few megabytes long are refused or read in linear time, without growing memory.
    @Test func hostileDocumentsAreRefusedQuickly() throws {
        let zeros = Array("{\"x\" : [".utf8) + Array(repeating: Array("0,".utf8), count: 200_000).joined() + Array("0]}".utf8)
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: zeros) } // read past, then no "format"
        let array = Array("[".utf8) + Array(repeating: Array("0,".utf8), count: 200_000).joined() + Array("0]".utf8)
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: array) }
        let deep = Array(repeating: UInt8(ascii: "["), count: 4_000_000)
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: Array("{\"x\":".utf8) + deep) }
        let longString = Array("{\"format\" : \"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 20 << 20) + Array("\"}".utf8)
        #expect(throws: JSONReadError.self) { try ManifestListing(parsing: longString) }
    }
}
