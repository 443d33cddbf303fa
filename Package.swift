// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "changelog",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "changelog", targets: ["changelog"]),
        .library(name: "ChangelogCore", targets: ["ChangelogCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "Clibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(name: "Git", dependencies: ["Clibgit2"]),
        .target(name: "ChangelogCore", dependencies: ["TOMLKit", .product(name: "Mustache", package: "swift-mustache")]),
        // The only place that calls the operating system (descriptors, files, signals, processes).
        .target(name: "Platform", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(
            name: "ChangelogKit",
            dependencies: ["Git", "ChangelogCore", "Platform", .product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(
            name: "ChangelogCLI",
            dependencies: [
                "ChangelogKit", "ChangelogCore", "Git", "Platform",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "changelog", dependencies: ["ChangelogCLI"]),
        .target(name: "FixtureSupport", dependencies: ["Git"], path: "Tests/FixtureSupport"),
        // `make bench` builds histories of any size with this; see bench/run.
        .executableTarget(name: "synthetic-history", dependencies: ["FixtureSupport"], path: "Benchmarks/SyntheticHistory"),
        .testTarget(name: "ChangelogCoreTests", dependencies: ["ChangelogCore"]),
        .testTarget(name: "GitTests", dependencies: ["Git", "FixtureSupport"]),
        .testTarget(name: "ChangelogKitTests", dependencies: ["ChangelogKit", "FixtureSupport"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "EndToEndTests", dependencies: ["FixtureSupport"]),
        .testTarget(
            name: "ChangelogCLITests",
            dependencies: ["ChangelogCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ]
)

// Every target imports what it uses: a member found only through another module's import is an
// error, which is how uses of Foundation without importing it surface.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
