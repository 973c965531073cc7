// The exact bytes of `Docs/manifest.schema.json`, embedded so that a bundle carries its schema without our repository
// at run time. `BundleSchemaTests` checks that the two stay equal byte for byte: edit the Docs copy, then paste it
// here.

extension BundleSchemas {
    /// The JSON Schema (draft 2020-12) of `evidence/manifest.json`, formats 1 and 2; in a bundle at
    /// `evidence/schema/manifest.schema.json`.
    ///
    /// A police tool validates an import against it before reading the items.
    package static let manifest = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "evidencekit-manifest/2",
  "title": "EvidenceKit manifest (evidence/manifest.json)",
  "description": "The signed description of a sealed case, format evidencekit-manifest/1 or /2. The Ed25519 signature in evidence/manifest.json.sig covers this file's exact bytes.",
  "type": "object",
  "required": ["format", "tool", "case", "sealedAt", "signer", "items", "files"],
  "additionalProperties": false,
  "properties": {
    "format": { "enum": ["evidencekit-manifest/1", "evidencekit-manifest/2"] },
    "language": { "enum": ["fr", "nl", "de", "en"], "description": "The language summary.html is written in (format 2 on)." },
    "tool": {
      "type": "object",
      "required": ["name", "version"],
      "additionalProperties": false,
      "properties": { "name": { "type": "string" }, "version": { "type": "string" } }
    },
    "case": {
      "type": "object",
      "required": ["identifier", "title", "timeZone", "createdAt"],
      "additionalProperties": false,
      "properties": {
        "identifier": { "type": "string", "pattern": "^[A-Za-z0-9_-]+$" },
        "title": { "type": "string" },
        "timeZone": { "type": "string", "description": "IANA zone name" },
        "createdAt": { "$ref": "#/$defs/utcTime" }
      }
    },
    "sealedAt": { "$ref": "#/$defs/utcTime" },
    "signer": {
      "type": "object",
      "required": ["algorithm", "fingerprint", "publicKey"],
      "additionalProperties": false,
      "properties": {
        "algorithm": { "const": "Ed25519" },
        "fingerprint": { "$ref": "#/$defs/sha256", "description": "SHA-256 of the raw 32-byte public key" },
        "publicKey": { "const": "evidence/signer.pub.pem" }
      }
    },
    "items": { "type": "array", "items": { "$ref": "#/$defs/item" } },
    "files": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["path", "size", "sha256"],
        "additionalProperties": false,
        "properties": {
          "path": { "$ref": "#/$defs/bagPath" },
          "size": { "type": "integer", "minimum": 0 },
          "sha256": { "$ref": "#/$defs/sha256" }
        }
      }
    },
    "withdrawals": {
      "description": "Items withdrawn from the case before this seal (evidence withdraw); absent when none were.",
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["item", "sha256", "size", "withdrawnAt", "actor", "reason", "purged"],
        "additionalProperties": false,
        "properties": {
          "item": { "type": "integer", "minimum": 1 },
          "sha256": { "$ref": "#/$defs/sha256" },
          "size": { "type": "integer", "minimum": 0 },
          "withdrawnAt": { "$ref": "#/$defs/utcTime" },
          "actor": { "type": "string" },
          "reason": { "type": "string" },
          "purged": { "type": "boolean" }
        }
      }
    },
    "parties": {
      "description": "The people the case is about (evidence party add), by number; absent when none were recorded.",
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["id", "name", "role", "handles", "phones", "emails"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "integer", "minimum": 1 },
          "name": { "type": "string" },
          "role": { "enum": ["victim", "suspect", "witness", "other"] },
          "handles": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["platform", "id"],
              "additionalProperties": false,
              "properties": { "platform": { "type": "string" }, "id": { "type": "string" } }
            }
          },
          "phones": { "type": "array", "items": { "type": "string" } },
          "emails": { "type": "array", "items": { "type": "string" } }
        }
      }
    },
    "helpLines": {
      "description": "Where the summary tells a victim to get help, when the case records its own (evidence init --help-line); absent for the Belgian defaults of the summary's language.",
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["name", "number", "purpose"],
        "additionalProperties": false,
        "properties": { "name": { "type": "string" }, "number": { "type": "string" }, "purpose": { "type": "string" } }
      }
    }
  },
  "allOf": [
    {
      "if": { "properties": { "format": { "const": "evidencekit-manifest/1" } } },
      "then": { "not": { "required": ["language"] } }
    },
    {
      "if": { "properties": { "format": { "const": "evidencekit-manifest/2" } } },
      "then": {
        "required": ["language"],
        "properties": {
          "items": { "items": { "$ref": "#/$defs/itemPlacedByVersion2" } },
          "files": {
            "allOf": [
              { "contains": { "properties": { "path": { "const": "evidence/schema/manifest.schema.json" } } } },
              { "contains": { "properties": { "path": { "const": "evidence/schema/messages.schema.json" } } } }
            ]
          }
        }
      }
    }
  ],
  "$defs": {
    "itemPlacedByVersion2": {
      "description": "Format 2 keeps sensitive items under data/sensitive/ and only them; derived files stay under data/derived/.",
      "if": { "properties": { "sensitive": { "const": true } } },
      "then": { "properties": { "path": { "pattern": "^data/sensitive/[^/]" } } },
      "else": { "properties": { "path": { "not": { "pattern": "^data/(sensitive|derived)/" } } } }
    },
    "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
    "utcTime": { "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$" },
    "rfc3339": { "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$" },
    "bagPath": { "type": "string", "pattern": "^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$" },
    "timestamp": {
      "type": "object",
      "required": ["source", "field", "value", "zone", "precision"],
      "additionalProperties": false,
      "properties": {
        "source": { "enum": ["exif", "xmp", "png-time", "quicktime", "iptc", "id3", "filename", "filesystem", "chat", "email-header", "acquired", "declared", "tsa"] },
        "field": { "type": "string" },
        "value": { "$ref": "#/$defs/rfc3339" },
        "zone": { "enum": ["embedded", "assumed", "utc"] },
        "zoneName": { "type": "string" },
        "precision": { "enum": ["day", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond"] },
        "warnings": { "type": "array", "items": { "type": "string" } }
      }
    },
    "warning": {
      "type": "object",
      "required": ["code", "message"],
      "additionalProperties": false,
      "properties": { "code": { "type": "string" }, "message": { "type": "string" } }
    },
    "idMap": { "type": "object", "additionalProperties": { "type": "integer" } },
    "item": {
      "type": "object",
      "required": ["id", "path", "size", "sha256", "mediaType", "kind", "kindReason", "originalName", "originalPath",
                   "acquiredAt", "timestamps", "warnings", "sensitive"],
      "additionalProperties": false,
      "properties": {
        "id": { "type": "integer", "minimum": 1 },
        "path": { "allOf": [{ "$ref": "#/$defs/bagPath" }, { "pattern": "^data/" }] },
        "size": { "type": "integer", "minimum": 0 },
        "sha256": { "$ref": "#/$defs/sha256" },
        "mediaType": { "type": "string" },
        "kind": { "enum": ["screenshot", "photo", "video", "audio", "chat", "email", "document", "other"] },
        "kindReason": { "type": "string" },
        "originalName": { "type": "string" },
        "originalPath": { "type": "string" },
        "acquiredAt": { "$ref": "#/$defs/utcTime" },
        "modifiedAt": { "$ref": "#/$defs/utcTime" },
        "timestamps": { "type": "array", "items": { "$ref": "#/$defs/timestamp" } },
        "best": { "$ref": "#/$defs/timestamp" },
        "warnings": { "type": "array", "items": { "$ref": "#/$defs/warning" } },
        "sensitive": { "type": "boolean" },
        "note": { "type": "string" },
        "parentID": { "type": "integer" },
        "pdq": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
        "pdqQuality": { "type": "integer", "minimum": 0, "maximum": 100 },
        "md5": { "type": "string", "pattern": "^[0-9a-f]{32}$" },
        "minorAtTime": { "const": true },
        "sourceURL": { "type": "string" },
        "platform": { "type": "string" },
        "account": { "type": "string" },
        "description": { "type": "string" },
        "conversation": {
          "type": "object",
          "required": ["platform", "title", "participants", "messageCount", "attachmentItems", "attachmentMessages", "missingAttachments"],
          "additionalProperties": false,
          "properties": {
            "platform": { "enum": ["whatsapp", "telegram", "instagram", "messenger", "sms", "snapchat", "discord", "x", "tiktok", "email"] },
            "title": { "type": "string" },
            "participants": { "type": "array", "items": { "type": "string" } },
            "messageCount": { "type": "integer", "minimum": 0 },
            "firstMessageAt": { "$ref": "#/$defs/rfc3339" },
            "lastMessageAt": { "$ref": "#/$defs/rfc3339" },
            "attachmentItems": { "$ref": "#/$defs/idMap" },
            "attachmentMessages": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "integer" } } },
            "missingAttachments": { "type": "array", "items": { "type": "string" } }
          }
        },
        "email": {
          "type": "object",
          "required": ["attachmentItems"],
          "additionalProperties": false,
          "properties": {
            "from": { "type": "string" }, "to": { "type": "string" }, "cc": { "type": "string" },
            "subject": { "type": "string" }, "messageID": { "type": "string" },
            "attachmentItems": { "$ref": "#/$defs/idMap" }
          }
        },
        "linkedMessages": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["item", "messages"],
            "additionalProperties": false,
            "properties": { "item": { "type": "integer" }, "messages": { "type": "array", "items": { "type": "integer" } } }
          }
        },
        "derived": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["role", "path", "size", "sha256", "mediaType"],
            "additionalProperties": false,
            "properties": {
              "role": { "const": "messages" },
              "path": { "allOf": [{ "$ref": "#/$defs/bagPath" }, { "pattern": "^data/derived/" }] },
              "size": { "type": "integer", "minimum": 0 },
              "sha256": { "$ref": "#/$defs/sha256" },
              "mediaType": { "type": "string" }
            }
          }
        }
      }
    }
  }
}

"""#
}
