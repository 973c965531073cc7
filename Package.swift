// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EvidenceKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "EvidenceKit", targets: ["EvidenceKit"]),
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
        .target(
            name: "EvidenceCrypto",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "EvidenceKit",
            dependencies: [
                "EvidenceCrypto",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "evidence",
            dependencies: [
                "EvidenceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EvidenceCryptoTests",
            dependencies: ["EvidenceCrypto"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "EvidenceKitTests",
            dependencies: ["EvidenceKit", "EvidenceCrypto", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
