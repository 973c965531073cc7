import EvidenceModel
import Foundation

/// A file carried by an e-mail, decoded from its transfer encoding.
public struct MailAttachment: Hashable, Sendable {
    /// The file name the sender gave (RFC 2231 and RFC 2047 forms decoded), or a generated `part-N` name.
    public var fileName: String
    /// The declared media type, lower-cased (`image/jpeg`).
    public var mediaType: String
    /// The decoded content.
    public var bytes: [UInt8]
    /// `attachment` or `inline`, as declared (`nil` when the part has no Content-Disposition).
    public var disposition: String?
    /// The `Content-ID` (`<logo1>`) an HTML body refers to with `cid:`.
    public var contentID: String?
}
