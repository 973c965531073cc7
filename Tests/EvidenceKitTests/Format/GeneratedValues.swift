@testable import EvidenceFormat
import EvidenceModel
import Foundation
import Testing
import ZIPFoundation

/// Random but reproducible manifests, journal entries and strings for the format's property tests: strings mix
/// every control character, quotes, backslashes, slashes, combining marks, U+2028/U+2029, private-use and astral
/// characters; every optional member is sometimes there and sometimes not.
final class GeneratedValues {
    static let alphabet: [Unicode.Scalar] = {
        var scalars = (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
        scalars += ["\"", "\\", "/", "%", " ", ".", "-", "_", "a", "B", "z", "0", "9", "\u{7F}", "\u{80}", "\u{85}",
                    "\u{A0}", "é", "e", "\u{301}", "ß", "\u{2028}", "\u{2029}", "\u{200E}", "\u{FEFF}", "\u{E000}",
                    "\u{FFFD}", "日", "€", "\u{1F600}", "\u{1F469}", "\u{200D}", "\u{10FFFF}"]
        return scalars
    }()

    private var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    func int<Number: FixedWidthInteger>(_ range: ClosedRange<Number>) -> Number { Number.random(in: range, using: &random) }

    func coin() -> Bool { Bool.random(using: &random) }

    func pick<Element>(_ elements: [Element]) -> Element { elements.randomElement(using: &random)! }

    func string(maxLength: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(0...maxLength) { scalars.append(pick(Self.alphabet)) }
        return String(scalars)
    }

    /// `make()` half of the time, otherwise `nil`.
    func maybe<T>(_ make: () -> T) -> T? { coin() ? make() : nil }

    func list<T>(upTo count: Int, _ make: () -> T) -> [T] { (0..<int(0...count)).map { _ in make() } }

    func strings(upTo count: Int) -> [String] { list(upTo: count) { string(maxLength: 8) } }

    func dictionary<Value>(upTo count: Int, _ value: () -> Value) -> [String: Value] {
        Dictionary(list(upTo: count) { (string(maxLength: 8), value()) }, uniquingKeysWith: { first, _ in first })
    }

    func instant() -> Instant {
        Instant(unixSeconds: int(-2_208_988_800...4_102_444_800),
                nanoseconds: coin() ? 0 : int(0...999_999_999))
    }

    func timestamp() -> EvidenceTimestamp {
        let source = pick(TimestampSource.allCases), field = string(maxLength: 12)
        // The role is not encoded: a value that round-trips has the role its source and field read back as.
        return EvidenceTimestamp(
            source: source, field: field, role: TimestampRole(readingBack: source, field: field), instant: instant(),
            offsetSeconds: int(-50_400...50_400) / 60 * 60, zone: pick([ZoneBasis.embedded, .assumed, .utc]),
            zoneName: maybe { string(maxLength: 10) }, precision: pick(TimePrecision.allCases),
            warnings: list(upTo: 2) { string(maxLength: 16) })
    }

    func item() -> EvidenceManifest.Item {
        let timestamps = list(upTo: 3) { timestamp() }
        let conversation = maybe {
            ConversationSummary(
                platform: ChatPlatform(rawValue: string(maxLength: 8)), title: string(maxLength: 12), participants: strings(upTo: 3),
                messageCount: int(0...1_000_000), firstMessageAt: maybe { string(maxLength: 8) },
                lastMessageAt: maybe { string(maxLength: 8) }, attachmentItems: dictionary(upTo: 4) { int(Int64(1)...99) },
                attachmentMessages: dictionary(upTo: 4) { list(upTo: 3) { int(0...9) } },
                missingAttachments: strings(upTo: 2))
        }
        let email = maybe {
            EmailSummary(from: maybe { string(maxLength: 8) }, to: maybe { string(maxLength: 8) },
                         cc: maybe { string(maxLength: 8) }, subject: maybe { string(maxLength: 8) },
                         messageID: maybe { string(maxLength: 8) }, attachmentItems: dictionary(upTo: 3) { int(Int64(1)...99) })
        }
        return EvidenceManifest.Item(
            id: int(1...9_999), path: "data/" + string(maxLength: 10), size: int(0...Int64.max),
            sha256: string(maxLength: 4), mediaType: string(maxLength: 6), kind: pick(EvidenceKind.allCases),
            kindReason: string(maxLength: 12), originalName: string(maxLength: 12), originalPath: string(maxLength: 16),
            acquiredAt: instant(), modifiedAt: maybe { instant() }, timestamps: timestamps,
            best: maybe { timestamps.first ?? timestamp() },
            warnings: list(upTo: 2) { EvidenceWarning(code: WarningCode(rawValue: string(maxLength: 6)), message: string(maxLength: 12)) },
            sensitive: coin(), note: maybe { string(maxLength: 20) }, parentID: maybe { int(Int64(1)...99) },
            conversation: conversation, email: email,
            linkedMessages: maybe { list(upTo: 2) { MessageLink(item: int(1...99), messages: list(upTo: 3) { int(0...500) }) } },
            derived: maybe {
                list(upTo: 2) {
                    EvidenceManifest.Derived(role: string(maxLength: 6), path: string(maxLength: 10), size: int(0...99_999),
                                             sha256: string(maxLength: 4), mediaType: string(maxLength: 6))
                }
            },
            sourceURL: maybe { string(maxLength: 16) }, platform: maybe { string(maxLength: 8) },
            account: maybe { string(maxLength: 8) }, description: maybe { string(maxLength: 20) })
    }

    func manifest() -> EvidenceManifest {
        var manifest = EvidenceManifest(
            format: string(maxLength: 8),
            tool: .init(name: string(maxLength: 6), version: string(maxLength: 6)),
            case: .init(identifier: string(maxLength: 8), title: string(maxLength: 16), timeZone: string(maxLength: 8),
                        createdAt: string(maxLength: 8)),
            sealedAt: string(maxLength: 8),
            signer: .init(algorithm: string(maxLength: 6), fingerprint: string(maxLength: 6), publicKey: string(maxLength: 6)),
            items: list(upTo: 3) { item() },
            files: list(upTo: 3) {
                EvidenceManifest.File(path: string(maxLength: 10), size: int(Int64.min...Int64.max), sha256: string(maxLength: 4))
            })
        manifest.language = maybe { string(maxLength: 4) }
        return manifest
    }

    func journalEntry(seq: Int) -> CustodyJournal.Entry {
        CustodyJournal.Entry(seq: seq, action: string(maxLength: 12), actor: string(maxLength: 8), at: string(maxLength: 10),
                             details: dictionary(upTo: 5) { string(maxLength: 12) }, prev: string(maxLength: 8))
    }

    /// One file of the committed golden bundle, read from its zip.
    static func goldenBundleEntry(_ pathInBag: String, bundle: String = "Golden/golden-case-2026.zip") throws -> [UInt8] {
        let archive = try Archive(url: TestSupport.fixture(bundle), accessMode: .read)
        let entry = try #require(archive["golden-case-2026/" + pathInBag])
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }
}
