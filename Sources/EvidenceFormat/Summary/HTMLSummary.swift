import EvidenceModel

/// The summary people read first, often printed (`summary.html` in the bag, and a copy beside the bundle): the
/// cover, a timeline, the conversations and e-mails as text, the images, the item table, how to verify the bundle
/// without EvidenceKit and where to get help, in French, Dutch, German or English.
///
/// A pure function of the signed manifest and the bag's own files (read through ``SummaryBagFiles``): the same
/// inputs give the same bytes on any system, whatever its locale data. The summary's own hash is one of the
/// manifest's `files`, so it is rendered from a manifest complete but for `files`, which it does not read.
///
/// One self-contained file: inline CSS, no scripts, no fonts, nothing fetched but the bag's own image files by
/// relative path. Sensitive items are never shown: no image, no path, only a neutral placeholder.
///
/// For example:
/// ```swift
/// let html = HTMLSummary(manifest: manifest, language: .french, payload: files).render()
/// ```
public struct HTMLSummary: Sendable {
    /// Where this copy of the summary is read.
    public enum Placement: Sendable, Equatable {
        /// `summary.html` inside the bag, signed with it: images load from the bag's files.
        case insideBundle
        /// The copy written beside the zip, after sealing: it can show the times trusted time-stamping authorities
        /// attested, which do not exist yet when the bag's copy is signed; its images do not load.
        case besideBundle(attestedTimes: [AttestedTime])
    }

    /// A time a trusted time-stamping authority (RFC 3161) attested for the signed manifest.
    public struct AttestedTime: Sendable, Equatable {
        /// Who attested it, as its certificate names it.
        public var authority: String
        /// The time in the token.
        public var time: Instant

        /// An attested time from its parts.
        public init(authority: String, time: Instant) {
            self.authority = authority
            self.time = time
        }
    }

    /// The manifest shown; its `files` are not read.
    public var manifest: EvidenceManifest
    /// The language of every label, date and number.
    public var language: SummaryLanguage
    /// The bag's own files.
    public var payload: SummaryBagFiles
    /// Where to get help; `nil` for the Belgian defaults in ``language``.
    public var helpLines: [HelpLine]?
    /// Inside the bag, or the copy beside the zip.
    public var placement: Placement

    /// A summary of `manifest` (whose `files` are not read) and the bag's files.
    public init(manifest: EvidenceManifest, language: SummaryLanguage, payload: SummaryBagFiles,
                helpLines: [HelpLine]? = nil, placement: Placement = .insideBundle) {
        self.manifest = manifest
        self.language = language
        self.payload = payload
        self.helpLines = helpLines
        self.placement = placement
    }

    /// The whole HTML document, UTF-8 text ending with a newline.
    public func render() -> String {
        String(decoding: SummaryRenderer(self).document().bytes, as: UTF8.self)
    }

    /// A rendered document as UTF-8 bytes, and where its cover is: the one part that depends on the placement.
    package struct Rendered: Sendable {
        package var bytes: [UInt8]
        /// Where the cover is in `bytes`.
        package var cover: Range<Int>
        /// The sections the cover's contents list (their text is not kept).
        var contents: [SummaryRenderer.Section]
    }

    /// The whole HTML document as UTF-8 bytes, with where its cover is (for ``rendering(_:)``).
    package func renderedBytes() -> Rendered {
        SummaryRenderer(self).document()
    }

    /// The bytes of `rendered` (this summary's manifest and files, rendered for another placement) with this
    /// summary's cover in place of its own: the same bytes as ``render()``, without rendering every section again
    /// (for a large case, seconds and tens of MB; the conversations' files are not read again).
    package func rendering(_ rendered: Rendered) -> [UInt8] {
        let cover = SummaryRenderer(self, readingThreads: false).cover(contents: rendered.contents)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rendered.bytes.count - rendered.cover.count + cover.utf8.count)
        bytes += rendered.bytes[..<rendered.cover.lowerBound]
        bytes += cover.utf8
        bytes += rendered.bytes[rendered.cover.upperBound...]
        return bytes
    }
}
