import FixtureSupport
import Foundation
import Testing

/// The layouts real monorepo tools make, each built at test time with the same story: a commit
/// that touches two packages, a file renamed from one package into another, a package added
/// mid-history and given its first release, one deleted, and a change to the root only.
/// `generate -P`, `--all -P`, `next -P` and `status` are compared byte for byte with
/// Fixtures/monorepo/<layout>.txt; membership is checked against `git log -- <path>`.
@Suite struct MonorepoLayoutTests {
    struct Package: Sendable {
        var name: String
        var path: String
        /// nil: the default, `NAME-v`.
        var configuredPrefix: String?
        var prefix: String { configuredPrefix ?? name + "-v" }
    }

    struct Layout: Sendable, CustomTestStringConvertible {
        var name: String
        /// The workspace's own manifest at the root, and each package's.
        var rootManifest: String
        var manifest: String
        /// The first package, a second, one added mid-history, one deleted.
        var packages: [Package]
        var testDescription: String { name }
    }

    static let layouts: [Layout] = [
        // npm workspaces released by changesets or lerna: `@scope/name@1.2.3`.
        Layout(
            name: "npm", rootManifest: "package.json", manifest: "package.json",
            packages: [
                .init(name: "api", path: "packages/api", configuredPrefix: "@scope/api@"),
                .init(name: "web", path: "packages/web", configuredPrefix: "@scope/web@"),
                .init(name: "cli", path: "packages/cli", configuredPrefix: "@scope/cli@"),
                .init(name: "legacy", path: "packages/legacy", configuredPrefix: "@scope/legacy@"),
            ]),
        // A Cargo workspace: `crate-v1.2.3`, this tool's default prefix.
        Layout(
            name: "cargo", rootManifest: "Cargo.toml", manifest: "Cargo.toml",
            packages: [
                .init(name: "parser", path: "crates/parser"), .init(name: "lexer", path: "crates/lexer"),
                .init(name: "cli", path: "crates/cli"), .init(name: "legacy", path: "crates/legacy"),
            ]),
        // A Go repository of several modules: `sub/module/v1.2.3`, the module's directory as prefix.
        Layout(
            name: "go", rootManifest: "go.mod", manifest: "go.mod",
            packages: [
                .init(name: "sub/module", path: "sub/module", configuredPrefix: "sub/module/v"),
                .init(name: "tools/gen", path: "tools/gen", configuredPrefix: "tools/gen/v"),
                .init(name: "sub/newmod", path: "sub/newmod", configuredPrefix: "sub/newmod/v"),
                .init(name: "old/mod", path: "old/mod", configuredPrefix: "old/mod/v"),
            ]),
        // release-please's `component-v1.2.3`, set explicitly as its configuration does.
        Layout(
            name: "release-please", rootManifest: "release-please-config.json", manifest: "package.json",
            packages: [
                .init(name: "component", path: "packages/component", configuredPrefix: "component-v"),
                .init(name: "widget", path: "packages/widget", configuredPrefix: "widget-v"),
                .init(name: "plugin", path: "packages/plugin", configuredPrefix: "plugin-v"),
                .init(name: "retired", path: "packages/retired", configuredPrefix: "retired-v"),
            ]),
    ]

    static func history(_ layout: Layout) -> String {
        let (a, b, added, deleted) = (layout.packages[0], layout.packages[1], layout.packages[2], layout.packages[3])
        return """
            write \(layout.rootManifest)
            write \(a.path)/\(layout.manifest)
            write \(b.path)/\(layout.manifest)
            write \(deleted.path)/\(layout.manifest)
            commit chore: the workspace
            tag \(a.prefix)1.0.0
            tag \(b.prefix)1.0.0
            tag \(deleted.prefix)1.0.0
            write \(a.path)/src/lib.txt
            commit feat(\(a.name)): the first feature of \(a.name)
            write \(a.path)/src/lib.txt
            write \(b.path)/src/lib.txt
            commit fix: one fix across \(a.name) and \(b.name)
            write \(a.path)/src/shared.txt
            commit perf: a shared helper in \(a.name)
            tag \(a.prefix)1.1.0
            move \(a.path)/src/shared.txt \(b.path)/src/shared.txt
            commit fix: the shared helper moves from \(a.name) to \(b.name)
            write \(added.path)/\(layout.manifest)
            write \(added.path)/src/lib.txt
            commit feat: the \(added.name) package
            tag \(added.prefix)0.1.0
            write \(added.path)/src/lib.txt
            commit fix: a fix in \(added.name) after its first release
            remove \(deleted.path)/\(layout.manifest)
            commit feat!: \(deleted.name) is gone
            write docs/guide.md
            commit fix: a change to the root only
            """
    }

