import Foundation
import Testing

/// What `evidence chat parse` prints for every chat and e-mail fixture, in both forms, byte for byte: the parsers
/// and writers are tuned for speed, and a faster path must not change one byte of a transcript, a JSON line, a
/// warning, an error or an exit status. The recorded outputs are `Fixtures/Chats/Expected/chat-parse-outputs.txt`,
/// written by `make-expected.sh` beside it.
@Suite("chat parse outputs stay byte-identical")
struct ChatOutputSnapshotTests {
    @Test func everyFixturePrintsWhatWasRecorded() throws {
        let fixtures = TestSupport.fixture("")
        let expected = try String(contentsOf: TestSupport.fixture("Chats/Expected/chat-parse-outputs.txt"), encoding: .utf8)
        let expectedSections = Self.sections(expected)
        #expect(expectedSections.count >= 90, "the recording covers every fixture in both forms")

        var actual = ""
        for header in expectedSections.map(\.header) {
            // `=== FORM PATH (exit N)`: the form and path are run again; the status is compared with the rest.
            let words = header.dropFirst(4)
            let space = try #require(words.firstIndex(of: " "))
            let form = words[..<space]
            let rest = words[words.index(after: space)...]
            let path = String(rest[..<(try #require(rest.range(of: " (exit ", options: .backwards))).lowerBound])
            var arguments = ["chat", "parse", "--timezone", "Europe/Brussels"]
            if form == "json" { arguments.append("--json") }
            let result = try TestSupport.evidence(arguments + [path], in: fixtures)
            actual += "=== \(form) \(path) (exit \(result.status))\n\(result.stdout)--- stderr\n\(result.stderr)"
        }
        let actualSections = Self.sections(actual)
        #expect(actualSections.count == expectedSections.count)
        for (want, got) in zip(expectedSections, actualSections) {
            #expect(got.header == want.header)
            #expect(got.body == want.body, "\(want.header): the output changed")
        }
    }

    /// Splits a recording at its `=== ` lines into (header line, everything up to the next header).
    static func sections(_ text: String) -> [(header: String, body: String)] {
        var result: [(header: String, body: String)] = []
        for chunk in ("\n" + text).components(separatedBy: "\n=== ").dropFirst() {
            let newline = chunk.firstIndex(of: "\n") ?? chunk.endIndex
            result.append(("=== " + chunk[..<newline], String(chunk[newline...])))
        }
        return result
    }
}
