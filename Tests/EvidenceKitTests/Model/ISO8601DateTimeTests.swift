import Foundation
import Testing
@testable import EvidenceModel

/// The one ISO 8601 grammar, form by form, under the three profiles that use it: RFC 3339 (manifests, journals,
/// `--sealed-at`), typed (`--declared-time`, Telegram), metadata (XMP, QuickTime, PNG `Creation Time`).
@Suite("ISO 8601 date-times")
struct ISO8601DateTimeTests {
    /// A form and what each profile reads: `local.nanoseconds precision offset`, or `nil` when refused.
    struct Form: CustomTestStringConvertible, Sendable {
        var text: String
        var rfc3339: String?
        var typed: String?
        var metadata: String?
        var testDescription: String { text.debugDescription }
    }

    static let forms: [Form] = [
        Form(text: "2023-12-25T14:03:22+01:00", rfc3339: "2023-12-25T14:03:22.0 second +3600",
             typed: "2023-12-25T14:03:22.0 second +3600", metadata: "2023-12-25T14:03:22.0 second +3600"),
        Form(text: "2023-12-25T13:03:22.123Z", rfc3339: "2023-12-25T13:03:22.123000000 millisecond +0",
             typed: "2023-12-25T13:03:22.123000000 millisecond +0",
             metadata: "2023-12-25T13:03:22.123000000 millisecond +0"),
        Form(text: "2023-12-25T14:03:22.1234-05:00", rfc3339: "2023-12-25T14:03:22.123400000 microsecond -18000",
             typed: "2023-12-25T14:03:22.123400000 microsecond -18000",
             metadata: "2023-12-25T14:03:22.123400000 microsecond -18000"),
        Form(text: "2023-12-25T14:03:22.123456789Z", rfc3339: "2023-12-25T14:03:22.123456789 nanosecond +0",
             typed: "2023-12-25T14:03:22.123456789 nanosecond +0",
             metadata: "2023-12-25T14:03:22.123456789 nanosecond +0"),
        // Separators: `t` is RFC 3339's, not metadata's; a space is everyone's; `z` is UTC everywhere.
        Form(text: "2023-12-25t14:03:22Z", rfc3339: "2023-12-25T14:03:22.0 second +0",
             typed: "2023-12-25T14:03:22.0 second +0", metadata: nil),
        Form(text: "2023-12-25 14:03:22z", rfc3339: "2023-12-25T14:03:22.0 second +0",
             typed: "2023-12-25T14:03:22.0 second +0", metadata: "2023-12-25T14:03:22.0 second +0"),
        // What RFC 3339 requires (seconds, offset) and the others let go.
        Form(text: "2023-12-25T14:03:22", rfc3339: nil,
             typed: "2023-12-25T14:03:22.0 second nil", metadata: "2023-12-25T14:03:22.0 second nil"),
        Form(text: "2023-12-25T14:00", rfc3339: nil,
             typed: "2023-12-25T14:00:00.0 minute nil", metadata: "2023-12-25T14:00:00.0 minute nil"),
        Form(text: "2023-12-25T14:00+01:00", rfc3339: nil,
             typed: "2023-12-25T14:00:00.0 minute +3600", metadata: "2023-12-25T14:00:00.0 minute +3600"),
        Form(text: "2023-12-25", rfc3339: nil,
             typed: "2023-12-25T00:00:00.0 day nil", metadata: "2023-12-25T00:00:00.0 day nil"),
        // A year or a month alone would invent a day: refused by all.
        Form(text: "2023-12", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:0", rfc3339: nil, typed: nil, metadata: nil),
        // ISO 8601's comma fraction and colon-less offset: metadata only.
        Form(text: "2023-12-25T14:03:22,5Z", rfc3339: nil, typed: nil,
             metadata: "2023-12-25T14:03:22.500000000 millisecond +0"),
        Form(text: "2023-12-25T14:03:22+0100", rfc3339: nil, typed: nil,
             metadata: "2023-12-25T14:03:22.0 second +3600"),
        // Offset hours: RFC 3339 reads up to 23, metadata (as EXIF) up to 18.
        Form(text: "2023-12-25T14:03:22+19:00", rfc3339: "2023-12-25T14:03:22.0 second +68400",
             typed: "2023-12-25T14:03:22.0 second +68400", metadata: nil),
        Form(text: "2023-12-25T14:03:22+24:00", rfc3339: nil, typed: nil, metadata: nil),
        // Trimming: none for RFC 3339, spaces for typed text, line breaks too for metadata.
        Form(text: " 2023-12-25T14:03:22Z ", rfc3339: nil,
             typed: "2023-12-25T14:03:22.0 second +0", metadata: "2023-12-25T14:03:22.0 second +0"),
        Form(text: "2023-12-25T14:03:22Z\n", rfc3339: nil, typed: nil, metadata: "2023-12-25T14:03:22.0 second +0"),
        // Impossible or malformed: refused by all, never rolled over.
        Form(text: "2023-02-30T14:03:22Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T24:00:00Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:03:60Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:03:22.Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:03:22.1234567891Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:03:22+01:00 ", rfc3339: nil,
             typed: "2023-12-25T14:03:22.0 second +3600", metadata: "2023-12-25T14:03:22.0 second +3600"),
        Form(text: "2023-12-25T14:03:22+01", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "2023-12-25T14:03:22 +01:00", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "２０２３-12-25T14:03:22Z", rfc3339: nil, typed: nil, metadata: nil),
        Form(text: "", rfc3339: nil, typed: nil, metadata: nil),
    ]

    static func render(_ parsed: ISO8601DateTime?) -> String? {
        parsed.map { p in
            let offset = p.offsetSeconds.map { $0 < 0 ? "\($0)" : "+\($0)" } ?? "nil"
            return "\(p.local).\(p.local.nanosecond) \(p.precision) \(offset)"
        }
    }

    @Test(arguments: forms)
    func form(_ form: Form) {
        #expect(Self.render(ISO8601DateTime(form.text, profile: .rfc3339)) == form.rfc3339, "RFC 3339")
        #expect(Self.render(ISO8601DateTime(form.text, profile: .typed)) == form.typed, "typed")
        #expect(Self.render(ISO8601DateTime(form.text, profile: .metadata)) == form.metadata, "metadata")
    }

    /// The public readers are the profiles: `RFC3339.parse` is `.rfc3339` with its instant, `parseLenient` is `.typed`.
    @Test(arguments: forms)
    func publicReadersAreTheProfiles(_ form: Form) {
        let strict = RFC3339.parse(form.text)
        #expect(strict.flatMap {
            Self.render(ISO8601DateTime(local: $0.local, precision: $0.precision, offsetSeconds: $0.offsetSeconds))
        } == form.rfc3339)
        if let strict {
            #expect(strict.instant == strict.local.instant(atOffsetSeconds: strict.offsetSeconds))
        }
        let lenient = RFC3339.parseLenient(form.text)
        #expect(lenient.flatMap {
            Self.render(ISO8601DateTime(local: $0.local, precision: $0.precision, offsetSeconds: $0.offsetSeconds))
        } == form.typed)
    }

    @Test func offsetsAlone() {
        let colon = ["Z": 0, "z": 0, "+01:00": 3600, "-05:30": -19800, "+23:59": 86340]
        for (text, seconds) in colon {
            #expect(ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colon) == seconds, "\(text)")
            #expect(ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colonOptional)
                        == (abs(seconds) > 18 * 3600 ? nil : seconds), "\(text)")
        }
        for text in ["+0100", "-0500", "+18:00", "+1800"] {
            #expect(ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colonOptional) != nil, "\(text)")
        }
        for text in ["+0100", "+1:00", "01:00", "+01:60", "+24:00", "UTC", "", "+01:00:00"] {
            #expect(ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colon) == nil, "\(text)")
        }
        for text in ["+1900", "+19:00", "+01:60", "0100", "GMT", ""] {
            #expect(ISO8601DateTime.offsetSeconds(Array(text.utf8), form: .colonOptional) == nil, "\(text)")
        }
    }
}
