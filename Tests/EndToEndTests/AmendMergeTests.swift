import FixtureSupport
import Foundation
import Testing

/// No changelog lists a merge commit, whatever its message says: a correction of one would be
/// reported and then never read, so `amend` refuses it, unless `check` reads merges
/// (`[check] ignore-merges = false`), which is the one command a merge's message reaches.
@Suite struct AmendMergeTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                commit feat: one
                tag v1.0.0
                branch feature
                checkout feature
                commit fix: on the branch
                checkout main
                commit docs: on main
                merge feature
                """)
    }

    private func notes() throws -> String {
        try sandbox.run("/usr/bin/env", ["git", "notes", "--ref", "changelog", "list"], in: sandbox.root + "/repo").stdout
    }

    @Test(arguments: [["--message", "feat!: a breaking merge"], ["--hide"]])
    func aCorrectionOfAMergeIsRefused(_ action: [String]) throws {
        let merge = try sandbox.git("rev-parse", "HEAD").prefix(8)
        #expect(try sandbox.git("rev-list", "--parents", "-1", "HEAD").split(separator: " ").count == 3, "HEAD is a merge")
        let before = try sandbox.changelog("--setversion", "2.0.0").stdout
        let result = try sandbox.changelog(["amend", "HEAD"] + action)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "changelog: error: \(merge) is a merge commit, and merge commits are left out of changelogs, so a correction would change nothing; amend the commits the merge brings instead\n"
        )
        #expect(try notes() == "")
        #expect(try sandbox.changelog("--setversion", "2.0.0").stdout == before)
        #expect(try sandbox.changelog("next").stdout == "1.0.1\n", "the fix the merge brings, nothing more")
    }

    /// The commits a merge brings can be corrected, and the correction is read.
    @Test func theCommitsAMergeBringsCanBeCorrected() throws {
        let result = try sandbox.changelog("amend", "HEAD^2", "--message", "feat!: a breaking change on the branch")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.changelog("next").stdout == "2.0.0\n")
    }

    /// With `ignore-merges = false`, `check` lints a merge's message, corrected or not: amend may
    /// correct it then, and says which command reads it.
    @Test func aMergeThatCheckReadsCanBeCorrected() throws {
        try sandbox.write("repo/.changelog.toml", "[check]\nignore-merges = false\n")
        #expect(try sandbox.changelog("check").status == 1, "git's 'Merge branch' header is no Conventional Commit")
        let merge = try sandbox.git("rev-parse", "HEAD").prefix(8)
        let result = try sandbox.changelog("amend", "HEAD", "--message", "chore: merge the feature")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "corrected \(merge): `changelog check` now reads 'chore: merge the feature' (changelogs leave merge commits out)\n")
        let check = try sandbox.changelog("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
