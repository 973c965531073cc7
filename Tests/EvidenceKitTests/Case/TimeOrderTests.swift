import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// Items in time order: `list` by best time (words for the time and where it came from), folders added in the order
/// a person reads them.
@Suite struct TimeOrderTests {
    @Test func namesAreInNaturalOrder() {
        let names = ["IMG_10.png", "img_2.png", "IMG_1.png", "IMG_02.png", "page 9", "page 10", "Été.txt", "a", "B", "10", "9", ""]
        #expect(names.sorted(by: NaturalNameOrder.precedes)
                == ["", "9", "10", "B", "IMG_1.png", "IMG_02.png", "IMG_10.png", "a", "img_2.png", "page 9", "page 10", "Été.txt"])
        // A total order: every pair compares one way, and a name never precedes itself.
        for a in names {
            #expect(!NaturalNameOrder.precedes(a, a))
            for b in names where a != b { #expect(NaturalNameOrder.precedes(a, b) != NaturalNameOrder.precedes(b, a)) }
        }
    }

    @Test func aFolderIsAddedInNaturalOrder() throws {
        let directory = try TestSupport.temporaryDirectory("natural")
        let folder = directory.appendingPathComponent("Screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["IMG_10.txt", "IMG_2.txt", "IMG_1.txt", "notes.txt"] {
            try Data("content of \(name)".utf8).write(to: folder.appendingPathComponent(name))
        }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Order",
                                                   timeZone: "Europe/Brussels")
        #expect(try evidenceCase.add([folder]).failures.isEmpty)
        #expect(try evidenceCase.items().map(\.originalName) == ["IMG_1.txt", "IMG_2.txt", "IMG_10.txt", "notes.txt"])
    }

    @Test func timesReadAsPeopleReadThem() throws {
        let parsed = try #require(RFC3339.parse("2026-03-03T21:32:07+01:00"))
        let second = EvidenceTimestamp.embedded(parsed.local, offsetSeconds: 3600, source: .exif, field: "DateTimeOriginal",
                                                role: .capture, precision: .second)
        #expect(second.spoken == "Tue 3 Mar 2026 21:32:07 (UTC+01:00)")
        #expect(second.sourceInWords == "EXIF in the file (DateTimeOriginal)")
        var minute = second
        minute.precision = .minute
        #expect(minute.spoken == "Tue 3 Mar 2026 21:32 (UTC+01:00)")
        var day = second
        day.precision = .day
        #expect(day.spoken == "Tue 3 Mar 2026")
        let utc = EvidenceTimestamp.utc(Instant(unixSeconds: 0), source: .filesystem, field: "mtime", role: .modification)
        #expect(utc.spoken == "Thu 1 Jan 1970 00:00:00 (UTC)")
        #expect(utc.sourceInWords == "the file's modification time (mtime)")
        let before1970 = EvidenceTimestamp.utc(Instant(unixSeconds: -86_400), source: .declared, field: "--declared-time",
                                               role: .capture)
        #expect(before1970.spoken == "Wed 31 Dec 1969 00:00:00 (UTC)")
        #expect(before1970.sourceInWords == "the time declared for it")
    }

    @Test func listSortsByTimeWithUndatedItemsLastAndTakesSort() throws {
        let directory = try TestSupport.temporaryDirectory("list-order")
        let evidenceCase = try SampleCase.make(in: directory)
        let items = try evidenceCase.items()
        let byTime = ItemOrder.time.sorted(items)
        let times = byTime.compactMap { ItemOrder.usableTime(of: $0)?.instant }
        #expect(times == times.sorted())
        let firstUndated = byTime.firstIndex { ItemOrder.usableTime(of: $0) == nil } ?? byTime.count
        #expect(byTime[firstUndated...].allSatisfy { ItemOrder.usableTime(of: $0) == nil })
        #expect(ItemOrder.added.sorted(items).map(\.id) == items.map(\.id).sorted())
        let kinds = ItemOrder.kind.sorted(items).map(\.kind)
        #expect(kinds == kinds.sorted { EvidenceKind.allCases.firstIndex(of: $0)! < EvidenceKind.allCases.firstIndex(of: $1)! })

        let list = try TestSupport.evidence(["list"], in: evidenceCase.folder)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { Int64($0[0]) } == byTime.map(\.id))
        #expect(list.stdout.contains("\tThu 5 Mar 2026 19:03:27 (UTC+01:00)\tthe e-mail's Date header (Date)\t"))
        let added = try TestSupport.evidence(["list", "--sort", "added"], in: evidenceCase.folder)
        #expect(added.stdout.split(separator: "\n").dropFirst(2).map { Int64($0.split(separator: "\t")[0]) }
                == items.map(\.id).sorted())
        let wrong = try TestSupport.evidence(["list", "--sort", "size"], in: evidenceCase.folder)
        #expect(wrong.status == 2)
    }
}
