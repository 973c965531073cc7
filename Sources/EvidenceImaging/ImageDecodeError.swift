public import EvidenceModel

/// Why an image was not decoded (and so not hashed); the message names the decoder's own reason.
public struct ImageDecodeError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it was.
    public struct Code: StableCode {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The header claims more pixels than ``ImageLimits/maxPixels``, or the file is larger than
        /// ``ImageLimits/maxEncodedBytes``; nothing was allocated for its pixels.
        public static let tooLarge = Code(rawValue: "image-too-large")
        /// The decoder refused the bytes.
        public static let damaged = Code(rawValue: "image-damaged")
        /// A format, or a variant of one (animated WebP, GIF), that is not decoded.
        public static let unsupported = Code(rawValue: "image-unsupported")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
