import FixtureSupport
import Foundation
import Testing

/// Bad input gets one clear line on stderr and the documented exit status.
@Suite struct ErrorTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    private func expectOneLineError(
        _ result: Sandbox.Result, status: Int32, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        if status == 2 {
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func notARepository() throws {
        try FileManager.default.createDirectory(atPath: sandbox.root + "/plain", withIntermediateDirectories: true)
        let result = try sandbox.changelog([], in: sandbox.root + "/plain")
        expectOneLineError(
            result, status: 2,
            containing: "the current directory is not inside a git repository; run the command inside one or pass --repo PATH")
        // Named by --repo, the advice is about that path, not "pass --repo".
        let named = try sandbox.changelog(["next", "--repo", sandbox.root + "/plain"], in: sandbox.root)
        expectOneLineError(
            named, status: 2,
            containing: "--repo \(sandbox.root)/plain: not a git repository (or any of its parent directories); "
                + "give the path of a working tree, or of a bare repository")
        #expect(!named.stderr.contains("pass --repo"))
    }

    @Test func emptyRepository() throws {
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/repo", in: sandbox.root)
        let result = try sandbox.changelog("--setversion", "1.0.0")
        expectOneLineError(result, status: 2, containing: "no commits yet")
    }

    @Test func nextAndCheckInAnEmptyRepository() throws {
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/repo", in: sandbox.root)
        expectOneLineError(try sandbox.changelog("next"), status: 2, containing: "no commits yet")
        let check = try sandbox.changelog("check")
        #expect(check.status == 0)
        #expect(check.stdout == "checked 0 commits: 0 failed, 0 ignored\n")
    }

    /// `--setversion` names a section as clog does; `release` keeps requiring a semantic version.
    @Test func versionThatIsNotSemver() throws {
        _ = try sandbox.build(history: "widget")
        let named = try sandbox.changelog("--setversion", "1.4")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(
            named.stdout.hasPrefix("<a name=\"1.4\"></a>\n## [1.4](https://github.com/acme/widget/compare/v1.0.0...HEAD) (2026-11-21)\n"))
        let result = try sandbox.changelog("release", "1.4", "--dry-run")
        #expect(result.status == 64)
        #expect(result.stderr.contains("'1.4' is not a semantic version"))
    }

    @Test func anUnknownStyleIsOneLineAndExitTwo() throws {
        _ = try sandbox.build(history: "widget")
        for arguments in [["--style", "fancy"], ["notes", "--style", "fancy"], ["release", "--style", "fancy", "--dry-run"]] {
            let result = try sandbox.changelog(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown style 'fancy'; use one of default, clog, keep-a-changelog, conventional\n"))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
        }
        try sandbox.write("repo/.changelog.toml", "[changelog]\nstyle = \"fancy\"\n")
        let configured = try sandbox.changelog("--setversion", "1.1.0")
        #expect(configured.status == 2)
        #expect(configured.stderr.contains(".changelog.toml") && configured.stderr.contains("style"))
    }

    @Test func conflictingVersionChoices() throws {
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("--setversion", "1.4.0", "--minor")
        #expect(result.status == 64)
        #expect(result.stderr.contains("choose one of"))
    }

    @Test func unknownRevision() throws {
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("--from", "v9.9.9")
        expectOneLineError(result, status: 2, containing: "'v9.9.9' is not a known revision")
    }

    /// A range written backwards is git's empty range, with one line saying which way it goes.
    @Test func aBackwardsRangeSaysSo() throws {
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("--from", "HEAD", "--to", "HEAD~2")
        #expect(result.status == 0)
        #expect(
            result.stderr
                == "changelog: warning: --from HEAD comes after --to HEAD~2, so the range between them holds no commit; swap them\n")
        #expect(try sandbox.changelog("--from", "HEAD~2", "--to", "HEAD").stderr.isEmpty)
    }

    @Test func jsonCannotBeMergedIntoAFile() throws {
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("-T", "json", "-C", "CHANGELOG.md")
        #expect(result.status == 64)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/CHANGELOG.md"))
    }

    @Test func badConfigurationNamesFileAndKey() throws {
        _ = try sandbox.build(history: "widget")
        try sandbox.write("repo/.changelog.toml", "[changelog]\nlink-style = \"bitbucket\"\n")
        let result = try sandbox.changelog("--setversion", "1.1.0", "-C", "CHANGELOG.md")
        expectOneLineError(result, status: 2, containing: ".changelog.toml")
        #expect(result.stderr.contains("link-style"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/repo/CHANGELOG.md"))
    }

    @Test func missingConfigurationFile() throws {
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("-c", "nope.toml")
        expectOneLineError(result, status: 2, containing: "nope.toml does not exist")
    }

    @Test func noTagsAtAllMeansTheWholeHistory() throws {
        _ = try sandbox.build(
            text: """
                commit feat: one
                commit fix: two
                commit chore: three
                """)
        let result = try sandbox.changelog("--setversion", "0.1.0")
        #expect(result.status == 0)
        #expect(result.stdout.contains("* one ("))
        #expect(result.stdout.contains("* two ("))
        #expect(result.stdout.hasPrefix("<a name=\"0.1.0\"></a>\n## 0.1.0 (2026-11-21)\n"))
    }
}

/// `release`, `notes` and `backports` where there is little or no history to work with.
@Suite struct ReleaseInputTests {
    @Test func anEmptyRepositoryHasNothingToRelease() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/repo", in: sandbox.root)
        for (arguments, message) in [
            (["release"], "the repository has no commits yet; commit something before releasing"),
            (["notes"], "the repository has no commits yet, so no release to show"),
            (["backports", "--onto", "main"], "the repository has no commits yet; nothing to backport"),
            // The backwards-range check leaves an empty repository to generate's own sentence.
            (["--from", "HEAD"], "the repository has no commits yet; commit something before generating a changelog"),
        ] {
            let result = try sandbox.changelog(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr == "changelog: error: \(message)\n")
        }
    }

    /// Without any tag the first release is `[bump] initial`, and its section has no compare link.
    @Test func theFirstReleaseOfAnUntaggedHistory() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "remote origin git@github.com:acme/widget.git\ncommit feat: one\ncommit fix: two\n")
        _ = try sandbox.git("reset", "-q", "--hard")
        let result = try sandbox.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("released 0.1.0 (the first release)\n"))
        #expect(try sandbox.git("tag", "--points-at", "HEAD") == "v0.1.0\n")
        #expect(try sandbox.read("repo/CHANGELOG.md").contains("\n## 0.1.0 (2026-11-21)\n"))
    }

    /// A shallow clone cut above the fork point cannot tell what was picked: it says how to fetch.
    @Test func backportsInAShallowCloneAskForTheHistory() throws {
        let sandbox = try Sandbox()
        let fixture = try sandbox.build(history: "stable")
        _ = try sandbox.git(
            "clone", "-q", "--depth", "3", "--no-single-branch", "file://" + fixture.path, sandbox.root + "/shallow", in: sandbox.root)
        let result = try sandbox.changelog(["backports", "--onto", "origin/1-3-stable"], in: sandbox.root + "/shallow")
        #expect(result.status == 2)
        #expect(
            result.stderr.hasSuffix(
                "this shallow clone does not reach back to where the two branches forked; run `git fetch --unshallow` (in CI: fetch-depth: 0)\n"
            ), "\(result.stderr)")
    }
}
