// swift-tools-version: 6.1
import PackageDescription

// The dependency graph of these targets is the architecture (Docs/architecture.md); a test
// (ArchitectureTests) reads `swift package describe` and fails on any edge not allowed here.
let package = Package(
    name: "EvidenceKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(
            name: "EvidenceKit",
            targets: ["EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat",
                      "EvidenceImaging", "EvidenceWorkspace", "EvidenceVerify"]),
        // What a lawyer's verifier needs, and nothing of the case workspace or its database.
        .library(name: "EvidenceVerify", targets: ["EvidenceVerify"]),
        .library(name: "EvidenceCrypto", targets: ["EvidenceCrypto"]),
        .executable(name: "evidence", targets: ["evidence"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // zlib's CRC-32 and inflate, for reading zip entries strictly.
        .systemLibrary(
            name: "CEvidenceZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The image decoders EvidenceImaging wraps: libjpeg-turbo (TurboJPEG API), libpng, libwebp, libheif.
        .systemLibrary(
            name: "CEvidenceJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"]), .brew(["jpeg-turbo"])]
        ),
        .systemLibrary(name: "CEvidencePNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CEvidenceWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"]), .brew(["webp"])]),
        .systemLibrary(name: "CEvidenceHEIF", pkgConfig: "libheif", providers: [.apt(["libheif-dev"]), .brew(["libheif"])]),
        // The zip CRC-32 folded 64 bytes at a time with carry-less multiplication (PCLMULQDQ), chosen at run time.
        .target(name: "CEvidenceCRC32"),
        // SHA-256, MD5, Ed25519, fingerprints, CRC-32, inflate: the only Swift that touches an OpenSSL or zlib pointer.
        .target(name: "EvidenceCrypto", dependencies: ["COpenSSL", "CEvidenceZlib", "CEvidenceCRC32"]),
        // Instants, local times, timestamps with provenance, items, typed codes, the bounds-checked byte reader.
        .target(name: "EvidenceModel"),
        // The system calls, wrapped once (EINTR, errno → IOError), and the file-backed byte source.
        .target(name: "EvidenceSystem", dependencies: ["EvidenceModel"]),
        // Still images decoded to pixels (the decoders own their C pointers, limits checked before any allocation)
        // and the PDQ perceptual hash computed from those pixels.
        .target(
            name: "EvidenceImaging",
            dependencies: ["EvidenceModel", "CEvidenceJPEG", "CEvidencePNG", "CEvidenceWebP", "CEvidenceHEIF"]
        ),
        // Media, chat and mail parsers, file-name patterns, kind detection, ranking: bytes in, model out.
        .target(name: "EvidenceParsers", dependencies: ["EvidenceModel"]),
        // What a sealed bundle is: manifest, journal and message-line codecs, bag layout, bag-info, summary.
        .target(name: "EvidenceFormat", dependencies: ["EvidenceModel", "EvidenceCrypto"]),
        // The case workspace: SQLite index, add, seal writer.
        .target(
            name: "EvidenceWorkspace",
            dependencies: [
                "EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat", "EvidenceImaging",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Hostile bundle reading and every check; never the workspace or its database.
        .target(
            name: "EvidenceVerify",
            dependencies: [
                "EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceFormat",
            ]
        ),
        // Options in, one library call, text or JSON out.
        .executableTarget(
            name: "evidence",
            dependencies: [
                "EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat",
                "EvidenceWorkspace", "EvidenceVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EvidenceCryptoTests",
            // zlib: the reference the CRC-32 tests compare against.
            dependencies: ["EvidenceCrypto", "CEvidenceZlib"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "EvidenceKitTests",
            dependencies: [
                "EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat",
                "EvidenceImaging", "EvidenceWorkspace", "EvidenceVerify",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
