/// Reads a file's bytes as they are hashed, so that a tag file that is checked as well as hashed (the summary, the
/// custody journal) is read once, in memory that does not grow with it.
///
/// Each inspection is fed by one thread at a time, in order, and its result is read only once hashing has ended
/// (and only when the file was read whole): that is what makes passing it to a worker thread sound.
protocol ContentInspection: AnyObject, Sendable {
    func inspect(_ chunk: [UInt8])
}

/// Looks for the signer's fingerprint in `summary.html` as it is hashed (``FingerprintScan``).
final class SummaryFingerprintCheck: ContentInspection, @unchecked Sendable {
    private var scan: FingerprintScan

    /// - Parameter hex: the fingerprint as 64 hexadecimal digits.
    init(looking hex: String) { scan = FingerprintScan(looking: hex) }

    func inspect(_ chunk: [UInt8]) { scan.feed(chunk) }

    var found: Bool { scan.found }
}
