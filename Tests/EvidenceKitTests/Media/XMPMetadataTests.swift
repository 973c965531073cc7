import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("XMP")
struct XMPMetadataTests {
    func times(_ xml: String) -> [String: String] {
        let metadata = XMPMetadata(packet: Array(xml.utf8)).metadata
        return Dictionary(metadata.times.map {
            ($0.field, $0.timestamp(assuming: TimeZone(identifier: "UTC")!).value)
        }) { a, _ in a }
    }

    @Test func attributeAndElementForms() {
        let xml = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description
              exif:DateTimeOriginal='2023-12-25T14:03:22.5-05:00' xmp:ModifyDate="2023-12-25T15:00Z">
              <xmp:CreateDate>  2023-12-25T14:03:22  </xmp:CreateDate>
              <photoshop:DateCreated>2023-12-25</photoshop:DateCreated>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            """
        #expect(times(xml) == [
            "exif:DateTimeOriginal": "2023-12-25T14:03:22.500-05:00",
            "xmp:ModifyDate": "2023-12-25T15:00:00Z",
            "xmp:CreateDate": "2023-12-25T14:03:22Z",
            "photoshop:DateCreated": "2023-12-25T00:00:00Z",
        ])
        let metadata = XMPMetadata(packet: Array(xml.utf8)).metadata
        #expect(metadata.times.first { $0.field == "photoshop:DateCreated" }?.precision == .day)
        #expect(metadata.times.first { $0.field == "xmp:ModifyDate" }?.precision == .minute)
    }

    @Test func userCommentInAnAltListAndEntities() {
        let xml = """
            <rdf:Description><exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">Screen&#x73;hot &amp; more</rdf:li>
            <rdf:li xml:lang="fr">Capture</rdf:li></rdf:Alt></exif:UserComment></rdf:Description>
            """
        #expect(XMPMetadata(packet: Array(xml.utf8)).metadata.userComment == "Screenshot & more")
    }

    @Test func partialAndInvalidDatesAreWarningsNotTimes() {
        let xml = #"<d xmp:CreateDate="2023-12" xmp:ModifyDate="yesterday"/>"#
        let metadata = XMPMetadata(packet: Array(xml.utf8)).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-date", "bad-date"])
    }

    @Test func entityDeclarationsAreNotExpanded() {
        let xml = """
            <!DOCTYPE x [<!ENTITY a "2023-12-25T14:03:22Z">]><d><xmp:CreateDate>&a;</xmp:CreateDate></d>
            """
        let metadata = XMPMetadata(packet: Array(xml.utf8)).metadata
        #expect(metadata.times.isEmpty)
        #expect(metadata.warnings.map(\.code.rawValue) == ["bad-date"])
    }

    @Test func deepNestingStopsAtTheLimit() {
        let xml = String(repeating: "<a>", count: 10_000) + "<xmp:CreateDate>2023-12-25</xmp:CreateDate>"
        let metadata = XMPMetadata(packet: Array(xml.utf8)).metadata
        #expect(metadata.warnings.map(\.code.rawValue) == ["too-deep"])
    }
}

@Suite("XMP damage")
struct XMPDamageTests {
    /// A malformed tag is one warning naming where; the properties around it are still read.
    @Test func malformedTagIsAWarningAndTheRestIsRead() {
        let xml = """
            <rdf:Description xmp:CreateDate="2023-12-25T14:03:22Z"><bad x=1><more y=2>
            <xmp:ModifyDate>2023-12-25T15:00:00Z</xmp:ModifyDate></rdf:Description>
            """
        let metadata = XMPMetadata(packet: Array(xml.utf8), origin: "test").metadata
        #expect(Set(metadata.times.map(\.field)) == ["xmp:CreateDate", "xmp:ModifyDate"])
        #expect(metadata.warnings.map(\.code) == [.malformedXML])
        #expect(metadata.warnings.first?.message.contains("test: XMP is malformed at byte 62") == true)
    }
}
