import FixtureSupport
import Foundation
import Testing

/// Releases of packages in the corners a monorepo gets into: packages sharing a changelog, versions
/// tagged on other branches, a dependent released at HEAD, a package whose directory is gone.
@Suite struct PackageReleaseEdgeTests {
    /// api has a feature since 1.0.0, docs only a docs commit; web depends on api.
    static let history = """
        write packages/api/index.js
        write packages/web/index.js
        write docs/index.md
        commit chore: the workspace
        tag api-v1.0.0
        tag web-v1.0.0
        tag docs-v1.0.0
        write packages/api/index.js
        commit feat(api): add the users endpoint
        write docs/index.md
        commit docs: the guide
        """

    static let config = """
        [packages.api]
        path = "packages/api"
        files = ["packages/api/package.json"]

        [packages.web]
        path = "packages/web"
        files = ["packages/web/package.json"]
        depends-on = ["api"]

        [packages.docs]
        path = "docs"

        """

    static let web = "{\n  \"name\": \"@acme/web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": { \"@acme/api\": \"^1.0.0\" }\n}\n"

    static func scene(config: String = config) throws -> ReleaseScene {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: history)
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/packages/api/package.json", "{\n  \"name\": \"@acme/api\",\n  \"version\": \"1.0.0\"\n}\n")
        try sandbox.write("repo/packages/web/package.json", web)
        try sandbox.write("repo/.changelog.toml", config)
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: the manifests")
        return ReleaseScene(existing: sandbox)
    }

