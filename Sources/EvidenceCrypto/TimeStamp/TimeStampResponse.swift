internal import COpenSSL
import Glibc
import Foundation

/// A DER RFC 3161 `TimeStampResp`, as an authority answers an `application/timestamp-query` and as a bundle keeps
/// it in a `.tsr` tag file (the form `openssl ts -verify -in FILE -data manifest.json` reads).
///
/// Nothing is trusted until ``verify(imprint:nonce:trusting:)`` has checked it.
///
/// For example:
///
/// ```swift
/// let token = TimeStampResponse(derRepresentation: reply)
/// let attestation = try token.verify(imprint: SHA256.hash(manifestBytes), nonce: request.nonce, trusting: anchors)
/// print(attestation.attestedAt, attestation.authority)
/// ```
public struct TimeStampResponse: Sendable, Equatable {
    /// Larger replies are refused unread: a token with its certificate chain is a few kilobytes.
    public static let maximumByteCount = 256 << 10

    /// The reply's bytes, unchanged.
    public let derRepresentation: [UInt8]

    /// Wraps a reply's bytes without reading them.
    public init(derRepresentation: [UInt8]) {
        self.derRepresentation = derRepresentation
    }

    /// Checks the reply as RFC 3161 section 2.4.2 asks and returns what it attests.
    ///
    /// Checked: the status is granted; the bytes are exactly one `TimeStampResp` holding a token; the token's
    /// message imprint is `imprint` (SHA-256); its nonce is `nonce` when given; its CMS signature verifies with
    /// the signer's certificate, which must carry a critical `timeStamping` extended key usage and match the
    /// token's ESS certificate identifier; and that certificate chains to `anchors` when given. Without anchors
    /// the token's own signer certificate is the only anchor: the signature is checked, the authority is not.
    ///
    /// - Parameters:
    ///   - imprint: The SHA-256 of the bytes the token must attest.
    ///   - nonce: The request's nonce, when this reply answers a request made now.
    ///   - anchors: The certificates the authority must chain to.
    /// - Returns: The attested time and the authority's name.
    /// - Throws: `CryptoError` with code `.timeStampMalformed`, `.timeStampRefused`, `.timeStampMismatch` or
    ///   `.timeStampUnverified`, and a reason a person understands.
    public func verify(imprint: SHA256Digest, nonce: [UInt8]? = nil, trusting anchors: TimeStampTrustAnchors? = nil)
        throws -> TimeStampAttestation
    {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard derRepresentation.count <= Self.maximumByteCount else {
            throw CryptoError(code: .timeStampMalformed, reason: "larger than \(Self.maximumByteCount) bytes, not a time-stamp reply")
        }
        let response = try decodeResponse()
        defer { TS_RESP_free(response) }
        try checkStatus(response)
        guard let token = TS_RESP_get_token(response), let info = TS_RESP_get_tst_info(response) else {
            throw CryptoError(code: .timeStampMalformed, reason: "the reply holds no time-stamp token")
        }
        try checkImprint(info, imprint: imprint)
        let signer = try signerCertificate(token)
        defer { X509_free(signer) }
        let authority = try Self.subjectName(of: signer)

        let request = TimeStampRequest(imprint: imprint, nonce: nonce ?? [1])
        try request.withRequest(includingNonce: nonce != nil) { request in
            guard let context = TS_REQ_to_TS_VERIFY_CTX(request, nil) else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not make a verification context.")
            }
            defer { TS_VERIFY_CTX_free(context) }
            TS_VERIFY_CTX_add_flags(context, Int32(TS_VFY_SIGNATURE))
            let store: OpaquePointer
            if let anchors {
                store = try anchors.makeStore()
            } else {
                guard let ownStore = X509_STORE_new() else {
                    throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not allocate a certificate store.")
                }
                // The token's own certificate as the anchor: the signature, the certificate's time-stamping use
                // and its ESS identifier are still checked; who the authority is, is not.
                X509_STORE_add_cert(ownStore, signer)
                X509_STORE_set_flags(ownStore, UInt(X509_V_FLAG_PARTIAL_CHAIN))
                store = ownStore
            }
            // The context owns the store from here and frees it.
            TS_VERIFY_CTX_set_store(context, store)
            guard TS_RESP_verify_response(context, response) == 1 else {
                let errors = OpenSSLErrorQueue.drain()
                let nonceFailed = errors.contains { $0.contains("nonce") }
                throw CryptoError(
                    code: nonceFailed ? .timeStampMismatch : .timeStampUnverified,
                    reason: nonceFailed ? "the reply answers another request (nonce mismatch)"
                        : Self.unverifiedReason(errors, anchored: anchors != nil, authority: authority),
                    openSSLErrors: errors)
            }
        }
        return TimeStampAttestation(
            attestedAt: try Self.date(TS_TST_INFO_get_time(info)), generalizedTime: Self.text(TS_TST_INFO_get_time(info)),
            authority: authority, serialNumber: Self.hex(TS_TST_INFO_get_serial(info)), chainChecked: anchors != nil)
    }

    /// Exactly one DER `TimeStampResp`: trailing bytes would be read differently by another tool.
    private func decodeResponse() throws -> OpaquePointer {
        var consumed = 0
        let response = derRepresentation.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let start = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            let decoded = d2i_TS_RESP(nil, &cursor, buffer.count)
            consumed = cursor.map { $0 - start } ?? 0
            return decoded
        }
        guard let response else {
            throw CryptoError.drainingOpenSSL(.timeStampMalformed, "not a DER time-stamp reply (TimeStampResp)")
        }
        guard consumed == derRepresentation.count else {
            TS_RESP_free(response)
            throw CryptoError(code: .timeStampMalformed,
                              reason: "\(derRepresentation.count - consumed) bytes follow the time-stamp reply")
        }
        return response
    }

    private func checkStatus(_ response: OpaquePointer) throws {
        guard let info = TS_RESP_get_status_info(response), let status = TS_STATUS_INFO_get0_status(info) else {
            throw CryptoError(code: .timeStampMalformed, reason: "the reply has no status")
        }
        let value = ASN1_INTEGER_get(status)
        // 0 granted, 1 grantedWithMods; 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification.
        guard value == 0 || value == 1 else {
            let names = [2: "rejection", 3: "waiting", 4: "revocation warning", 5: "revocation notification"]
            throw CryptoError(code: .timeStampRefused,
                              reason: "the authority did not grant a time-stamp (status \(names[value] ?? String(value)))")
        }
    }

    /// Compared here too (OpenSSL checks it again) so that a token over other bytes says so in plain words.
    private func checkImprint(_ info: OpaquePointer, imprint: SHA256Digest) throws {
        guard let messageImprint = TS_TST_INFO_get_msg_imprint(info),
              let algorithm = TS_MSG_IMPRINT_get_algo(messageImprint),
              let digest = TS_MSG_IMPRINT_get_msg(messageImprint)
        else {
            throw CryptoError(code: .timeStampMalformed, reason: "the token has no message imprint")
        }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard let object, OBJ_obj2nid(object) == NID_sha256 else {
            throw CryptoError(code: .timeStampMismatch, reason: "the token attests a digest other than SHA-256")
        }
        let length = Int(ASN1_STRING_length(digest))
        let bytes = ASN1_STRING_get0_data(digest).map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        guard ConstantTime.equals(bytes, imprint.bytes) else {
            throw CryptoError(code: .timeStampMismatch, reason: "the token attests other bytes (SHA-256 "
                              + "\(Hex.encode(bytes))), not these (\(imprint.hex))")
        }
    }

    /// The one certificate the token names as its signer, with a reference the caller frees.
    private func signerCertificate(_ token: UnsafeMutablePointer<PKCS7>) throws -> OpaquePointer {
        guard let signers = PKCS7_get0_signers(token, nil, 0) else {
            throw CryptoError.drainingOpenSSL(.timeStampUnverified, "the token does not carry its signer's certificate")
        }
        defer { evidencekit_sk_X509_free(signers) }
        guard evidencekit_sk_X509_num(signers) == 1, let certificate = evidencekit_sk_X509_value(signers, 0),
              X509_up_ref(certificate) == 1
        else {
            throw CryptoError(code: .timeStampUnverified, reason: "the token does not name exactly one signer")
        }
        return certificate
    }

    private static func unverifiedReason(_ errors: [String], anchored: Bool, authority: String) -> String {
        let detail = errors.joined(separator: " ").lowercased()
        if detail.contains("local issuer") || detail.contains("self-signed") || detail.contains("self signed") {
            return "signed by \(authority), which does not chain to the trusted certificates"
        }
        if detail.contains("purpose") || detail.contains("extended key usage") {
            return "signed by \(authority), whose certificate is not for time-stamping (critical timeStamping "
                + "extended key usage missing)"
        }
        if detail.contains("expired") || detail.contains("not yet valid") {
            return "signed by \(authority), whose certificate is not valid now"
        }
        if detail.contains("signature") {
            return "the token's signature by \(authority) does not verify"
        }
        return "the token by \(authority) does not verify" + (anchored ? "" : " even with its own certificate")
    }

    static func subjectName(of certificate: OpaquePointer) throws -> String {
        try OpenSSL.withMemoryBIO { bio in
            guard X509_NAME_print_ex(bio, X509_get_subject_name(certificate), 0, evidencekit_xn_flag_rfc2253()) >= 0 else {
                throw CryptoError.drainingOpenSSL(.openSSL, "OpenSSL could not print the signer's name.")
            }
            return String(decoding: try OpenSSL.contents(of: bio), as: UTF8.self)
        }
    }

    private static func text(_ string: UnsafePointer<ASN1_STRING>?) -> String {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))), as: UTF8.self)
    }

    private static func date(_ time: UnsafePointer<ASN1_STRING>?) throws -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else {
            throw CryptoError(code: .timeStampMalformed, reason: "the token's time is not a valid GeneralizedTime")
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func hex(_ integer: UnsafePointer<ASN1_STRING>?) -> String {
        guard let integer, let number = ASN1_INTEGER_to_BN(integer, nil) else { return "" }
        defer { BN_free(number) }
        guard let text = BN_bn2hex(number) else { return "" }
        defer { evidencekit_openssl_free(text) }
        return String(cString: text).lowercased()
    }
}
