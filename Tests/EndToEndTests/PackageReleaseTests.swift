import FixtureSupport
import Foundation
import Testing

/// `changelog release --all-packages` and `release -P a -P b`: several packages in one release
/// commit with a tag each, all or nothing; checked with git itself.
@Suite struct PackageReleaseTests {
    /// api has a feature, web a fix, docs only a docs commit since their 1.0.0 tags.
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
        write packages/web/index.js
        commit fix(web): render the header
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

        [packages.docs]
        path = "docs"

        """

    static func manifest(_ name: String, _ version: String, dependencies: String = "") -> String {
        "{\n  \"name\": \"@acme/\(name)\",\n  \"version\": \"\(version)\"\(dependencies)\n}\n"
    }

    /// The workspace checked out, with its manifests committed; `webDependencies` is the text after
    /// web's version member.
    static func scene(config: String = config, webDependencies: String = "") throws -> ReleaseScene {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: history)
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/packages/api/package.json", manifest("api", "1.0.0"))
        try sandbox.write("repo/packages/web/package.json", manifest("web", "1.0.0", dependencies: webDependencies))
        try sandbox.write("repo/.changelog.toml", config)
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: the manifests")
        return ReleaseScene(existing: sandbox)
    }

    /// Refs, history, status and every file a release of the workspace may write.
    static func state(_ scene: ReleaseScene) throws -> [String] {
        var state = [
            try scene.git("for-each-ref", "--format=%(refname) %(objectname)"),
            try scene.git("log", "--oneline", "--all"),
            try scene.git("status", "--porcelain", "--untracked-files=all"),
            try scene.git("ls-files", "--stage"),
        ]
        for file in ["packages/api/package.json", "packages/web/package.json"] {
            state.append(try scene.sandbox.read("repo/" + file))
        }
        for file in ["packages/api/CHANGELOG.md", "packages/web/CHANGELOG.md", "docs/CHANGELOG.md", "CHANGELOG.md"] {
            state.append((try? scene.sandbox.read("repo/" + file)) ?? "(none)")
        }
        return state
    }

    @Test func twoPackagesInOneCommitWithATagEach() throws {
        let scene = try Self.scene()
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == (try Sandbox.golden("packages/release-all.txt", actual: result.stdout)))

        // git's own view: one commit with the four files, both tags annotated on it.
        let shown = try scene.git("show", "--stat=200", "--format=%s", "HEAD")
        #expect(
            shown
                == """
                chore: tag api-v1.1.0, web-v1.0.1

                 packages/api/CHANGELOG.md | 8 ++++++++
                 packages/api/package.json | 2 +-
                 packages/web/CHANGELOG.md | 8 ++++++++
                 packages/web/package.json | 2 +-
                 4 files changed, 18 insertions(+), 2 deletions(-)

