import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Timestamp ranking")
struct TimestampRankingTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func local(_ text: String) -> LocalDateTime { RFC3339.parseLenient(text)!.local }

    @Test func exifOriginalBeatsFileNameAndFileSystem() {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal", role: .capture)
        let name = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot", role: .capture)
        let file = EvidenceTimestamp.utc(Instant(unixSeconds: 1_800_000_000), source: .filesystem, field: "mtime", role: .modification)
        let (best, warnings) = TimestampRanking.evaluate([file, name, exif], kind: .photo)
        #expect(best == exif)
        #expect(warnings.isEmpty)
    }

    @Test func sourcesTwoHoursApartDisagree() throws {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal", role: .capture)
        let name = EvidenceTimestamp.assumed(local("2023-12-25T16:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot", role: .capture)
        let (best, warnings) = TimestampRanking.evaluate([name, exif], kind: .screenshot)
        #expect(best == exif)
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code.rawValue == "sources-disagree")
        #expect(warning.message.contains("2 h 0 min apart"))
        #expect(warning.message.contains("time-zone"))
    }

    @Test func withinToleranceAgrees() {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal", role: .capture)
        let gps = EvidenceTimestamp.utc(local("2023-12-25T13:04:50").instant(atOffsetSeconds: 0), source: .exif,
                                        field: "GPSDateStamp+GPSTimeStamp", role: .capture)
        #expect(TimestampRanking.evaluate([exif, gps], kind: .photo).warnings.isEmpty)
    }

    @Test func dayPrecisionAgreesWithAnyTimeThatDay() {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T23:59:00"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal", role: .capture)
        let day = EvidenceTimestamp.assumed(local("2023-12-25"), in: brussels, source: .filename,
                                            field: "whatsapp-image", role: .capture, precision: .day)
        let nextDay = EvidenceTimestamp.assumed(local("2023-12-27"), in: brussels, source: .filename,
                                                field: "whatsapp-image", role: .capture, precision: .day)
        #expect(TimestampRanking.evaluate([exif, day], kind: .photo).warnings.isEmpty)
        #expect(TimestampRanking.evaluate([exif, nextDay], kind: .photo).warnings.map(\.code.rawValue) == ["sources-disagree"])
    }

    @Test func modificationTimesAreNotComparedButCanBeBest() {
        let modified = EvidenceTimestamp.embedded(local("2024-01-02T10:00:00"), offsetSeconds: 3600, source: .exif,
                                                  field: "ModifyDate", role: .modification)
        let acquired = EvidenceTimestamp.utc(Instant(unixSeconds: 1_800_000_000), source: .acquired, field: "acquired", role: .acquisition)
        let name = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot", role: .capture)
        let (best, warnings) = TimestampRanking.evaluate([acquired, modified, name], kind: .screenshot)
        #expect(best == name)
        #expect(warnings.isEmpty)
        let (onlyModified, moreWarnings) = TimestampRanking.evaluate([acquired, modified], kind: .photo)
        #expect(onlyModified == modified)
        #expect(moreWarnings.map(\.code.rawValue) == ["no-date"])
    }

    @Test func screenshotWithoutATimeOfItsOwnGetsTheNoDateWarning() throws {
        let file = EvidenceTimestamp.utc(Instant(unixSeconds: 1_700_000_000), source: .filesystem, field: "mtime", role: .modification)
        let (best, warnings) = TimestampRanking.evaluate([file], kind: .screenshot)
        #expect(best == file)
        #expect(warnings == [EvidenceWarning(code: .noDate, message: TimestampRanking.noDateMessage)])
        #expect(TimestampRanking.noDateMessage
            == "no date found: make sure the date is visible in the image, or add one with --declared-time")
        #expect(TimestampRanking.evaluate([file], kind: .document).warnings.isEmpty)
    }

    @Test func declaredTimeCountsAsATimeOfItsOwn() {
        let declared = EvidenceTimestamp.assumed(local("2023-12-25T14:00"), in: brussels, source: .declared,
                                                 field: "declared", role: .capture, precision: .minute)
        let (best, warnings) = TimestampRanking.evaluate([declared], kind: .screenshot)
        #expect(best == declared)
        #expect(warnings.isEmpty)
    }

    @Test func embeddedOffsetBeatsAssumedZoneAtTheSameRank() {
        let assumed = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .xmp,
                                                field: "photoshop:DateCreated", role: .capture)
        let embedded = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .xmp,
                                                  field: "exif:DateTimeOriginal", role: .capture)
        #expect(TimestampRanking.evaluate([assumed, embedded], kind: .photo).best == embedded)
    }

    @Test func dstProblemsBecomeItemWarnings() {
        let gap = EvidenceTimestamp.assumed(local("2023-03-26T02:30:00"), in: brussels, source: .exif,
                                            field: "DateTimeOriginal", role: .capture)
        let warnings = TimestampRanking.evaluate([gap], kind: .photo).warnings
        #expect(warnings.map(\.code.rawValue) == ["local-time-dst"])
        #expect(warnings.first?.message.hasPrefix("exif DateTimeOriginal:") == true)
    }

    /// The role decides trust, not the field text: a chat export's first message is a capture time whatever its
    /// field says, its last message and single message times are not.
    @Test func theRoleDecidesWhatIsACaptureTime() {
        let at = Instant(unixSeconds: 1_703_509_402)
        let start = EvidenceTimestamp.utc(at, source: .chat, field: "first message", role: .conversationStart)
        let end = EvidenceTimestamp.utc(at.adding(seconds: 86_400 * 30), source: .chat, field: "last message",
                                        role: .conversationEnd)
        let message = EvidenceTimestamp.utc(at, source: .chat, field: "first message", role: .message)
        #expect(TimestampRanking.rank(start) == 8)
        #expect(TimestampRanking.isCaptureTime(start))
        #expect(!TimestampRanking.isCaptureTime(end))
        #expect(!TimestampRanking.isCaptureTime(message))
        // Thirty days apart, but the end of a conversation never "disagrees" with its start.
        let chat = TimestampRanking.evaluate([end, start], kind: .chat)
        #expect(chat.best == start)
        #expect(chat.warnings.isEmpty)
        // A screenshot whose only time is a relay hop or a message time has no date.
        let relay = EvidenceTimestamp.utc(at, source: .emailHeader, field: "Received[0]", role: .relay)
        #expect(TimestampRanking.evaluate([relay, message], kind: .screenshot).warnings.map(\.code) == [.noDate])
        // A capture time from a field the table does not name still counts, trusted like a declared time.
        let other = EvidenceTimestamp.utc(at, source: .exif, field: "SomeFutureDate", role: .capture)
        #expect(TimestampRanking.rank(other) == 9)
        #expect(TimestampRanking.evaluate([other], kind: .photo).warnings.isEmpty)
        // The same field made as a modification is not.
        let modified = EvidenceTimestamp.utc(at, source: .exif, field: "SomeFutureDate", role: .modification)
        #expect(TimestampRanking.rank(modified) == 10)
        // A mailbox's earliest Date stays below its messages' own Dates, as it ranked before roles.
        let mailbox = EvidenceTimestamp.utc(at, source: .emailHeader, field: "first message", role: .conversationStart)
        #expect(TimestampRanking.rank(mailbox) == 10)
        let file = EvidenceTimestamp.utc(at, source: .filesystem, field: "mtime", role: .modification)
        let acquired = EvidenceTimestamp.utc(at, source: .acquired, field: "acquired", role: .acquisition)
        #expect([file, acquired].map(TimestampRanking.rank) == [11, 12])
    }
}
