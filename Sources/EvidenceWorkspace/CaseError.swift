import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import Foundation

/// A problem with a case folder or an action on it, said so that the person can act on it.
public struct CaseError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notACase, alreadyExists, invalidTimeZone, invalidOption, corrupted, keyProblem, tooLarge, notFound
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
