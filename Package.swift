// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// mimalloc, where the system has it (Debian's and Ubuntu's `libmimalloc-dev`): resolving and
/// rendering make millions of small allocations, and it takes 10–20 % less CPU than the C
/// library's allocator for them (BENCHMARKS.md). Without it, or with SHIPSHAPE_SYSTEM_MALLOC set
/// (the self-contained release binary), the C library's allocator is used. Output is the same.
let mimalloc = ProcessInfo.processInfo.environment["SHIPSHAPE_SYSTEM_MALLOC"] == nil
    && ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
    .contains { FileManager.default.fileExists(atPath: "\($0)/libmimalloc.so") }

let package = Package(
    name: "shipshape",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shipshape", targets: ["shipshape"]),
        .library(name: "ShipshapeModel", targets: ["ShipshapeModel"]),
        .library(name: "ShipshapeLoader", targets: ["ShipshapeLoader"]),
        .library(name: "ShipshapeRender", targets: ["ShipshapeRender"]),
        .library(name: "ShipshapeDiff", targets: ["ShipshapeDiff"]),
        .library(name: "ShipshapePolicy", targets: ["ShipshapePolicy"]),
        .library(name: "ShipshapePipeline", targets: ["ShipshapePipeline"]),
        .library(name: "ShipshapeImport", targets: ["ShipshapeImport"]),
        .library(name: "ShipshapeLint", targets: ["ShipshapeLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Spec and resolved types, quantities, durations, cron, locations, diagnostics. No I/O.
        .target(
            name: "ShipshapeModel",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // YAML -> located trees -> merged per environment -> typed ResolvedStack.
        .target(
            name: "ShipshapeLoader",
            dependencies: [
                "ShipshapeModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Renderers (ResolvedStack -> artifacts) and writers (artifacts -> files).
        .target(
            name: "ShipshapeRender",
            dependencies: [
                "ShipshapeModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Policy rules over the resolved stack and rendered artifacts; findings and reporters.
        .target(
            name: "ShipshapePolicy",
            dependencies: [
                "ShipshapeModel", "ShipshapeRender",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Semantic diff of rendered artifacts (and of files shipshape did not write).
        .target(
            name: "ShipshapeDiff",
            dependencies: ["ShipshapeModel", "ShipshapeRender"]
        ),
        // The one path from spec files to files on disk (load, resolve, render, lay out, write;
        // validate, diff, check) that every command takes.
        .target(
            name: "ShipshapePipeline",
            dependencies: ["ShipshapeModel", "ShipshapeLoader", "ShipshapeRender", "ShipshapeDiff", "ShipshapePolicy"]
        ),
        // Compose files and Kubernetes manifests -> a stack.yaml and a located loss report.
        .target(
            name: "ShipshapeImport",
            dependencies: ["ShipshapeModel", "ShipshapeLoader", "ShipshapeRender"]
        ),
        // `shipshape lint`: policy rules over files shipshape did not write (Kubernetes, compose, nginx, systemd).
        .target(
            name: "ShipshapeLint",
            dependencies: ["ShipshapeModel", "ShipshapeRender", "ShipshapePolicy"]
        ),
        // The commands, as a library so tests can drive them in-process.
        .target(
            name: "ShipshapeCLI",
            dependencies: [
                "ShipshapeModel", "ShipshapeLoader", "ShipshapeRender", "ShipshapeDiff", "ShipshapePolicy", "ShipshapePipeline",
                "ShipshapeImport", "ShipshapeLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "shipshape", dependencies: ["ShipshapeCLI"],
            linkerSettings: mimalloc ? [.linkedLibrary("mimalloc", .when(platforms: [.linux]))] : []
        ),
        // Fuzz target for the loader, resolver and renderers (scripts/fuzz builds it with libFuzzer;
        // a plain build replays a corpus).
        .executableTarget(
            name: "shipshape-fuzz",
            dependencies: ["ShipshapeLoader", "ShipshapeRender", "ShipshapePolicy", "ShipshapePipeline"]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ShipshapeModel", "ShipshapeLoader", "ShipshapeRender", "ShipshapeDiff", "ShipshapePipeline"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ShipshapeModelTests",
            dependencies: ["ShipshapeModel", "TestSupport"]
        ),
        .testTarget(
            name: "ShipshapeLoaderTests",
            dependencies: [
                "ShipshapeLoader", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ShipshapeRenderTests",
            dependencies: [
                "ShipshapeRender", "ShipshapeLoader", "TestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ShipshapePolicyTests",
            dependencies: ["ShipshapePolicy", "ShipshapeLoader", "TestSupport"]
        ),
        .testTarget(
            name: "ShipshapeDiffTests",
            dependencies: ["ShipshapeDiff", "ShipshapeLoader", "TestSupport"]
        ),
        .testTarget(
            name: "ShipshapeImportTests",
            dependencies: ["ShipshapeImport", "ShipshapeDiff", "ShipshapePipeline", "ShipshapePolicy", "ShipshapeLoader", "TestSupport"]
        ),
        .testTarget(
            name: "ShipshapeLintTests",
            dependencies: ["ShipshapeLint", "ShipshapePolicy", "ShipshapePipeline", "ShipshapeLoader", "TestSupport"]
        ),
        // Runs the built `shipshape` binary, as users and CI do.
        .testTarget(
            name: "ShipshapeCLITests",
            dependencies: ["ShipshapeCLI", "shipshape", "TestSupport", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