    static func configuration(_ layout: Layout) -> String {
        layout.packages.map { package in
            "[packages.\"\(package.name)\"]\npath = \"\(package.path)\"\n"
                + (package.configuredPrefix.map { "tag-prefix = \"\($0)\"\n" } ?? "")
        }.joined(separator: "\n")
    }

    private func workspace(_ layout: Layout) throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: Self.history(layout))
        try sandbox.write("repo/.changelog.toml", Self.configuration(layout))
        return sandbox
    }

    @Test(arguments: layouts)
    func outputsPerPackage(_ layout: Layout) throws {
        let sandbox = try workspace(layout)
        var transcript = ""
        func run(_ arguments: [String]) throws {
            let result = try sandbox.changelog(arguments)
            transcript += "$ changelog \(arguments.joined(separator: " "))\n"
            transcript += result.stdout
            if result.status != 0 { transcript += "[exit \(result.status)] \(result.stderr)" }
            transcript += "\n"
        }
        for package in layout.packages {
            try run(["-P", package.name])
            try run(["--all", "-P", package.name])
            try run(["next", "-P", package.name])
        }
        try run(["next", "-P", layout.packages[0].name, "--format", "json"])
        try run(["status"])
        try run(["status", "--format", "json"])
        #expect(transcript == (try Sandbox.golden("monorepo/\(layout.name).txt", actual: transcript)))
    }

    /// Independent of the goldens: each package's next version, and its commits are exactly those
    /// `git log -- <path>` lists (every commit of the story but the first is listed by type).
    @Test(arguments: layouts)
    func membershipAndVersionsAreGitsOwn(_ layout: Layout) throws {
        let sandbox = try workspace(layout)
        let expectedNext = ["1.1.1", "1.0.1", "0.1.1", "2.0.0"]
        for (package, next) in zip(layout.packages, expectedNext) {
            let result = try sandbox.changelog("next", "-P", package.name)
            #expect(result.stdout == next + "\n", "\(layout.name) \(package.name): \(result.stderr)")

            let logged = try sandbox.git("log", "--format=%H %s", "HEAD", "--", package.path).split(separator: "\n")
                .filter { !$0.hasSuffix(" chore: the workspace") }.map { String($0.prefix(40)) }
            let json = try sandbox.changelog("--all", "-P", package.name, "-T", "json")
            #expect(json.status == 0, "\(json.stderr)")
            let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let releases = try #require(document?["releases"] as? [[String: Any]])
            var listed: [String] = []
            for release in releases {
                for section in release["sections"] as? [[String: Any]] ?? [] {
                    for commit in section["commits"] as? [[String: Any]] ?? [] {
                        if let id = commit["id"] as? String, !listed.contains(id) { listed.append(id) }
                    }
                }
            }
            #expect(Set(listed) == Set(logged), "\(layout.name) \(package.name)")
            #expect(listed.count == logged.count, "\(layout.name) \(package.name)")
        }
        // The root-only change is no package's.
        let rootOnly = try sandbox.git("log", "-1", "--format=%H").trimmingCharacters(in: .whitespacesAndNewlines)
        for package in layout.packages {
            #expect(try !sandbox.changelog("--all", "-P", package.name, "-T", "json").stdout.contains(rootOnly))
        }
    }
}
