import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// `evidence list` reads the case item by item and keeps one short row per item; its table must be exactly the
/// one built from every item at once (`ItemOrder.sorted` of `items()`), in every order.
@Suite struct ListTableTests {
    @Test(arguments: ItemOrder.allCases)
    func theStreamedTableIsTheTableOfAllItems(order: ItemOrder) throws {
        let directory = try TestSupport.temporaryDirectory("list-table")
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        // Times from the names (some equal, some earlier than others added before), from the file system only, and text.
        let names = ["Screenshot_20230105-101500.png", "IMG_0001.bin", "Screenshot_20230101-090000.png",
                     "notes.txt", "Screenshot_20230105-101500_Signal.png", "VID_20221231_235959.mp4", "IMG_0002.bin"]
        for (number, name) in names.enumerated() {
            let bytes = name.hasSuffix(".txt") ? Array("a note \(number)\n".utf8) : (0..<512).map { UInt8(($0 * 7 + number * 13) % 251) }
            try Data(bytes).write(to: originals.appendingPathComponent(name))
        }
        let caseFolder = directory.appendingPathComponent("case")
        let evidenceCase = try EvidenceCase.create(at: caseFolder, title: "List table", timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([originals])
        let sensitive = directory.appendingPathComponent("Screenshot_20230102-080000.png")
        try Data((0..<300).map { UInt8($0 % 5) }).write(to: sensitive)
        _ = try evidenceCase.add([sensitive], options: AddOptions(sensitive: true))

        let items = order.sorted(try evidenceCase.items())
        var expected = ["Case “List table” (Europe/Brussels): \(items.count) items",
                        ["#", "kind", "time", "time from", "sha256", "size", "name"].joined(separator: "\t")]
        for item in items {
            let time = ItemOrder.usableTime(of: item)
            let warnings = item.warnings.count == 1 ? "1 warning" : "\(item.warnings.count) warnings"
            let flags = (item.sensitive ? " [sensitive]" : "") + (item.warnings.isEmpty ? "" : " [\(warnings)]")
            expected.append([String(item.id), item.kind.rawValue, time?.spoken ?? "no date found",
                             time?.sourceInWords ?? "-", String(item.sha256.prefix(16)) + "…", String(item.size),
                             item.originalName + flags].joined(separator: "\t"))
        }
        #expect(items.count == names.count + 1)
        // Times from the names and from the file system alike, so the orders differ.
        #expect(Set(items.compactMap { ItemOrder.usableTime(of: $0)?.source }).count > 1)
        let listed = try TestSupport.evidence(["list", "--case", caseFolder.path, "--sort", order.rawValue])
        #expect(listed.status == 0)
        #expect(listed.stdout == expected.joined(separator: "\n") + "\n")
    }
}
