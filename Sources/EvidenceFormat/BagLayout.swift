import EvidenceModel
import EvidenceCrypto
/// The fixed names inside an EvidenceKit bag (BagIt 1.0, RFC 8493).
public enum BagLayout {
    public static let bagitFile = "bagit.txt"
    public static let bagInfoFile = "bag-info.txt"
    public static let payloadManifest = "manifest-sha256.txt"
    public static let tagManifest = "tagmanifest-sha256.txt"
    public static let summary = "summary.html"
    public static let manifest = "evidence/manifest.json"
    public static let signature = "evidence/manifest.json.sig"
    public static let publicKey = "evidence/signer.pub.pem"
    public static let custody = "evidence/custody.jsonl"
    /// The JSON Schema of `evidence/manifest.json` (format 2 on), so an analyst can import it without our repository.
    public static let manifestSchema = "evidence/schema/manifest.schema.json"
    /// The JSON Schema of one line of a derived `*.messages.jsonl` file (format 2 on).
    public static let messagesSchema = "evidence/schema/messages.schema.json"

    /// `bagit.txt`, exactly as RFC 8493 section 2.1.1 shows it.
    public static let bagitDeclaration = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
}
