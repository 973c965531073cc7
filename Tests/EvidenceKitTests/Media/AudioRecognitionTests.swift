import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Voice notes and recordings are evidence too (issue 14): the `audio` kind, recognition by content whatever the
/// name, the times MP4 audio and ID3 carry, and an honest note where the format carries none.
@Suite("Audio: recognised by content, times where they exist")
struct AudioRecognitionTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    func inspect(_ fixture: String, as name: String = "x.bin") throws -> ItemInspection {
        try ItemInspector.inspect(fileAt: TestSupport.fixture("Media/\(fixture)"), originalName: name,
                                  context: InspectionContext(timeZone: brussels))
    }

    func embedded(_ inspection: ItemInspection) -> [EvidenceTimestamp] {
        inspection.timestamps.filter { [.quicktime, .id3].contains($0.source) }
    }

    /// Each fixture under a misleading name: the content decides.
    static let recognised: [(fixture: String, mediaType: String, reason: String)] = [
        ("voice-note.opus", "audio/ogg", "Ogg Opus"), ("voice-note.ogg", "audio/ogg", "Ogg Opus or Vorbis"),
        ("voice-memo.m4a", "audio/mp4", "MP4 audio"), ("audio-only.mp4", "audio/mp4", "MP4 audio"),
        ("voice-note.amr", "audio/amr", "AMR"), ("recording.mp3", "audio/mpeg", "MP3"),
        ("recording.wav", "audio/wav", "WAV"),
    ]

    @Test(arguments: recognised)
    func recognisedByContentAsAudio(_ fixture: String, _ mediaType: String, _ reason: String) throws {
        let inspection = try inspect(fixture, as: "VID-20231225-WA0001.mp4")
        #expect(inspection.mediaType == mediaType)
        #expect(inspection.kind == .audio)
        #expect(inspection.kindReason.contains(reason), "\(inspection.kindReason)")
    }

    @Test func voiceMemoM4AHasUTCTimesFromItsMovieAndTrackHeaders() throws {
        let inspection = try inspect("voice-memo.m4a")
        let times = embedded(inspection)
        #expect(times.map(\.field) == ["mvhd.creation_time", "mvhd.modification_time", "track1.tkhd.creation_time",
                                       "track1.tkhd.modification_time", "track1.mdhd.creation_time",
                                       "track1.mdhd.modification_time"])
        #expect(times.map(\.value) == ["2023-12-25T13:03:22Z", "2023-12-25T13:03:25Z", "2023-12-25T13:03:22Z",
                                       "2023-12-25T13:03:25Z", "2023-12-25T13:03:22Z", "2023-12-25T13:03:25Z"])
        #expect(times.allSatisfy { $0.zone == .utc && $0.source == .quicktime })
        #expect(inspection.best?.field == "mvhd.creation_time")
        #expect(inspection.warnings.isEmpty)
    }

    @Test func anMP4WithOnlyASoundTrackIsAudioNotVideo() throws {
        let inspection = try inspect("audio-only.mp4")
        #expect(MediaTypeProbe.mediaType(of: try TestSupport.fixtureBytes("Media/audio-only.mp4")) == "video/mp4")
        #expect(inspection.mediaType == "audio/mp4")
        #expect(inspection.kind == .audio)
        #expect(inspection.best?.value == "2023-12-25T13:03:22Z")
        // A real video keeps its kind.
        #expect(try inspect("video.mp4").kind == .video)
        #expect(try inspect("video.mp4").mediaType == "video/mp4")
    }

    @Test func mp3RecordingTimeFromID3TDRCIsAssumedInTheCaseZone() throws {
        let inspection = try inspect("recording.mp3")
        let times = embedded(inspection)
        #expect(times.count == 1)
        let time = try #require(times.first)
        #expect(time.source == .id3)
        #expect(time.field == "TDRC")
        #expect(time.role == .capture)
        #expect(time.zone == .assumed)
        #expect(time.zoneName == "Europe/Brussels")
        #expect(time.value == "2023-12-25T14:03:22+01:00")
        #expect(inspection.best == time)
        #expect(inspection.warnings.isEmpty)
    }

    @Test(arguments: ["voice-note.opus", "voice-note.ogg", "voice-note.amr"])
    func formatsWithoutATimeSaySoInsteadOfNoDate(_ fixture: String) throws {
        let inspection = try inspect(fixture)
        #expect(embedded(inspection).isEmpty)
        #expect(inspection.warnings.map(\.code) == [.formatHasNoTime])
        let message = try #require(inspection.warnings.first?.message)
        #expect(message.contains("holds no recording time"))
        #expect(message.contains("--declared-time"))
    }

    @Test func opusAndVorbisAreToldApart() throws {
        let opus = try OggMetadata(parsing: ArrayByteSource(TestSupport.fixtureBytes("Media/voice-note.opus")))
        let vorbis = try OggMetadata(parsing: ArrayByteSource(TestSupport.fixtureBytes("Media/voice-note.ogg")))
        #expect(opus.codec == "Opus")
        #expect(vorbis.codec == "Vorbis")
        #expect(opus.metadata.warnings.first?.message.hasPrefix("Ogg Opus audio") == true)
    }

    @Test func aWAVOrAnMP3WithoutTagSaysNoDateInRecordingWords() throws {
        let inspection = try inspect("recording.wav")
        #expect(inspection.warnings.map(\.code) == [.noDate])
        #expect(inspection.warnings.first?.message == TimestampRanking.noDateMessageForAudio)
        let frames = Array(try TestSupport.fixtureBytes("Media/recording.mp3").suffix(417 * 3))
        let untagged = try ItemInspector.inspect(source: ArrayByteSource(frames), originalName: "x",
                                                 context: InspectionContext(timeZone: brussels))
        #expect(untagged.mediaType == "audio/mpeg")
        #expect(untagged.warnings.map(\.code) == [.noDate])
    }

    @Test func probeDoesNotMistakeOtherBytesForAudio() {
        #expect(MediaTypeProbe.mediaType(of: [0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(MediaTypeProbe.mediaType(of: [0xFF, 0xF1, 0x50, 0x80]) != "audio/mpeg")  // AAC ADTS
        #expect(MediaTypeProbe.mediaType(of: [0xFF, 0xFB, 0x90, 0xC4]) == "audio/mpeg")
        #expect(MediaTypeProbe.mediaType(of: Array("#!AMR-WB\n".utf8)) == "audio/amr-wb")
        #expect(MediaTypeProbe.mediaType(of: Array("RIFF\0\0\0\0WAVEfmt ".utf8)) == "audio/wav")
    }

    @Test func kindAudioRoundTripsThroughTheManifestVocabulary() throws {
        #expect(EvidenceKind(rawValue: "audio") == .audio)
        let schema = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Docs/manifest.schema.json"),
                                encoding: .utf8)
        #expect(schema.contains(#""video", "audio", "chat""#))
        #expect(schema.contains(#""iptc", "id3""#))
    }
}
