internal import CEvidenceHEIF

/// One libheif context, freed with its owner.
private final class HEIFContext {
    let pointer: OpaquePointer

    init() throws {
        guard let pointer = heif_context_alloc() else { throw ImageDecodeError(.damaged, "libheif could not start") }
        self.pointer = pointer
    }

    deinit { heif_context_free(pointer) }
}

/// One libheif image handle or decoded image, released with its owner.
private final class HEIFReference {
    let pointer: OpaquePointer
    private let release: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, release: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }
}

/// HEIF, HEIC and AVIF through libheif (libde265, dav1d or libaom inside): the primary image, with its rotation
/// and mirroring applied as libheif does by default.
enum HEIFDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws -> DecodedImage {
        let context = try HEIFContext()
        // libheif's own guard for what the coded stream may claim, beside ours for the declared size.
        heif_context_set_maximum_image_size_limit(context.pointer, 32_768)
        // libheif reads the caller's memory until the context is freed: everything happens inside one borrow.
        return try bytes.withUnsafeBytes { input in
            try check(heif_context_read_from_memory_without_copy(context.pointer, input.baseAddress, input.count, nil))
            var handlePointer: OpaquePointer?
            try check(heif_context_get_primary_image_handle(context.pointer, &handlePointer))
            guard let handlePointer else { throw ImageDecodeError(.damaged, "HEIF: no primary image") }
            let handle = HEIFReference(handlePointer, release: heif_image_handle_release)
            try limits.check(width: Int(heif_image_handle_get_width(handle.pointer)),
                             height: Int(heif_image_handle_get_height(handle.pointer)), format: "HEIF")
            var imagePointer: OpaquePointer?
            try check(heif_decode_image(handle.pointer, &imagePointer, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nil))
            guard let imagePointer else { throw ImageDecodeError(.damaged, "HEIF: the image did not decode") }
            let image = HEIFReference(imagePointer, release: heif_image_release)
            let width = Int(heif_image_get_width(image.pointer, heif_channel_interleaved))
            let height = Int(heif_image_get_height(image.pointer, heif_channel_interleaved))
            try limits.check(width: width, height: height, format: "HEIF")
            var stride: Int32 = 0
            guard let plane = heif_image_get_plane_readonly(image.pointer, heif_channel_interleaved, &stride),
                  Int(stride) >= width * 3 else {
                throw ImageDecodeError(.damaged, "HEIF: the decoded image has no RGB plane")
            }
            var pixels = [UInt8](repeating: 0, count: width * height * 3)
            let rows = UnsafeBufferPointer(start: plane, count: Int(stride) * (height - 1) + width * 3)
            for row in 0..<height {
                for column in 0..<width * 3 { pixels[row * width * 3 + column] = rows[row * Int(stride) + column] }
            }
            return DecodedImage(image: RGBImage(width: width, height: height, pixels: pixels), warnings: [],
                                scaleDenominator: 1)
        }
    }

    private static func check(_ error: heif_error) throws {
        guard error.code != heif_error_Ok else { return }
        let message = error.message.map { String(cString: $0) } ?? "error \(error.code.rawValue)"
        throw ImageDecodeError(.damaged, "HEIF: \(message)")
    }
}
