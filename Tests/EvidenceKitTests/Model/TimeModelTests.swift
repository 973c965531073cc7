import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite struct TimeModelTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    @Test func fixedOffsetRoundTrip() throws {
        let local = try #require(LocalDateTime(year: 2023, month: 12, day: 25, hour: 14, minute: 3, second: 22))
        let instant = local.instant(atOffsetSeconds: 3600)
        #expect(instant.unixSeconds == 1_703_509_402)
        #expect(LocalDateTime(instant, offsetSeconds: 3600) == local)
        #expect(RFC3339.format(instant, offsetSeconds: 3600) == "2023-12-25T14:03:22+01:00")
        #expect(RFC3339.format(instant, offsetSeconds: 0) == "2023-12-25T13:03:22Z")
    }

    @Test func impossibleReadingsAreRefused() {
        #expect(LocalDateTime(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDateTime(year: 0, month: 0, day: 0) == nil)
        #expect(LocalDateTime(year: 2023, month: 4, day: 31) == nil)
        #expect(LocalDateTime(year: 2023, month: 1, day: 1, hour: 24) == nil)
        #expect(LocalDateTime(year: 2023, month: 1, day: 1, second: 60) == nil)
    }

    @Test func dstGapMovesForwardWithWarning() throws {
        // 2024-03-31 02:30 does not exist in Brussels: clocks jump from 02:00 to 03:00.
        let local = try #require(LocalDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30))
        let stamp = EvidenceTimestamp.assumed(local, in: brussels, source: .filename, field: "test", role: .capture)
        #expect(stamp.value == "2024-03-31T03:30:00+02:00")
        #expect(stamp.zone == .assumed)
        #expect(stamp.warnings.count == 1)
        #expect(stamp.warnings[0].contains("did not exist"))
    }

    @Test func dstRepeatTakesFirstOccurrenceWithWarning() throws {
        // 2024-10-27 02:30 occurs twice in Brussels: first at +02:00, then at +01:00.
        let local = try #require(LocalDateTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30))
        let stamp = EvidenceTimestamp.assumed(local, in: brussels, source: .chat, field: "line", role: .message)
        #expect(stamp.value == "2024-10-27T02:30:00+02:00")
        #expect(stamp.instant.unixSeconds == 1_729_989_000)
        #expect(stamp.warnings.first?.contains("occurred twice") == true)
    }

    @Test func ordinaryTimeHasNoWarning() throws {
        let local = try #require(LocalDateTime(year: 2024, month: 7, day: 1, hour: 12))
        let stamp = EvidenceTimestamp.assumed(local, in: brussels, source: .filename, field: "test", role: .capture)
        #expect(stamp.value == "2024-07-01T12:00:00+02:00")
        #expect(stamp.warnings.isEmpty)
    }

    @Test func rfc3339ParsesWhatItWrites() throws {
        let parsed = try #require(RFC3339.parse("2023-12-25T13:03:22.123Z"))
        #expect(parsed.precision == .millisecond)
        #expect(parsed.instant.unixMilliseconds == 1_703_509_402_123)
        #expect(RFC3339.format(parsed.instant, offsetSeconds: 0, precision: .millisecond) == "2023-12-25T13:03:22.123Z")
        #expect(RFC3339.parse("2023-12-25T13:03:22") == nil)
        #expect(RFC3339.parse("2023-02-30T13:03:22Z") == nil)
        let negative = try #require(RFC3339.parse("1969-12-31T23:59:59-05:00"))
        #expect(negative.instant.unixSeconds == 17_999)
    }

    @Test func timestampJSONRoundTrip() throws {
        let local = try #require(LocalDateTime(year: 2024, month: 3, day: 3, hour: 9, minute: 15))
        let stamp = EvidenceTimestamp.assumed(local, in: brussels, source: .declared, field: "--declared-time", role: .capture,
                                              precision: .minute)
        let data = try JSONEncoder().encode(stamp)
        let back = try JSONDecoder().decode(EvidenceTimestamp.self, from: data)
        #expect(back == stamp)
        #expect(String(decoding: data, as: UTF8.self).contains(#""value":"2024-03-03T09:15:00+01:00""#))
    }

    @Test func negativeMilliseconds() {
        let instant = Instant(unixMilliseconds: -1)
        #expect(instant.unixSeconds == -1)
        #expect(instant.nanoseconds == 999_000_000)
    }
}
