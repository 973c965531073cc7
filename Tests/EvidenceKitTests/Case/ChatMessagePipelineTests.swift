import Foundation
import Synchronization
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// `chat parse` and `add` hand messages from the parsing thread to a formatting one: every message arrives once,
/// in order, and an error on either side ends both as if one thread had done everything.
@Suite struct ChatMessagePipelineTests {
    private struct Stop: Error {}

    private func message(_ index: Int) -> ChatMessage {
        ChatMessage(index: index, timestamp: nil, author: "A", text: "message \(index)", kind: .message,
                    source: SourceRange(byteStart: index, byteEnd: index + 1, lineStart: index + 1, lineEnd: index + 1))
    }

    /// What the formatting side saw, and how it was told parsing ended.
    private final class Seen: Sendable {
        let indices = Mutex<[Int]>([])
        let ending = Mutex<Bool?>(nil)
        let parsed = Mutex(0)
    }

    @Test(arguments: [0, 1, ChatMessagePipeline.batchSize, ChatMessagePipeline.batchSize * 20 + 7])
    func everyMessageArrivesOnceInOrder(count: Int) throws {
        let seen = Seen()
        let result = try ChatMessagePipeline.run(parse: { onMessage in
            for index in 0..<count { try onMessage(message(index)) }
            return "parsed"
        }, format: { m in seen.indices.withLock { $0.append(m.index) } },
           finish: { succeeded in seen.ending.withLock { $0 = succeeded } })
        #expect(result == "parsed")
        #expect(seen.indices.withLock { $0 } == Array(0..<count))
        #expect(seen.ending.withLock { $0 } == true)
    }

    @Test func aParseErrorIsThrownAndFinishIsToldParsingFailed() {
        let seen = Seen()
        #expect(throws: Stop.self) {
            try ChatMessagePipeline.run(parse: { onMessage in
                for index in 0..<10_000 { try onMessage(message(index)) }
                throw Stop()
            }, format: { m in seen.indices.withLock { $0.append(m.index) } },
               finish: { succeeded in seen.ending.withLock { $0 = succeeded } })
        }
        // The full batches before the error arrive in order (a partial last batch need not: what is formatted of
        // a failed parse is never the output).
        let indices = seen.indices.withLock { $0 }
        #expect(indices == Array(0..<indices.count))
        #expect(indices.count == 10_000 / ChatMessagePipeline.batchSize * ChatMessagePipeline.batchSize)
        #expect(seen.ending.withLock { $0 } == false)
    }

    @Test func aFormattingErrorStopsTheParser() {
        let seen = Seen()
        #expect(throws: Stop.self) {
            try ChatMessagePipeline.run(parse: { onMessage in
                for index in 0..<1_000_000 {
                    try onMessage(message(index))
                    seen.parsed.withLock { $0 += 1 }
                }
            }, format: { m in if m.index == 5 { throw Stop() } }, finish: { _ in })
        }
        // The parser stops at its next batch once the queue is full or the error is seen, far before the end.
        #expect(seen.parsed.withLock { $0 } < ChatMessagePipeline.batchSize * (ChatMessagePipeline.depth + 2))
    }
}
