import EvidenceModel
import EvidenceFormat
import EvidenceCrypto
import Foundation

extension BundleCheck {
    /// How far a stated sealing time may be from a trusted time-stamp before it is doubted: a token is asked for
    /// right after signing, and clocks differ by seconds, not minutes.
    static let sealingTimeTolerance: Int64 = 5 * 60

    /// Every `evidence/*.tsr` tag file must be a token over the exact bytes of the signed manifest, signed by a
    /// time-stamping certificate (chaining to the trusted authorities, when given): one that is not is a
    /// `bad-timestamp` finding, never skipped.
    mutating func validateTimeStamps(_ manifestBytes: [UInt8]?) {
        let tokenPaths = source.files.map(\.path).filter(BundleTimeStamps.isTokenPath).sorted()
        if report.signatureValid, let manifestBytes {
            report.manifestSHA256 = SHA256.hash(manifestBytes).hex
        }
        guard !tokenPaths.isEmpty else { return }
        guard let manifestBytes else {
            for path in tokenPaths {
                find(.badTimestamp, path, "cannot be checked: the bundle has no readable evidence/manifest.json")
            }
            return
        }
        let imprint = SHA256.hash(manifestBytes)
        for path in tokenPaths {
            guard let bytes = readTimeStampToken(path) else { continue }
            do {
                let attestation = try TimeStampResponse(derRepresentation: bytes)
                    .verify(imprint: imprint, trusting: trustedTimeStampAuthorities)
                report.timeStamps.append(VerifiedTimeStamp(
                    path: path, attestedAt: RFC3339.format(Instant(attestation.attestedAt), offsetSeconds: 0),
                    authority: attestation.authority, serialNumber: attestation.serialNumber,
                    authorityTrusted: attestation.chainChecked))
            } catch let error as CryptoError {
                find(.badTimestamp, path, Self.describe(error))
            } catch {
                find(.badTimestamp, path, "could not be checked (\(error))")
            }
        }
    }

    /// A sealing time earlier than an acquisition, or minutes away from a trusted time-stamp, is reported: the
    /// sealing time is whatever the sealing computer's clock or `--sealed-at` said.
    mutating func validateSealingTime(_ manifest: ManifestListing?) {
        guard let manifest, let sealedAt = RFC3339.parse(manifest.sealedAt)?.instant else { return }
        // The sealing time is written to the second, an acquisition to the nanosecond: compare whole seconds.
        if let latest = manifest.latestAcquisition, sealedAt.unixSeconds < latest.unixSeconds {
            report.warnings.append(VerificationWarning(
                .sealedBeforeAcquisition,
                "the stated sealing time \(manifest.sealedAt) is earlier than the acquisition of an item "
                    + "(\(RFC3339.format(latest, offsetSeconds: 0))): the sealing time is not what the clock said"))
        }
        for timeStamp in report.timeStamps {
            guard let attested = RFC3339.parse(timeStamp.attestedAt)?.instant else { continue }
            let gap = sealedAt.unixSeconds - attested.unixSeconds
            guard abs(gap) > Self.sealingTimeTolerance else { continue }
            let distance = Self.duration(abs(gap))
            let message = gap > 0
                ? "the stated sealing time \(manifest.sealedAt) is \(distance) after \(timeStamp.authority) attests "
                    + "the manifest existed (\(timeStamp.attestedAt)): the sealing time is not what the clock said"
                : "the stated sealing time \(manifest.sealedAt) is \(distance) before \(timeStamp.authority) time-stamped "
                    + "the manifest (\(timeStamp.attestedAt)): the time-stamp proves existence from then on only"
            report.warnings.append(VerificationWarning(.sealingTimeFarFromTimeStamp, message))
        }
    }

    /// A token read whole, within its cap; `nil` (already reported) when it cannot be read.
    private mutating func readTimeStampToken(_ path: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        do {
            try source.stream(path, limit: limits.timeStampToken) { bytes.append(contentsOf: $0) }
        } catch is EntryTooLarge {
            find(.badTimestamp, path, "larger than \(limits.timeStampToken) bytes, not a time-stamp token")
            unreadableTags.insert(path)
            return nil
        } catch {
            reportReadFailure(error, path: path)
            unreadableTags.insert(path)
            return nil
        }
        tagBytes[path] = bytes
        return bytes
    }

    private static func describe(_ error: CryptoError) -> String {
        switch error.code {
        case .timeStampMalformed: "not a time-stamp token: \(error.reason)"
        case .timeStampMismatch: "does not time-stamp this bundle's manifest: \(error.reason)"
        case .timeStampRefused: "holds no token: \(error.reason)"
        default: "does not verify: \(error.reason)"
        }
    }

    /// `2 days 3 h`, `45 min`: enough to judge a gap by.
    static func duration(_ seconds: Int64) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        if days > 0 { return "\(days) day\(days == 1 ? "" : "s")" + (hours > 0 ? " \(hours) h" : "") }
        if hours > 0 { return "\(hours) h" + (minutes > 0 ? " \(minutes) min" : "") }
        return "\(minutes) min"
    }
}