    /// Two packages, a and b, each with a feature since 1.0.0; `config` is the whole file.
    static func twoPackages(config: String) throws -> ReleaseScene {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                write a/index.js
                write b/index.js
                commit chore: the packages
                tag a-v1.0.0
                tag b-v1.0.0
                write a/index.js
                commit feat: in a
                write b/index.js
                commit feat: in b
                """)
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/.changelog.toml", config)
        try sandbox.write("repo/CHANGES.md", "# Changes\n")
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: the configuration")
        return ReleaseScene(existing: sandbox)
    }

    /// One file cannot hold a section of 1.1.0 for each of two packages: the second package's would
    /// be taken for the first's, and its tag would carry the other package's notes. Every command
    /// that reads the packages refuses the configuration, naming both packages and the file.
    @Test func packagesSharingAChangelogAreRefused() throws {
        let scene = try Self.twoPackages(
            config: "[packages.a]\npath = \"a\"\nchangelog = \"CHANGES.md\"\n\n[packages.b]\npath = \"b\"\nchangelog = \"./CHANGES.md\"\n")
        let before = try scene.git("for-each-ref")
        let expected =
            "changelog: error: .changelog.toml: line 7: key 'packages.b.changelog': packages \"a\" and \"b\" both write their changelog to "
            + "\"CHANGES.md\"; give each package its own changelog, and set [changelog] packages-in-root = true for one file that also "
            + "gathers every package's releases\n"
        for arguments in [
            ["release", "--all-packages"], ["release", "-P", "b"], ["status"], ["generate", "-P", "a"], ["next", "-P", "a"],
        ] {
            let result = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments): \(result.stderr)")
            #expect(result.stdout == "")
        }
        #expect(try scene.git("for-each-ref") == before)
        #expect(try scene.sandbox.read("repo/CHANGES.md") == "# Changes\n")

        // A package's default changelog (in its first path) counts as well.
        try scene.sandbox.write(
            "repo/.changelog.toml", "[packages.a]\npath = \"a\"\n\n[packages.b]\npath = \"b\"\nchangelog = \"a/CHANGELOG.md\"\n")
        let shared = try scene.changelog("status")
        #expect(shared.status == 2)
        #expect(shared.stderr.hasPrefix("changelog: error: .changelog.toml: line 6: key 'packages.b.changelog': packages \"a\" and \"b\""))
    }

    /// Through a symbolic link two configured changelogs are one file: the release finds that out
    /// once the paths are resolved, and refuses before anything is written or tagged.
    @Test func packagesSharingAChangelogThroughALinkAreRefused() throws {
        let scene = try Self.twoPackages(config: "[packages.a]\npath = \"a\"\n\n[packages.b]\npath = \"b\"\nchangelog = \"CHANGES.md\"\n")
        try FileManager.default.createSymbolicLink(atPath: scene.repo + "/a/CHANGELOG.md", withDestinationPath: "../CHANGES.md")
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "build: one changelog")
        let before = try scene.git("for-each-ref")
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: packages a and b both write their changelog to CHANGES.md; give each package its own changelog, "
                + "and set [changelog] packages-in-root = true for one file that also gathers every package's releases\n")
        #expect(try scene.git("for-each-ref") == before)
        #expect(try scene.sandbox.read("repo/CHANGES.md") == "# Changes\n")
    }

    /// web 1.0.1 and api 1.1.0 were tagged on another branch: api's feature skips to 1.2.0, and
    /// web's release with it skips 1.0.1 just as a fix of web's own would.
    @Test func aDependentPassesOverVersionsTaggedElsewhere() throws {
        let scene = try Self.scene()
        _ = try scene.git("checkout", "-q", "-b", "other", "HEAD~2")
        try scene.sandbox.write("repo/packages/web/other.js", "other\n")
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "fix(web): on the other branch")
        _ = try scene.git("tag", "web-v1.0.1")
        _ = try scene.git("tag", "api-v1.1.0")
        _ = try scene.git("checkout", "-q", "main")
        let all = try scene.changelog("release", "--all-packages", "--dry-run")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("dry run: release api 1.2.0, web 1.0.2; nothing was changed\n"), "\(all.stdout)")
        let named = try scene.changelog("release", "-P", "api", "1.3.0", "--dry-run")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.hasPrefix("dry run: release api 1.3.0, web 1.0.2; nothing was changed\n"), "\(named.stdout)")
        let result = try scene.changelog("release", "-P", "api")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.2.0\nweb-v1.0.2\n")
        #expect(
            try scene.sandbox.read("repo/packages/web/package.json")
                == Self.web.replacingOccurrences(of: "1.0.0\",\n", with: "1.0.2\",\n").replacingOccurrences(of: "^1.0.0", with: "^1.2.0"))
    }

    /// web's last release is at HEAD: the release of api makes a new commit, which holds web's new
    /// requirement on api, so web 1.0.1 goes on it too rather than stopping api's release.
    @Test func aDependentReleasedAtHeadIsReleasedWithItsDependency() throws {
        let scene = try Self.scene()
        _ = try scene.git("tag", "-f", "-a", "-m", "Release web-v1.0.0", "web-v1.0.0", "HEAD")
        let all = try scene.changelog("release", "--all-packages", "--dry-run")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("dry run: release api 1.1.0, web 1.0.1; nothing was changed\n"), "\(all.stdout)")
        let result = try scene.changelog("release", "-P", "api")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
        #expect(
            try scene.sandbox.read("repo/packages/web/CHANGELOG.md")
                == "# Changelog\n\n<a name=\"1.0.1\"></a>\n## 1.0.1 (2026-11-21)\n\n#### Dependencies\n\n* **deps:** api 1.1.0\n")
        #expect(try scene.git("status", "--porcelain") == "")
        // Released on the new commit: nothing left for web there.
        let web = try scene.changelog("release", "-P", "web")
        #expect(web.status == 2)
        #expect(web.stderr == "changelog: error: HEAD is already released as web-v1.0.1; commit the changes to release first\n")
    }

    /// docs was removed but is still configured: with nothing to release, it is skipped with its
    /// one line before its files are looked for, after the warning that its path is gone.
    @Test func aRemovedPackageIsSkipped() throws {
        let scene = try Self.scene()
        _ = try scene.git("rm", "-r", "-q", "docs")
        _ = try scene.git("commit", "-q", "-m", "chore: remove the docs package")
        let warning = "changelog: warning: package docs: docs is not in HEAD's tree; check [packages.docs] path\n"
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == warning)
        #expect(
            result.stdout.contains(
                "  skipped docs: nothing to release (2 commits since docs-v1.0.0, none of them a feat, fix, perf or breaking change)\n"),
            "\(result.stdout)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/docs"))
    }

    /// A mistyped path: no commit and no tag, so nothing is pending, rather than a first release of
    /// an empty package.
    @Test func aPackageWithoutCommitsHasNothingPending() throws {
        let scene = try Self.scene(config: Self.config + "\n[packages.ghost]\npath = \"packages/nope\"\n")
        let warning = "changelog: warning: package ghost: packages/nope is not in HEAD's tree; check [packages.ghost] path\n"
        let status = try scene.changelog("status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stderr == warning)
        #expect(status.stdout.contains("\nghost  -      -> -      0 commits  none\n"), "\(status.stdout)")
        let result = try scene.changelog("release", "--all-packages", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == warning)
        #expect(result.stdout.hasPrefix("dry run: release api 1.1.0, web 1.0.1; nothing was changed\n"), "\(result.stdout)")
        #expect(result.stdout.contains("  skipped ghost: nothing to release (0 commits yet, "), "\(result.stdout)")
    }

    /// `status` shows what `release --all-packages` releases: web, with no change of its own, is
    /// released with api.
    @Test func statusShowsTheDependentsReleasedWithTheirDependency() throws {
        let scene = try Self.scene()
        let status = try scene.changelog("status")
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("api   1.0.0  -> 1.1.0  2 commits  minor ("), "\(status.stdout)")
        #expect(lines[1] == "web   1.0.0  -> 1.0.1  1 commit   dependency (api 1.1.0)", "\(status.stdout)")
        #expect(lines[2] == "docs  1.0.0  -> -      1 commit   none", "\(status.stdout)")
        let json = try scene.changelog("status", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let packages = try #require(object["packages"] as? [[String: Any]])
        #expect(packages[1]["next"] as? String == "1.0.1")
        #expect(packages[1]["nextTag"] as? String == "web-v1.0.1")
        #expect(packages[1]["bump"] as? String == "dependency")
        let release = try scene.changelog("release", "--all-packages", "--dry-run")
        #expect(release.stdout.hasPrefix("dry run: release api 1.1.0, web 1.0.1; nothing was changed\n"), "\(release.stdout)")
    }
}
