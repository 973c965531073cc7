import EvidenceModel
/// Decides whether an item is a screenshot, photo, video … from its media type, its metadata and its name,
/// and says why in words.
package enum KindDetection {
    /// Pixel sizes of common phone, tablet and desktop screens (either orientation).
    static let screenSizes: Set<[Int]> = {
        let sizes = [
            [750, 1334], [828, 1792], [1080, 1920], [1125, 2436], [1170, 2532], [1179, 2556], [1242, 2208],
            [1242, 2688], [1284, 2778], [1290, 2796], [1206, 2622], [1320, 2868], [640, 1136],
            [720, 1280], [720, 1600], [1080, 2340], [1080, 2400], [1080, 2412], [1440, 3040], [1440, 3088],
            [1440, 3200], [1080, 2280], [1536, 2048], [1620, 2160], [1668, 2388], [2048, 2732],
            [1366, 768], [1440, 900], [1536, 864], [1600, 900], [1680, 1050], [1920, 1080], [1920, 1200],
            [2560, 1440], [2560, 1600], [2880, 1800], [3024, 1964], [3456, 2234], [3840, 2160], [1280, 800],
        ]
        return Set(sizes.flatMap { [$0, [$0[1], $0[0]]] })
    }()

    /// The kind and the reason for it.
    ///
    /// - Parameters:
    ///   - mediaType: The type detected from the bytes.
    ///   - metadata: What the format parser found (may be empty).
    ///   - nameMatch: The file-name pattern the original name matched, if any.
    public static func detect(mediaType: String, metadata: MediaMetadata, nameMatch: FileNamePatterns.Match?)
        -> (kind: EvidenceKind, reason: String)
    {
        if mediaType.hasPrefix("video/") {
            if let nameMatch, nameMatch.pattern.kind == .video {
                return (.video, "\(mediaType) file; name matches the \(nameMatch.pattern.name) pattern")
            }
            return (.video, "\(mediaType) file")
        }
        if mediaType.hasPrefix("audio/") {
            return (.audio, "\(mediaType) audio (\(audioName(mediaType))): a voice note or recording")
        }
        if mediaType.hasPrefix("image/") {
            if let comment = metadata.userComment, comment.lowercased().contains("screenshot") {
                return (.screenshot, "UserComment says \"\(comment.prefix(40))\"")
            }
            if let nameMatch, nameMatch.pattern.kind == .screenshot {
                return (.screenshot, "file name matches the \(nameMatch.pattern.name) pattern")
            }
            let camera = [metadata.make, metadata.model].compactMap { $0 }.joined(separator: " ")
            if !camera.isEmpty {
                return (.photo, "camera make/model in EXIF: \(camera)")
            }
            if let nameMatch, nameMatch.pattern.kind == .photo {
                return (.photo, "file name matches the \(nameMatch.pattern.name) pattern")
            }
            if let width = metadata.width, let height = metadata.height, screenSizes.contains([width, height]) {
                return (.screenshot, "no camera make/model and \(width)×\(height) is a common screen size")
            }
            if mediaType == "image/png" {
                return (.screenshot, "PNG image without camera make/model: cameras do not write PNG")
            }
            return (.photo, "image with no camera or screenshot clue")
        }
        switch mediaType {
        case "application/pdf":
            return (.document, "PDF document")
        case "text/plain":
            return (.document, "plain text (chat exports are recognised when added to a case)")
        case "message/rfc822", "application/mbox":
            return (.email, "e-mail message (\(mediaType))")
        case "application/zip":
            return (.other, "ZIP archive (chat exports are recognised when added to a case)")
        default:
            return (.other, "unrecognised content (\(mediaType))")
        }
    }

    /// The format behind an audio media type, in the words people use for it.
    private static func audioName(_ mediaType: String) -> String {
        switch mediaType {
        case "audio/ogg": "Ogg Opus or Vorbis, e.g. a WhatsApp .opus"
        case "audio/mp4": "MP4 audio, e.g. an .m4a"
        case "audio/amr", "audio/amr-wb": "AMR"
        case "audio/mpeg": "MP3"
        case "audio/wav": "WAV"
        default: "audio"
        }
    }
}
