// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for ChangelogCore; see README.md. A package of its own so that only these
// executables are built with `-sanitize=fuzzer` (which links libFuzzer's `main`).
let package = Package(
    name: "changelog-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "changelog", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzCommitMessage",
            dependencies: ["FuzzSupport", .product(name: "ChangelogCore", package: "changelog")]),
        .executableTarget(
            name: "FuzzChangelogMerge",
            dependencies: ["FuzzSupport", .product(name: "ChangelogCore", package: "changelog")]),
        .executableTarget(
            name: "FuzzConfiguration",
            dependencies: ["FuzzSupport", .product(name: "ChangelogCore", package: "changelog")]),
    ]
)
