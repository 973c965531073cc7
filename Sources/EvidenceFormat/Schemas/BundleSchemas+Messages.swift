// The exact bytes of `Docs/messages.schema.json`, embedded so that a bundle carries its schema without our repository
// at run time. `BundleSchemaTests` checks that the two stay equal byte for byte: edit the Docs copy, then paste it
// here.

extension BundleSchemas {
    /// The JSON Schema (draft 2020-12) of one line of a derived `*.messages.jsonl` file, every platform and e-mail;
    /// in a bundle at `evidence/schema/messages.schema.json`.
    ///
    /// An analyst loads the normalised messages of any conversation with one schema.
    package static let messages = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "evidencekit-messages/1",
  "title": "EvidenceKit derived message line (data/derived/*.messages.jsonl)",
  "description": "One line of a derived JSON Lines file: one message of a chat export or a mailbox, in the original's order, with the byte and line range of the original it came from. Every platform writes the same shape.",
  "type": "object",
  "required": ["index", "timestamp", "author", "text", "attachments", "kind", "edited", "source"],
  "additionalProperties": false,
  "properties": {
    "index": { "type": "integer", "minimum": 0, "description": "Position in the export, from 0." },
    "timestamp": {
      "description": "RFC 3339 with the offset that applied; null when the record has no time.",
      "oneOf": [
        { "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.(\\d{3}|\\d{6}|\\d{9}))?(Z|[+-]\\d{2}:\\d{2})$" },
        { "type": "null" }
      ]
    },
    "timestampSource": { "enum": ["exif", "xmp", "png-time", "quicktime", "iptc", "id3", "filename", "filesystem", "chat", "email-header", "acquired", "declared", "tsa"] },
    "timestampField": { "type": "string", "description": "Where in the export the time was read (WhatsApp line, date_unixtime, Date header …)." },
    "zone": { "enum": ["embedded", "assumed", "utc"] },
    "zoneName": { "type": "string", "description": "The IANA zone applied when zone is assumed." },
    "precision": { "enum": ["day", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond"] },
    "timestampWarnings": { "type": "array", "minItems": 1, "items": { "type": "string" } },
    "author": { "type": ["string", "null"], "description": "As the export spells it; null for lines the app wrote." },
    "text": { "type": "string", "description": "Exactly as written; lines joined with a line feed." },
    "attachments": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name"],
        "additionalProperties": false,
        "properties": {
          "name": { "type": "string" },
          "mediaType": { "type": "string" },
          "found": { "type": "boolean" }
        }
      }
    },
    "kind": { "enum": ["message", "system", "media-omitted", "deleted"] },
    "edited": { "type": "boolean" },
    "messageID": { "type": "string" },
    "replyTo": { "type": "string" },
    "thread": { "type": "string" },
    "writtenUnder": { "type": "string" },
    "source": {
      "type": "object",
      "description": "The half-open byte range [byteStart, byteEnd) and the 1-based lines lineStart to lineEnd (inclusive) of the original export.",
      "required": ["byteStart", "byteEnd", "lineStart", "lineEnd"],
      "additionalProperties": false,
      "properties": {
        "byteStart": { "type": "integer", "minimum": 0 },
        "byteEnd": { "type": "integer", "minimum": 0 },
        "lineStart": { "type": "integer", "minimum": 0 },
        "lineEnd": { "type": "integer", "minimum": 0 }
      }
    }
  },
  "if": { "properties": { "timestamp": { "type": "string" } } },
  "then": { "required": ["timestampSource", "timestampField", "zone", "precision"] },
  "else": { "not": { "anyOf": [
    { "required": ["timestampSource"] }, { "required": ["timestampField"] }, { "required": ["zone"] },
    { "required": ["zoneName"] }, { "required": ["precision"] }, { "required": ["timestampWarnings"] }
  ] } }
}

"""#
}
