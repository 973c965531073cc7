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
                                              field: "DateTimeOriginal")
        let name = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot")
        let file = EvidenceTimestamp.utc(Instant(unixSeconds: 1_800_000_000), source: .filesystem, field: "mtime")
        let (best, warnings) = TimestampRanking.evaluate([file, name, exif], kind: .photo)
        #expect(best == exif)
        #expect(warnings.isEmpty)
    }

    @Test func sourcesTwoHoursApartDisagree() throws {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal")
        let name = EvidenceTimestamp.assumed(local("2023-12-25T16:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot")
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
                                              field: "DateTimeOriginal")
        let gps = EvidenceTimestamp.utc(local("2023-12-25T13:04:50").instant(atOffsetSeconds: 0), source: .exif,
                                        field: "GPSDateStamp+GPSTimeStamp")
        #expect(TimestampRanking.evaluate([exif, gps], kind: .photo).warnings.isEmpty)
    }

    @Test func dayPrecisionAgreesWithAnyTimeThatDay() {
        let exif = EvidenceTimestamp.embedded(local("2023-12-25T23:59:00"), offsetSeconds: 3600, source: .exif,
                                              field: "DateTimeOriginal")
        let day = EvidenceTimestamp.assumed(local("2023-12-25"), in: brussels, source: .filename,
                                            field: "whatsapp-image", precision: .day)
        let nextDay = EvidenceTimestamp.assumed(local("2023-12-27"), in: brussels, source: .filename,
                                                field: "whatsapp-image", precision: .day)
        #expect(TimestampRanking.evaluate([exif, day], kind: .photo).warnings.isEmpty)
        #expect(TimestampRanking.evaluate([exif, nextDay], kind: .photo).warnings.map(\.code.rawValue) == ["sources-disagree"])
    }

    @Test func modificationTimesAreNotComparedButCanBeBest() {
        let modified = EvidenceTimestamp.embedded(local("2024-01-02T10:00:00"), offsetSeconds: 3600, source: .exif,
                                                  field: "ModifyDate")
        let acquired = EvidenceTimestamp.utc(Instant(unixSeconds: 1_800_000_000), source: .acquired, field: "acquired")
        let name = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .filename,
                                             field: "android-screenshot")
        let (best, warnings) = TimestampRanking.evaluate([acquired, modified, name], kind: .screenshot)
        #expect(best == name)
        #expect(warnings.isEmpty)
        let (onlyModified, moreWarnings) = TimestampRanking.evaluate([acquired, modified], kind: .photo)
        #expect(onlyModified == modified)
        #expect(moreWarnings.map(\.code.rawValue) == ["no-date"])
    }

    @Test func screenshotWithoutATimeOfItsOwnGetsTheNoDateWarning() throws {
        let file = EvidenceTimestamp.utc(Instant(unixSeconds: 1_700_000_000), source: .filesystem, field: "mtime")
        let (best, warnings) = TimestampRanking.evaluate([file], kind: .screenshot)
        #expect(best == file)
        #expect(warnings == [EvidenceWarning(code: .noDate, message: TimestampRanking.noDateMessage)])
        #expect(TimestampRanking.noDateMessage
            == "no date found: make sure the date is visible in the image, or add one with --declared-time")
        #expect(TimestampRanking.evaluate([file], kind: .document).warnings.isEmpty)
    }

    @Test func declaredTimeCountsAsATimeOfItsOwn() {
        let declared = EvidenceTimestamp.assumed(local("2023-12-25T14:00"), in: brussels, source: .declared,
                                                 field: "declared", precision: .minute)
        let (best, warnings) = TimestampRanking.evaluate([declared], kind: .screenshot)
        #expect(best == declared)
        #expect(warnings.isEmpty)
    }

    @Test func embeddedOffsetBeatsAssumedZoneAtTheSameRank() {
        let assumed = EvidenceTimestamp.assumed(local("2023-12-25T14:03:22"), in: brussels, source: .xmp,
                                                field: "photoshop:DateCreated")
        let embedded = EvidenceTimestamp.embedded(local("2023-12-25T14:03:22"), offsetSeconds: 3600, source: .xmp,
                                                  field: "exif:DateTimeOriginal")
        #expect(TimestampRanking.evaluate([assumed, embedded], kind: .photo).best == embedded)
    }

    @Test func dstProblemsBecomeItemWarnings() {
        let gap = EvidenceTimestamp.assumed(local("2023-03-26T02:30:00"), in: brussels, source: .exif,
                                            field: "DateTimeOriginal")
        let warnings = TimestampRanking.evaluate([gap], kind: .photo).warnings
        #expect(warnings.map(\.code.rawValue) == ["local-time-dst"])
        #expect(warnings.first?.message.hasPrefix("exif DateTimeOriginal:") == true)
    }
}
