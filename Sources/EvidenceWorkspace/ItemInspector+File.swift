import EvidenceModel
import EvidenceParsers
import EvidenceSystem
import Foundation

extension ItemInspector {
    /// Reads only the bytes it needs (header, metadata boxes and segments; never the whole of a large video)
    /// from the file at `url`.
    ///
    /// For example:
    /// ```swift
    /// let inspection = try ItemInspector.inspect(fileAt: url, originalName: "Screenshot_20231225-140322.png",
    ///                                            context: InspectionContext(timeZone: zone))
    /// ```
    /// - Parameters:
    ///   - url: The file to read (may be a stored copy with another name).
    ///   - originalName: The file's name as the user had it; file-name patterns use it.
    ///   - context: The assumed zone and the times known from outside the file.
    /// - Returns: The inspection. Malformed content gives warnings, never a throw.
    /// - Throws: ``IOError`` naming the file when it cannot be opened or read.
    public static func inspect(fileAt url: URL, originalName: String, context: InspectionContext) throws
        -> ItemInspection
    {
        let source = try FileByteSource(path: url.path)
        return try inspect(source: source, originalName: originalName, context: context)
    }
}
