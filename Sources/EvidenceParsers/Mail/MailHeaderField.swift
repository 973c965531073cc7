import EvidenceModel
import Foundation

/// Why an e-mail could not be read, and where (the same error type as chat-export parsing).
public typealias MailParseError = ExportParseError

/// One header field as written: its name, its raw value (unfolded, still encoded) and where it starts.
public struct MailHeaderField: Hashable, Sendable {
    /// The field name as written (`Received`, `DKIM-Signature`).
    public var name: String
    /// The value with folding removed (CRLF + whitespace → the whitespace), RFC 2047 words not yet decoded.
    public var rawValue: String
    /// 1-based line where the field starts.
    public var line: Int
}
