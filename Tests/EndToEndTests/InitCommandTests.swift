import FixtureSupport
import Foundation
import Testing

/// `changelog init` on repositories of each ecosystem, built at test time.
@Suite struct InitCommandTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    /// A two-commit history with the given tags and branches (`tag NAME`, `branch NAME` lines).
    private func repository(_ extra: String = "") throws {
        _ = try sandbox.build(
            text: """
                author Ada Lovelace <ada@example.com>
                start 2026-01-05T10:00:00+01:00
                commit feat: first
                \(extra)
                commit fix: second
                """)
    }

    private func dryRun() throws -> String {
        let result = try sandbox.changelog("init", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/.changelog.toml"), "a dry run writes nothing")
        return result.stdout
    }

    /// The lines of `text` that are not comments, comments after a value removed.
    private func keys(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let value = line.range(of: "  #").map { line[..<$0.lowerBound] } ?? line[...]
            return String(value.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    @Test func npmWorkspaces() throws {
        try repository("tag @acme/api@1.2.0\nbranch 1-2-stable")
        try sandbox.write("repo/package.json", #"{"name": "acme", "private": true, "workspaces": ["packages/*", "!packages/skip"]}"#)
        try sandbox.write("repo/packages/api/package.json", #"{"name": "@acme/api", "version": "1.2.0"}"#)
        try sandbox.write("repo/packages/web/package.json", #"{"name": "@acme/web", "version": "0.3.0"}"#)
        try sandbox.write("repo/packages/skip/package.json", #"{"name": "skip", "version": "0.0.1"}"#)
        try sandbox.write("repo/packages/notes/README.md", "no manifest here")
        let text = try dryRun()
        #expect(text.contains("# tag-prefix = \"v\""), "no version tag of the root")
        #expect(text.contains("# package.json is not listed: "), "the workspace root has no version")
        #expect(text.contains("# files = ["))
        #expect(text.contains("# maintenance branches found: 1-2-stable\npatch-only = ["))
        #expect(
            text.contains(
                """
                # [packages.api]  # npm workspace
                # path = "packages/api"
                # tag-prefix = "@acme/api@"
                # files = ["packages/api/package.json"]
                #
                # [packages.web]  # npm workspace
                # path = "packages/web"
                # tag-prefix = "@acme/web@"
                # files = ["packages/web/package.json"]
                """))
        #expect(!text.contains("skip"))
        #expect(!text.contains("notes"))
    }

    @Test func cargoWorkspace() throws {
        try repository("tag acme-core-v0.4.0\ntag v0.4.0")
        try sandbox.write("repo/Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.package]\nversion = \"0.4.0\"\n")
        try sandbox.write("repo/crates/core/Cargo.toml", "[package]\nname = \"acme-core\"\nversion = \"0.4.0\"\n")
        try sandbox.write("repo/crates/cli/Cargo.toml", "[package]\nname = \"acme-cli\"\nversion.workspace = true\n")
        let text = try dryRun()
        let found = keys(text)
        #expect(found.contains("tag-prefix = \"v\""))
        #expect(text.contains("# found on 1 version tag"))
        #expect(found.contains("files = [\"Cargo.toml\"]"))
        #expect(
            text.contains("# [packages.acme-cli]  # Cargo workspace member\n# path = \"crates/cli\"\n# tag-prefix = \"acme-cli-v\"\n#\n"))
        #expect(
            text.contains("# [packages.acme-core]  # Cargo workspace member\n# path = \"crates/core\"\n# tag-prefix = \"acme-core-v\"\n"))
        #expect(text.contains("# files = [\"crates/core/Cargo.toml\"]"))
        #expect(!found.contains { $0.hasPrefix("patch-only") }, "no maintenance branch")
    }

    @Test func pythonWithKeepAChangelog() throws {
        try repository("tag 1.0.0\ntag 1.1.0\nbranch release/1.0")
        try sandbox.write("repo/pyproject.toml", "[project]\nname = \"acme\"\nversion = \"1.1.0\"\n")
        try sandbox.write("repo/setup.py", "from setuptools import setup\nsetup(name=\"acme\", version=\"1.1.0\")\n")
        try sandbox.write("repo/VERSION", "1.1.0\n")
        try sandbox.write(
            "repo/CHANGELOG.md",
            """
            # Changelog
            All notable changes to this project will be documented in this file.
            The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).

            ## [Unreleased]

            ## [1.1.0] - 2026-11-20
            ### Added
            - A thing.

            """)
        let text = try dryRun()
        let found = keys(text)
        #expect(found.contains("tag-prefix = \"\""))
        #expect(found.contains("style = \"keep-a-changelog\""))
        #expect(found.contains("files = [\"pyproject.toml\", \"setup.py\", \"VERSION\"]"))
        #expect(text.contains("# maintenance branches found: release/1.0\n"))
        #expect(!text.contains("[packages."))
    }

    @Test func goMultiModule() throws {
        try repository("tag api/v1.0.0\ntag v1.0.0")
        sandbox.write(repoFile: "go.mod", "module example.com/acme\n")
        sandbox.write(repoFile: "api/go.mod", "module example.com/acme/api\n")
        sandbox.write(repoFile: "api/v2/go.mod", "module example.com/acme/api/v2\n")
        sandbox.write(repoFile: "tools/lint/go.mod", "module example.com/acme/tools/lint\n")
        sandbox.write(repoFile: "internal/x.go", "package internal\n")
        sandbox.write(repoFile: "api/testdata/mod/go.mod", "module example.com/fixture\n")
        sandbox.write(repoFile: "vendor/example.com/dep/go.mod", "module example.com/dep\n")
        let text = try dryRun()
        #expect(text.contains("# [packages.api]  # Go module\n# path = \"api\"\n# tag-prefix = \"api/v\"\n#\n"))
        #expect(text.contains("# [packages.lint]  # Go module\n# path = \"tools/lint\"\n# tag-prefix = \"tools/lint/v\"\n"))
        #expect(!text.contains("v2"))
        #expect(!text.contains("fixture"))
        #expect(!text.contains("[packages.dep]"), "vendored modules are not the repository's")
        #expect(keys(text).contains("tag-prefix = \"v\""))
    }

    @Test func plainRepositoryWritesOnceAndNeedsForceToOverwrite() throws {
        try repository()
        sandbox.write(
            repoFile: "Acme.podspec", "Pod::Spec.new do |s|\n  s.name = 'Acme'\n  s.version = '0.0.9'\n  s.swift_version = '5.9'\nend\n")
        sandbox.write(repoFile: "Package.swift", "// swift-tools-version:6.0\n")
        let written = try sandbox.changelog("init")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.hasPrefix("changelog: wrote ") && written.stderr.hasSuffix("/.changelog.toml\n"))
        let text = try sandbox.read("repo/.changelog.toml")
        #expect(text.contains(#"files = ["Acme.podspec:\\.version\\s*=\\s*['\"]([^'\"]+)['\"]"]"#))
        #expect(text.contains("# Package.swift is not listed: a Swift package's version is its tag alone\n"))
        #expect(text.contains("# tag-prefix = \"v\""))

        // The file it wrote is a valid configuration: the podspec's version is found through it.
        let next = try sandbox.changelog("next")
        #expect(next.status == 0, "\(next.stderr)")
        let release = try sandbox.changelog("release", "--dry-run", "--allow-dirty")
        #expect(release.status == 0, "\(release.stderr)")
        #expect((release.stdout + release.stderr).contains("Acme.podspec"), "\(release.stdout)\(release.stderr)")

        sandbox.write(repoFile: ".changelog.toml", "# mine\n")
        let refused = try sandbox.changelog("init")
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "changelog: error: .changelog.toml already exists; pass --force to overwrite it, or --dry-run to see what init would write\n"
        )
        #expect(try sandbox.read("repo/.changelog.toml") == "# mine\n")

        let forced = try sandbox.changelog("init", "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.hasPrefix("changelog: replaced "))
        #expect(try sandbox.read("repo/.changelog.toml") == text)
    }

    @Test func clogUsersAreToldAndTheirStyleFound() throws {
        try repository("tag v0.1.0")
        sandbox.write(repoFile: ".clog.toml", "[clog]\nrepository = \"https://github.com/acme/widget\"\n")
        sandbox.write(
            repoFile: "CHANGELOG.md",
            "<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-01-05)\n\n\n#### Features\n\n*   first ([1a2b3c4d](https://github.com/acme/widget/commit/1a2b3c4d))\n\n"
        )
        let text = try dryRun()
        #expect(keys(text).contains("style = \"clog\""))
        #expect(text.contains("# .clog.toml is read only while this file is absent: its settings are carried over below\n"))
        #expect(keys(text).contains("repository = \"https://github.com/acme/widget\""))

        // Written, the file keeps what .clog.toml said: its links and clog's style.
        #expect(try sandbox.changelog("init").status == 0)
        let generated = try sandbox.changelog("--setversion", "0.2.0")
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("https://github.com/acme/widget/commit/"))
    }

    @Test func anUnreadableClogFileIsNamed() throws {
        try repository()
        sandbox.write(repoFile: ".clog.toml", "[clog]\nrepository = 3\n")
        let text = try dryRun()
        #expect(text.contains("# but it could not be read (.clog.toml: "))
        #expect(text.contains("; copy its settings by hand\n"))
    }

    @Test func theRepositoryURLComesFromOrigin() throws {
        try repository()
        _ = try sandbox.git("remote", "add", "origin", "git@github.com:acme/widget.git")
        let text = try dryRun()
        #expect(text.contains("# repository = \"https://github.com/acme/widget\""))
    }
}

extension Sandbox {
    /// Writes a file into the repository's working tree.
    fileprivate func write(repoFile relative: String, _ text: String) {
        do {
            try write("repo/" + relative, text)
        } catch {
            Issue.record("cannot write \(relative): \(error)")
        }
    }
}
