import FixtureSupport
import Foundation
import Testing

/// `changelog check` over ranges and message files, and the commit-msg hook in a real `git commit`.
@Suite struct CheckCommandTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test func theDefaultRangeIsSinceTheLatestTag() throws {
        let result = try sandbox.changelog("check")
        #expect(result.status == 0)
        #expect(result.stdout == "checked 3 commits: 0 failed, 0 ignored\n")
    }

    @Test func aRangeWithAnInvalidCommitFails() throws {
        let result = try sandbox.changelog("check", "v0.1.0..v1.0.0")
        #expect(result.status == 1)
        let id = try sandbox.git("log", "--format=%h", "--abbrev=8", "-1", "--grep=^Update README").trimmingCharacters(in: .newlines)
        #expect(result.stdout.contains("✖ \(id) Update README\n  header-format (line 1, column 7): "))
        #expect(result.stdout.contains("    Update README\n          ^\n"))
        #expect(result.stdout.hasSuffix("checked 13 commits: 1 failed, 4 ignored\n"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour without a terminal")
    }

    @Test func jsonFollowsTheContract() throws {
        let result = try sandbox.changelog("check", "v0.1.0..v1.0.0", "--format", "json")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        #expect(object["checked"] as? Int == 13)
        #expect(object["failed"] as? Int == 1)
        let results = try #require(object["results"] as? [[String: Any]])
        let kinds = results.map { $0["kind"] as? String ?? "?" }
        #expect(kinds.filter { $0 == "revert" }.count == 2)
        #expect(kinds.filter { $0 == "merge" }.count == 1)
        #expect(kinds.filter { $0 == "fixup" }.count == 1)
        let invalid = try #require(results.first { $0["valid"] as? Bool == false })
        #expect(invalid["header"] as? String == "Update README")
        #expect((invalid["id"] as? String)?.count == 40)
        #expect(invalid["commit"] is NSNull)
        let errors = try #require(invalid["errors"] as? [[String: Any]])
        #expect(errors.first?["rule"] as? String == "header-format")
        #expect(errors.first?["line"] as? Int == 1)
        let breaking = try #require(results.first { ($0["header"] as? String)?.hasPrefix("feat(api)!") == true })
        let commit = try #require(breaking["commit"] as? [String: Any])
        #expect(commit["type"] as? String == "feat")
        #expect(commit["scope"] as? String == "api")
        #expect(commit["breaking"] as? Bool == true)
        #expect(commit["breakingNote"] as? String == "`--legacy` is gone.\nUse `--mode classic` instead.")
    }

    @Test func githubAnnotations() throws {
        let result = try sandbox.changelog("check", "v0.1.0..v1.0.0", "--format", "github")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("::error title=header-format::"))
        #expect(result.stdout.contains("Update README"))
    }

    @Test func aConfiguredTypeListIsEnforced() throws {
        try sandbox.write("repo/.changelog.toml", "[check]\ntypes = [\"feat\", \"fix\"]\nheader-max-length = 30\n")
        let result = try sandbox.changelog("check", "v1.0.0..HEAD", "--format", "json")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let refactor = try #require(results.first { ($0["header"] as? String)?.hasPrefix("refactor!") == true })
        #expect((refactor["errors"] as? [[String: Any]])?.first?["rule"] as? String == "type-enum")
        #expect((refactor["commit"] as? [String: Any])?["type"] as? String == "refactor", "commit is filled even when a lint rule fails")
    }

    @Test func aMessageFileWithGitCommentsAndScissorsPasses() throws {
        try sandbox.write(
            "MSG",
            """
            feat(parser): accept footers

            The body.
            # Please enter the commit message for your changes. Lines starting
            # with '#' will be ignored, and an empty message aborts the commit.
            # ------------------------ >8 ------------------------
            # Do not modify or remove the line above.
            diff --git a/x b/x
            Not: a footer

            """)
        let result = try sandbox.changelog(["check", "--message-file", sandbox.root + "/MSG"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout == "the message is valid\n")
    }

    @Test func aBadMessageOnStdinFails() throws {
        let result = try sandbox.changelog(["check", "--message-file", "-"], input: "bad message\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("✖ message bad message"))
    }

    @Test func aShallowCloneAsksForHistoryButChecksAnExplicitRangeInside() throws {
        _ = try sandbox.git("clone", "-q", "--depth", "3", "file://" + repo, sandbox.root + "/shallow", in: sandbox.root)
        let crossing = try sandbox.changelog(["check"], in: sandbox.root + "/shallow")
        #expect(crossing.status == 2)
        #expect(crossing.stderr.contains("git fetch --unshallow --tags"))
        #expect(crossing.stderr.contains("fetch-depth: 0"))
        let inside = try sandbox.changelog(["check", "HEAD~2..HEAD"], in: sandbox.root + "/shallow")
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout == "checked 2 commits: 0 failed, 0 ignored\n")
    }

    @Test func usageErrors() throws {
        #expect(try sandbox.changelog("check", "a...b").status == 64)
        #expect(try sandbox.changelog("check", "HEAD", "--message-file", "x").status == 64)
        #expect(try sandbox.changelog("check", "--format", "xml").status == 64)
        let missing = try sandbox.changelog("check", "nope..HEAD")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("'nope' is not a known revision"))
    }
}

@Suite struct CommitMessageHookTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        _ = try sandbox.git("reset", "-q", "--hard")
    }

    @Test func gitCommitRejectsABadMessageAndAcceptsAGoodOne() throws {
        let install = try sandbox.changelog("hook", "install")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("installed the commit-msg hook at \(repo)/.git/hooks/commit-msg"))
        let mode = try FileManager.default.attributesOfItem(atPath: repo + "/.git/hooks/commit-msg")[.posixPermissions] as? Int
        #expect(mode == 0o755)

        let bad = try sandbox.run("/usr/bin/env", ["git", "commit", "--allow-empty", "-q", "-m", "bad message"], in: repo)
        #expect(bad.status != 0)
        #expect(bad.stdout.contains("bad message") || bad.stderr.contains("bad message"))
        let good = try sandbox.run("/usr/bin/env", ["git", "commit", "--allow-empty", "-q", "-m", "feat: good one"], in: repo)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(try sandbox.git("log", "-1", "--format=%s") == "feat: good one\n")

        let again = try sandbox.changelog("hook", "install")
        #expect(again.status == 0)
        #expect(again.stderr.contains("already installed"))
    }

    @Test func aDifferentHookIsKeptUnlessForced() throws {
        try sandbox.write("repo/.git/hooks/commit-msg", "#!/bin/sh\nexit 0\n")
        let refused = try sandbox.changelog("hook", "install")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try sandbox.read("repo/.git/hooks/commit-msg") == "#!/bin/sh\nexit 0\n")
        let forced = try sandbox.changelog("hook", "install", "--force")
        #expect(forced.status == 0)
        #expect(try sandbox.read("repo/.git/hooks/commit-msg").contains("check --message-file"))
    }

    @Test func coreHooksPathIsRespected() throws {
        _ = try sandbox.git("config", "core.hooksPath", "githooks")
        let install = try sandbox.changelog("hook", "install")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo + "/githooks/commit-msg"))
        let bad = try sandbox.run("/usr/bin/env", ["git", "commit", "--allow-empty", "-q", "-m", "nope"], in: repo)
        #expect(bad.status != 0)
    }
}
