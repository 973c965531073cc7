/// The version of EvidenceKit written into every manifest and shown by `evidence --version`.
public enum EvidenceKitVersion {
    public static let current = "0.1.0"
}