                """, "\(shown)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
        #expect(
            try scene.git("for-each-ref", "--format=%(objecttype) %(refname:short)", "refs/tags/api-v1.1.0", "refs/tags/web-v1.0.1")
                == "tag api-v1.1.0\ntag web-v1.0.1\n")
        #expect(try scene.git("status", "--porcelain") == "")
        #expect(try scene.sandbox.read("repo/packages/api/package.json") == Self.manifest("api", "1.1.0"))
        #expect(try scene.sandbox.read("repo/packages/web/package.json") == Self.manifest("web", "1.0.1"))
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/docs/CHANGELOG.md"))
        #expect(!scene.isPending)

        // Each tag's message is its package's title and notes, as `notes -P` prints them.
        for (name, tag) in [("api", "api-v1.1.0"), ("web", "web-v1.0.1")] {
            let notes = try scene.changelog("notes", "-P", name)
            #expect(notes.status == 0, "\(notes.stderr)")
            let message = try scene.git("tag", "-l", "--format=%(contents)", tag)
            #expect(message == "Release \(tag)\n\n" + notes.stdout + "\n", "\(message)")
        }
        let api = try scene.sandbox.read("repo/packages/api/CHANGELOG.md")
        #expect(api.contains("add the users endpoint") && !api.contains("render the header"))
        // Released: nothing left anywhere, the same status a single release gives.
        let again = try scene.changelog("release", "--all-packages")
        #expect(again.status == 2)
        #expect(
            again.stderr
                == "changelog: error: nothing to release in any package (api: HEAD is released as api-v1.1.0 already; "
                + "web: HEAD is released as web-v1.0.1 already; docs: 1 commit since docs-v1.0.0, none of them a feat, fix, perf "
                + "or breaking change); release one with -P NAME VERSION to release it anyway\n")
        let single = try scene.changelog("release", "-P", "docs")
        #expect(single.status == again.status)
        #expect(single.stderr.hasPrefix("changelog: error: nothing to release: 1 commit since docs-v1.0.0"), "\(single.stderr)")
    }

    @Test func aListOfPackagesSkipsOneWithNothingPending() throws {
        let scene = try Self.scene()
        let result = try scene.changelog("release", "-P", "api", "-P", "docs", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try Sandbox.golden("packages/release-list-dry-run.txt", actual: result.stdout)))
        #expect(try scene.git("status", "--porcelain") == "")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "")

        let real = try scene.changelog("release", "-P", "api", "-P", "docs")
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.hasPrefix("released api 1.1.0\n  api 1.1.0 (after api-v1.0.0)\n  skipped docs: nothing to release "))
        #expect(try scene.git("log", "-1", "--format=%s") == "chore: tag api-v1.1.0\n")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD") == "packages/api/CHANGELOG.md\npackages/api/package.json\n")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\n")
        // web was not asked for: untouched, its fix still pending.
        #expect(try scene.changelog("next", "-P", "web").stdout == "1.0.1\n")
    }

    @Test func aConfiguredMessageListsEveryPackage() throws {
        let scene = try Self.scene(
            config: Self.config + "[release]\ncommit-message = \"chore(release): {version}\"\ntag-message = \"{tag}\"\n")
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("log", "-1", "--format=%s") == "chore(release): api 1.1.0, web 1.0.1\n")
        #expect(try scene.git("tag", "-l", "--format=%(contents:subject)", "web-v1.0.1") == "web-v1.0.1\n")
    }

    /// Six packages: the default subject would list six tags (111 characters); it counts them
    /// instead, and the body lists them. The reflog and the report show the subject.
    @Test func manyPackagesGetAShortDefaultSubject() throws {
        let sandbox = try Sandbox()
        let names = (1...6).map { "package\($0)" }
        _ = try sandbox.build(text: names.map { "write \($0)/a.txt\ncommit feat(\($0)): start \($0)\n" }.joined())
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/.changelog.toml", names.map { "[packages.\($0)]\npath = \"\($0)\"\n" }.joined(separator: "\n"))
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: the packages")
        let scene = ReleaseScene(existing: sandbox)
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        let tags = names.map { "\($0)-v0.1.0" }
        #expect(try scene.git("log", "-1", "--format=%B") == "chore: release 6 packages\n\n" + tags.joined(separator: "\n") + "\n\n")
        #expect(try scene.git("reflog", "-1", "--format=%gs") == "commit: chore: release 6 packages\n")
        #expect(result.stdout.contains("\"chore: release 6 packages\" on "), "\(result.stdout)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == tags.joined(separator: "\n") + "\n")
    }

    /// The parts of one release share what they read alike (the template, `.mailmap`): each
    /// package's section is the template's, with the mapped name.
    @Test func everyPartRendersTheTemplateWithTheMailmap() throws {
        let scene = try Self.scene(
            config: "[changelog]\ntemplate = \"release.mustache\"\ncontributors = true\n\n" + Self.config)
        try scene.sandbox.write("repo/release.mustache", "## {{name}} of {{tag}}\n{{#contributors}}by {{name}}\n{{/contributors}}")
        try scene.sandbox.write("repo/.mailmap", "Countess Lovelace <ada@example.com>\n")
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "build: the template")
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        let api = try scene.sandbox.read("repo/packages/api/CHANGELOG.md")
        #expect(api.hasPrefix("# Changelog\n\n## 1.1.0 of api-v1.1.0\nby Countess Lovelace\n"), "\(api)")
        let web = try scene.sandbox.read("repo/packages/web/CHANGELOG.md")
        #expect(web.hasPrefix("# Changelog\n\n## 1.0.1 of web-v1.0.1\nby Countess Lovelace\n"), "\(web)")
        #expect(!api.contains("Ada") && !web.contains("Ada"))
    }

    /// Interrupted after the first tag: the tag, the commit and the files are all undone.
    @Test func aFailureAtTheSecondTagRollsBackTheFirst() throws {
        let scene = try Self.scene()
        let before = try Self.state(scene)
        let result = try scene.changelog("release", "--all-packages", environment: ["CHANGELOG_FAULT": "tag-1:term"])
        #expect(result.status == 143, "\(result.stderr)")
        #expect(result.stderr.contains("the release of api 1.1.0, web 1.0.1 was undone"), "\(result.stderr)")
        #expect(try Self.state(scene) == before)
        #expect(!scene.isPending)
        // A version file of the second package that cannot be updated stops the first one's release too.
        try scene.sandbox.write("repo/packages/web/package.json", "{\n  \"name\": \"@acme/web\"\n}\n")
        _ = try scene.git("commit", "-q", "-am", "build: web without a version")
        let broken = try Self.state(scene)
        let refused = try scene.changelog("release", "--all-packages")
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix("changelog: error: packages/web/package.json: no top-level \"version\" member"), "\(refused.stderr)")
        #expect(try Self.state(scene) == broken)
    }

    /// Killed between the tags: the journal records both, and `--abort` or `--continue` settles both.
    @Test func aPendingReleaseOfSeveralPackagesIsSettled() throws {
        for settle in ["--abort", "--continue"] {
            let scene = try Self.scene()
            let before = try Self.state(scene)
            let killed = try scene.changelog("release", "--all-packages", environment: ["CHANGELOG_FAULT": "tag-1:kill"])
            #expect(killed.status == SIGKILL)
            #expect(scene.isPending)
            #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\n")
            let refused = try scene.changelog("release", "--all-packages")
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("the release of api 1.1.0, web 1.0.1 was interrupted and is pending"), "\(refused.stderr)")
            let settled = try scene.changelog("release", settle)
            #expect(settled.status == 0, "\(settled.stderr)")
            #expect(!scene.isPending)
            if settle == "--abort" {
                #expect(settled.stdout.hasSuffix("no tag api-v1.1.0, web-v1.0.1\n"), "\(settled.stdout)")
                #expect(try Self.state(scene) == before)
            } else {
                #expect(settled.stdout.contains("  tagged api-v1.1.0, web-v1.0.1\n"), "\(settled.stdout)")
                #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
                #expect(try scene.git("status", "--porcelain") == "")
            }
        }
    }

    @Test func usageErrors() throws {
        let scene = try Self.scene()
        let both = try scene.changelog("release", "--all-packages", "-P", "api")
        #expect(both.status == 64)
        #expect(both.stderr.contains("--all-packages releases every package; drop -P/--package, or drop --all-packages"))
        let version = try scene.changelog("release", "--all-packages", "2.0.0")
        #expect(version.status == 64)
        #expect(version.stderr.contains("VERSION is one package's version"))
        let next = try scene.changelog("next", "-P", "api", "-P", "web")
        #expect(next.status == 64)
        #expect(
            next.stderr
                == "changelog: error: -P/--package names one package here, found 2; only release takes several (or --all-packages)\n")
        let unknown = try scene.changelog("release", "-P", "api", "-P", "nope")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "changelog: error: --package: no package named \"nope\"; configured packages: api, web, docs\n")
        try scene.sandbox.write("repo/.changelog.toml", "")
        let none = try scene.changelog("release", "--all-packages")
        #expect(none.status == 2)
        #expect(none.stderr.contains("no packages are configured"))
    }
}

extension PackageReleaseTests {
    /// `packages-in-root`: the root CHANGELOG.md gathers the released packages' sections in the
    /// same commit; a second release the same day gets its own section on top.
    @Test func theRootChangelogGathersThePackages() throws {
        let scene = try Self.scene(config: "[changelog]\npackages-in-root = true\n\n" + Self.config)
        try scene.sandbox.write("repo/CHANGELOG.md", "# Changelog\n\nThe workspace's releases.\n")
        _ = try scene.git("add", "CHANGELOG.md")
        _ = try scene.git("commit", "-q", "-m", "docs: the root changelog")
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  updated CHANGELOG.md: the 2026-11-21 section (api 1.1.0, web 1.0.1)\n"), "\(result.stdout)")
        #expect(
            try scene.git("show", "--format=", "--name-only", "HEAD")
                == "CHANGELOG.md\npackages/api/CHANGELOG.md\npackages/api/package.json\npackages/web/CHANGELOG.md\npackages/web/package.json\n"
        )
        let root = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(root == (try Sandbox.golden("packages/root-changelog.md", actual: root)))

        // Another api release the same day: a section of its own, on top; the first stays as it was.
        try scene.sandbox.write("repo/packages/api/index.js", "more\n")
        _ = try scene.git("commit", "-q", "-am", "fix(api): a second fix")
        let again = try scene.changelog("release", "-P", "api")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("released api 1.1.1\n"), "\(again.stdout)")
        let second = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(
            second.hasPrefix(
                "# Changelog\n\nThe workspace's releases.\n\n<a name=\"2026-11-21.2\"></a>\n## 2026-11-21.2\n\n### api 1.1.1\n\n"),
            "\(second)")
        #expect(second.hasSuffix(String(root.dropFirst("# Changelog\n\nThe workspace's releases.\n".count))), "\(second)")
    }

    /// Keep a Changelog's categories are level 3 in a package's file, level 4 under the package in the root.
    @Test func theRootChangelogInAnotherStyle() throws {
        let scene = try Self.scene(config: "[changelog]\npackages-in-root = true\nstyle = \"keep-a-changelog\"\n\n" + Self.config)
        let result = try scene.changelog("release", "-P", "web")
        #expect(result.status == 0, "\(result.stderr)")
        let root = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(
            root.hasPrefix(
                "# Changelog\n\n<a name=\"2026-11-21\"></a>\n## 2026-11-21\n\n### web 1.0.1\n\n#### Fixed\n\n- **web:** render the header"),
            "\(root)")
        #expect(try scene.sandbox.read("repo/packages/web/CHANGELOG.md").contains("### Fixed\n\n- **web:** render the header"))
    }
}

extension PackageReleaseTests {
    private static func sshSigning(_ scene: ReleaseScene, program: String? = nil) throws {
        let key = scene.sandbox.root + "/id_ed25519"
        let made = try scene.sandbox.run(
            "/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runner@example.com", "-f", key])
        try #require(made.status == 0, "ssh-keygen could not make a key: \(made.stderr)")
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        try scene.sandbox.write("allowed_signers", "runner@example.com \(publicKey)")
        _ = try scene.git("config", "gpg.format", "ssh")
        _ = try scene.git("config", "user.signingkey", key)
        _ = try scene.git("config", "gpg.ssh.allowedSignersFile", scene.sandbox.root + "/allowed_signers")
        if let program { _ = try scene.git("config", "gpg.ssh.program", program) }
    }

    @Test func everyPackageTagIsSigned() throws {
        let scene = try Self.scene()
        try Self.sshSigning(scene)
        let result = try scene.changelog("release", "--all-packages", "--sign")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  tagged api-v1.1.0 signed (ssh)\n  tagged web-v1.0.1 signed (ssh)\n"), "\(result.stdout)")
        for tag in ["api-v1.1.0", "web-v1.0.1"] {
            let verified = try scene.sandbox.run("/usr/bin/env", ["git", "tag", "-v", tag], in: scene.repo)
            #expect(verified.status == 0, "\(tag): \(verified.stderr)")
            #expect(verified.stderr.contains("Good \"git\" signature for runner@example.com"), "\(tag): \(verified.stderr)")
        }
    }

    /// The second package's signature fails: the first one's, made already, changes nothing either.
    @Test func aSignatureFailingForTheSecondTagChangesNothing() throws {
        let scene = try Self.scene()
        let program = scene.sandbox.root + "/once-ssh-keygen"
        let mark = scene.sandbox.root + "/signed-once"
        try scene.sandbox.write(
            "once-ssh-keygen",
            "#!/bin/sh\nif [ -e '\(mark)' ]; then echo 'signing failed: the agent refused' >&2; exit 1; fi\n"
                + "touch '\(mark)'\nexec ssh-keygen \"$@\"\n")
        chmod(program, 0o755)
        try Self.sshSigning(scene, program: program)
        let before = try Self.state(scene)
        let result = try scene.changelog("release", "--all-packages", "--sign")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("the agent refused"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: mark), "the first tag was signed")
        #expect(try Self.state(scene) == before)
        #expect(!scene.isPending)
    }
}
