import FixtureSupport
import Foundation
import Testing

/// `changelog release`: the whole procedure on a real repository, checked with git itself.
@Suite struct ReleaseCommandTests {
    @Test func releasesTheSuggestedVersionInOneCommitAndAnAnnotatedTag() throws {
        let scene = try ReleaseScene()
        // What `generate -C` makes of the same file, written outside the repository.
        try scene.sandbox.write("expected.md", try scene.sandbox.read("repo/CHANGELOG.md"))
        #expect(try scene.changelog("--setversion", "2.0.0", "-C", scene.sandbox.root + "/expected.md").status == 0)
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("released 2.0.0 (after v1.0.0)\n"))
        #expect(result.stdout.contains("  updated CHANGELOG.md: the 2.0.0 section\n"))
        #expect(result.stdout.contains("  updated VERSION: 1.0.0 -> 2.0.0\n"))
        #expect(result.stdout.contains("  updated package.json: 1.0.0 -> 2.0.0\n"))
        #expect(result.stdout.hasSuffix("  tagged v2.0.0\n\nnext: git push --follow-tags origin main\n"))

        #expect(
            try scene.git("log", "-1", "--format=%s%n%an <%ae>%n%cn <%ce>")
                == "chore: tag 2.0.0\nTest Runner <runner@example.com>\nTest Runner <runner@example.com>\n")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD") == "CHANGELOG.md\nVERSION\npackage.json\n")
        #expect(try scene.git("status", "--porcelain") == "")
        #expect(try scene.git("describe", "--exact-match", "HEAD") == "v2.0.0\n")
        #expect(try scene.sandbox.read("repo/VERSION") == "2.0.0\n")
        #expect(
            try scene.sandbox.read("repo/package.json")
                == ReleaseScene.packageJSON.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"2.0.0\""))

        // The changelog is exactly what `generate -C` writes, below the hand-written intro.
        let changelog = try scene.sandbox.read("repo/CHANGELOG.md")
        #expect(changelog == (try scene.sandbox.read("expected.md")))
        #expect(changelog.hasPrefix("# Changelog\n\nHand-written intro.\n\n<a name=\"2.0.0\"></a>\n"))

        // The tag's message is a title and the release notes, as `notes` prints them.
        let notes = try scene.changelog("notes")
        #expect(notes.status == 0)
        let tag = try scene.git("cat-file", "tag", "v2.0.0")
        let head = try scene.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        #expect(
            tag == "object \(head)\ntype commit\ntag v2.0.0\ntagger Test Runner <runner@example.com> 1795176000 +0000\n\nRelease 2.0.0\n\n"
                + notes.stdout)
        #expect(notes.stdout.hasPrefix("#### Breaking Changes\n\n* drop Python 2 support"))
        #expect(try scene.changelog("next").status == 3)
    }

    /// A 2.0.0 section prepared with `-C` and then edited by hand is what the release ships: it is
    /// kept, the tag carries its text, and `--force` regenerates it instead.
    @Test func aHandEditedSectionIsKeptUnlessForced() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("--setversion", "2.0.0", "-C", "CHANGELOG.md").status == 0)
        let generated = try scene.sandbox.read("repo/CHANGELOG.md")
        let edited = generated.replacingOccurrences(
            of: "#### Breaking Changes\n", with: "A hand-written word on 2.0.0.\n\n#### Breaking Changes\n")
        #expect(edited != generated)
        try scene.sandbox.write("repo/CHANGELOG.md", edited)
        _ = try scene.git("commit", "-q", "-am", "docs: the 2.0.0 notes")

        let dryRun = try scene.changelog("release", "--dry-run")
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stderr.contains("kept the 2.0.0 section of CHANGELOG.md as it is"), "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("A hand-written word on 2.0.0."))
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.sandbox.read("repo/CHANGELOG.md") == edited)
        #expect(try scene.git("cat-file", "tag", "v2.0.0").contains("A hand-written word on 2.0.0."))

        let forced = try ReleaseScene()
        #expect(try forced.changelog("--setversion", "2.0.0", "-C", "CHANGELOG.md").status == 0)
        try forced.sandbox.write("repo/CHANGELOG.md", edited)
        _ = try forced.git("commit", "-q", "-am", "docs: the 2.0.0 notes")
        let regenerated = try forced.changelog("release", "--force")
        #expect(regenerated.status == 0, "\(regenerated.stderr)")
        #expect(try forced.sandbox.read("repo/CHANGELOG.md") == generated)
    }

    @Test func anExplicitVersionAndSeparateCommits() throws {
        let scene = try ReleaseScene(
            config: """
                [release]
                files = ["VERSION"]
                separate-commits = true
                commit-message = "chore(release): {tag}"

                """)
        let result = try scene.changelog("release", "1.1.0-rc.1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("log", "-2", "--format=%s") == "chore(release): v1.1.0-rc.1\ndocs: changelog for 1.1.0-rc.1\n")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD~1") == "CHANGELOG.md\n")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD") == "VERSION\n")
        #expect(try scene.git("describe", "--exact-match", "HEAD") == "v1.1.0-rc.1\n")
    }

    @Test func aDryRunShowsEveryStepAndChangesNothing() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let result = try scene.changelog("release", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                """
                dry run: release 2.0.0 (after v1.0.0); nothing was changed
                  would update CHANGELOG.md: the 2.0.0 section
                  would update VERSION: 1.0.0 -> 2.0.0
                  would update package.json: 1.0.0 -> 2.0.0
                  would commit "chore: tag 2.0.0" on main
                  would tag v2.0.0

                release notes:

                #### Breaking Changes

                """))
        #expect(try scene.state() == before)
    }

    @Test func aPrereleaseLineAndTheTagPrefix() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", "--prerelease", "rc").status == 0)
        #expect(try scene.git("tag", "--points-at", "HEAD") == "v2.0.0-rc.1\n")
        #expect(try scene.sandbox.read("repo/VERSION") == "2.0.0-rc.1\n")
    }

    @Test func pushCommandFollowsTheBranchsRemote() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("config", "branch.main.remote", "upstream")
        let result = try scene.changelog("release")
        #expect(result.stdout.hasSuffix("next: git push --follow-tags upstream main\n"))
    }

    // MARK: - Preflight: each refusal changes nothing

    private func expectRefusal(
        _ scene: ReleaseScene, _ arguments: [String], status: Int32 = 2, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try scene.state()
        let result = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        if status == 2 {
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(try scene.state() == before, sourceLocation: sourceLocation)
    }

    @Test func refusesUncommittedChanges() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/VERSION", "1.0.0-dev\n")
        try expectRefusal(
            scene, ["release"], containing: "uncommitted changes in VERSION; commit or stash them first, or pass --allow-dirty")
        try scene.sandbox.write("repo/VERSION", "1.0.0\n")
        try scene.sandbox.write("repo/notes.txt", "staged\n")
        _ = try scene.git("add", "notes.txt")
        try expectRefusal(scene, ["release"], containing: "uncommitted changes in notes.txt")
    }

    @Test func allowDirtyKeepsOtherChangesOutOfTheCommit() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/notes.txt", "staged\n")
        _ = try scene.git("add", "notes.txt")
        try scene.sandbox.write("repo/changes/1.txt", "edited\n")
        let result = try scene.changelog("release", "--allow-dirty")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD") == "CHANGELOG.md\nVERSION\npackage.json\n")
        #expect(try scene.git("status", "--porcelain") == " M changes/1.txt\nA  notes.txt\n")
    }

    @Test func allowDirtyStillRefusesChangesToTheFilesItWrites() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/CHANGELOG.md", "# Changelog\n\nHand-written intro, edited.\n\n")
        try expectRefusal(
            scene, ["release", "--allow-dirty"],
            containing: "uncommitted changes in CHANGELOG.md, which the release writes; commit or stash them first, even with --allow-dirty"
        )
    }

    @Test func autocrlfCommitsWhatGitAddWould() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("config", "core.autocrlf", "true")
        _ = try scene.git("rm", "-q", "--cached", "-r", ".")
        _ = try scene.git("reset", "-q", "--hard")
        #expect(try scene.sandbox.read("repo/VERSION") == "1.0.0\r\n")
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scene.git("show", "HEAD:VERSION") == "2.0.0\n")
        #expect(try scene.git("status", "--porcelain") == "")
    }

    @Test func aSymlinkedChangelogCommitsTheFileItPointsAt() throws {
        let scene = try ReleaseScene()
        try FileManager.default.createDirectory(atPath: scene.repo + "/docs", withIntermediateDirectories: true)
        _ = try scene.git("mv", "CHANGELOG.md", "docs/CHANGELOG.md")
        try FileManager.default.createSymbolicLink(atPath: scene.repo + "/CHANGELOG.md", withDestinationPath: "docs/CHANGELOG.md")
        _ = try scene.git("add", "CHANGELOG.md")
        _ = try scene.git("commit", "-q", "-m", "docs: move the changelog")
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  updated docs/CHANGELOG.md: the 2.0.0 section\n"))
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD") == "VERSION\ndocs/CHANGELOG.md\npackage.json\n")
        #expect(try scene.git("ls-tree", "HEAD", "CHANGELOG.md").hasPrefix("120000 "))
        #expect(try scene.git("status", "--porcelain") == "")
    }

    @Test func pathsAreNormalisedAndMissingDirectoriesRefused() throws {
        let scene = try ReleaseScene(config: "[changelog]\nchangelog = \"./docs/../CHANGELOG.md\"\n[release]\nfiles = [\"./VERSION\"]\n")
        let result = try scene.changelog("release", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  would update CHANGELOG.md: the 2.0.0 section\n  would update VERSION: 1.0.0 -> 2.0.0\n"))
        try scene.sandbox.write("repo/.changelog.toml", "[changelog]\nchangelog = \"docs/CHANGES.md\"\n")
        _ = try scene.git("commit", "-q", "-am", "build: changelog in docs")
        try expectRefusal(
            scene, ["release", "--dry-run"],
            containing: "the directory docs of docs/CHANGES.md does not exist; create it (mkdir -p docs) or fix the path")
    }

    @Test func aPrereleaseAtHeadCanBePromoted() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", "--prerelease", "rc").status == 0)
        #expect(try scene.changelog("next").stdout == "2.0.0\n")
        let final = try scene.changelog("release")
        #expect(final.status == 0, "\(final.stderr)")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "v2.0.0\n")
        try expectRefusal(scene, ["release", "2.0.1"], containing: "HEAD is already released as v2.0.0")
    }

    @Test func aCloneBehindItsOwnReleaseTagIsRefused() throws {
        let scene = try ReleaseScene()
        // Someone released 2.0.0 from a later commit of main; this clone has the tag but not the commit.
        let ahead = try scene.git("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "chore: tag 2.0.0").trimmingCharacters(in: .newlines)
        _ = try scene.git("tag", "-a", "-m", "Release 2.0.0", "v2.0.0", ahead)
        try expectRefusal(
            scene, ["release"], containing: "HEAD is behind v2.0.0, which was released from a later commit of this branch; pull first")
    }

    @Test func untrackedFilesDoNotBlockARelease() throws {
        let scene = try ReleaseScene()
        try scene.sandbox.write("repo/scratch.txt", "mine\n")
        #expect(try scene.changelog("release").status == 0)
        #expect(try scene.git("status", "--porcelain") == "?? scratch.txt\n")
    }

    @Test func refusesADetachedHeadUnlessAllowed() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("checkout", "-q", "--detach")
        try expectRefusal(scene, ["release"], containing: "HEAD is detached at")
        let result = try scene.changelog("release", "--allow-detached")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("next: git push origin v2.0.0\n"))
        #expect(try scene.git("describe", "--exact-match", "HEAD") == "v2.0.0\n")
        #expect(try scene.git("log", "-1", "--format=%s", "main") == "build: version files\n")
    }

    @Test func refusesVersionsThatAreTakenOrNotHigher() throws {
        let scene = try ReleaseScene()
        try expectRefusal(scene, ["release", "1.0.0"], containing: "1.0.0 is not greater than the current version 1.0.0 (v1.0.0)")
        try expectRefusal(scene, ["release", "0.9.0"], containing: "is not greater than the current version")
        // Tags of another branch: not reachable, so not the current version, but their names are taken.
        let side = try scene.git("commit-tree", "HEAD^{tree}", "-p", "v1.0.0^{commit}", "-m", "fix: on a side branch")
            .trimmingCharacters(in: .newlines)
        _ = try scene.git("tag", "v2.0.0", side)
        try expectRefusal(scene, ["release", "2.0.0"], containing: "the tag v2.0.0 already exists")
        // The suggestion steps past a taken version instead.
        #expect(try scene.changelog("release", "--dry-run").stdout.hasPrefix("dry run: release 3.0.0 (after v1.0.0)"))
        _ = try scene.git("tag", "3.0.0", side)
        try expectRefusal(scene, ["release", "v3.0.0"], containing: "the tag 3.0.0 already exists")
        // The same version under the other spelling is taken too.
        try scene.sandbox.write("repo/.changelog.toml", "[changelog]\ntag-prefix = \"v\"\n")
        _ = try scene.git("commit", "-q", "-am", "build: tags start with v")
        try expectRefusal(scene, ["release", "3.0.0"], containing: "3.0.0 is already released as the tag 3.0.0")
        try expectRefusal(scene, ["release", "1.2"], status: 64, containing: "'1.2' is not a semantic version")
        try expectRefusal(scene, ["release", "1.2.0", "--prerelease", "rc"], status: 64, containing: "--prerelease chooses the version")
    }

    @Test func refusesWhenHeadIsAlreadyAReleaseOrNothingIsDue() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("tag", "-a", "-m", "Release 1.5.0", "v1.5.0")
        try expectRefusal(scene, ["release"], containing: "HEAD is already released as v1.5.0")
        try scene.sandbox.write("repo/README.md", "docs\n")
        _ = try scene.git("add", "README.md")
        _ = try scene.git("commit", "-q", "-m", "docs: a readme")
        try expectRefusal(
            scene, ["release"], containing: "nothing to release: 1 commit since v1.5.0, none of them a feat, fix, perf or breaking change")
        #expect(
            try scene.changelog("release", "1.5.1", "--dry-run").stdout.hasSuffix(
                "\nrelease notes: none (no commit in the range is listed in a changelog section)\n"))
        #expect(try scene.changelog("release", "1.5.1").status == 0)
        #expect(try scene.git("cat-file", "tag", "v1.5.1").hasSuffix("\n\nRelease 1.5.1\n"))
    }

    @Test func refusesAVersionFileWithoutAVersionBeforeWritingAnything() throws {
        let scene = try ReleaseScene(config: "[release]\nfiles = [\"VERSION\", \"pyproject.toml\"]\n")
        try scene.sandbox.write("repo/pyproject.toml", "[project]\nname = \"widget\"\n")
        _ = try scene.git("add", "pyproject.toml")
        _ = try scene.git("commit", "-q", "-m", "build: pyproject")
        try expectRefusal(scene, ["release"], containing: "pyproject.toml:")
        try scene.sandbox.write("repo/.changelog.toml", "[release]\nfiles = [\"setup.py\"]\n")
        _ = try scene.git("commit", "-q", "-am", "build: setup.py")
        try expectRefusal(scene, ["release"], containing: "cannot read setup.py, listed in [release] files: no such file")
    }

    @Test func refusesWithoutAnIdentity() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let result = try scene.changelog("release", environment: ["GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": ""])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: no committer identity: user.name and user.email are not set; run `git config user.name \"Your Name\"` and `git config user.email you@example.com`\n"
        )
        #expect(try scene.state() == before)
        // git's own configuration is the other source, as for git commit.
        _ = try scene.git("config", "user.name", "Config Person")
        _ = try scene.git("config", "user.email", "config@example.com")
        let configured = try scene.changelog("release", environment: ["GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": ""])
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(try scene.git("log", "-1", "--format=%cn <%ce>") == "Config Person <config@example.com>\n")
    }

    // MARK: - All or nothing

    /// A lock file left by a concurrent git makes a late step fail: every earlier step is undone.
    @Test(arguments: ["refs/tags/v2.0.0.lock", "refs/heads/main.lock", "index.lock"])
    func aFailingStepPutsEverythingBack(_ lock: String) throws {
        let scene = try ReleaseScene()
        _ = try scene.git("tag", "-a", "-m", "keep", "keep")
        let before = try scene.state()
        try scene.sandbox.write("repo/.git/" + lock, "")
        let result = try scene.changelog("release")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("changelog: error: the release of 2.0.0 failed and was undone: "), "\(result.stderr)")
        #expect(
            result.stderr.contains("another git process may be running: wait for it, or remove the lock file if none is"),
            "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        // The message names the file to remove, whichever lock it is.
        #expect(result.stderr.contains("/.git/\(lock)'"), "\(result.stderr)")
        try FileManager.default.removeItem(atPath: scene.repo + "/.git/" + lock)
        #expect(try scene.state() == before)
        #expect(try scene.changelog("release").status == 0)
    }
}
