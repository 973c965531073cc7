import Foundation
import Testing

/// `add`, `seal` and `verify` of one 5 GiB file each stay under 100 MB of peak memory, whatever the file's size
/// (issue 12). The file is sparse, so the test costs no disk: the case's copy and the bundle keep its zeros as holes,
/// yet every one of its bytes is still read, hashed, copied and checked. Not timed (`scripts/bench.sh --huge`
/// measures the same in a release build).
@Suite struct LargeFileMemoryTests {
    static let fileSize: Int64 = 5 << 30
    static let peakLimit = 100_000_000

    @Test func aFiveGiBFileIsAddedSealedAndVerifiedInUnder100MB() throws {
        guard TestSupport.requireTool("python3") else { return }
        let directory = try TestSupport.temporaryDirectory("five-gib")
        defer { try? FileManager.default.removeItem(at: directory) }
        let video = directory.appendingPathComponent("screen-recording.mp4")
        #expect(FileManager.default.createFile(atPath: video.path, contents: nil))
        let handle = try FileHandle(forWritingTo: video)
        try handle.truncate(atOffset: UInt64(Self.fileSize))
        try handle.close()
        let created = try TestSupport.evidence(["init", "c", "--title", "Large", "--timezone", "UTC"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")

        for command in [["add", "--case", "c", video.path],
                        ["seal", "--case", "c", "--out", "b.zip", "--sealed-at", "2026-03-10T09:00:00Z"],
                        ["verify", "b.zip"]] {
            let run = try TestSupport.evidencePeakMemory(command, in: directory)
            #expect(run.status == 0, "\(command[0]): \(run.stderr)")
            #expect(run.peak < Self.peakLimit, "\(command[0]) peaked at \(run.peak / 1_000_000) MB")
        }
        let bundle = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("b.zip").path)
        #expect((bundle[.size] as? Int64 ?? 0) > Self.fileSize)
    }
}
