/// The JSON Schemas every bundle carries under `evidence/schema/` (format 2 on), as tag files the signed manifest
/// lists, so an analyst can validate and import a bundle with nothing but the bundle.
package enum BundleSchemas {
    /// The schema files of a bag, path and bytes, in the order of their paths.
    package static var tagFiles: [(path: String, bytes: [UInt8])] {
        [(BagLayout.manifestSchema, Array(manifest.utf8)), (BagLayout.messagesSchema, Array(messages.utf8))]
    }
}
