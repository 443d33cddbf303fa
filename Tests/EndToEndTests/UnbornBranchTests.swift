import FixtureSupport
import Foundation
import Testing

/// On a branch with no commit yet in a repository that has history elsewhere (`git checkout
/// --orphan`), the error names the branch and the ways on, instead of calling the repository empty.
@Suite struct UnbornBranchTests {
    @Test func anOrphanBranchIsNamed() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: one\ntag v1.0.0\ncommit fix: two\n")
        _ = try sandbox.git("checkout", "-q", "--orphan", "fresh")
        let expected =
            "changelog: error: the branch fresh has no commits yet; commit on it first, "
            + "or check out a branch with history (git switch main)\n"
        for arguments in [["next"], [], ["--setversion", "1.1.0"], ["release"], ["release", "--dry-run"], ["notes"]] {
            let result = try sandbox.changelog(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "", "\(arguments)")
            #expect(result.stderr == expected, "\(arguments)")
        }
    }
}
