public import Foundation

/// What a verified RFC 3161 token attests: that the authority saw the imprint at `attestedAt`.
public struct TimeStampAttestation: Sendable, Equatable {
    /// The token's `genTime`, to the second (fractions, when the authority gives any, are in `generalizedTime`).
    public var attestedAt: Date
    /// The `genTime` exactly as the token encodes it, for example `20261129101500Z`.
    public var generalizedTime: String
    /// The subject of the certificate that signed the token (RFC 2253 form, for example `CN=Test TSA,O=Example`).
    public var authority: String
    /// The token's serial number, in hexadecimal.
    public var serialNumber: String
    /// True when the signer's certificate was checked against trusted certificates; false when it was only
    /// checked to have signed the token (the token was then verified with its own certificate as the anchor).
    public var chainChecked: Bool
}
