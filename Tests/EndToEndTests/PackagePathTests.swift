import FixtureSupport
import Foundation
import Testing

/// A package path that HEAD's tree does not hold is most likely a typo: commands say so in one
/// warning line, and a release of such a package is refused; an empty path is a configuration error.
@Suite struct PackagePathTests {
    let sandbox: Sandbox
    static let warning = "changelog: warning: package ghost: packages/nope is not in HEAD's tree; check [packages.ghost] path\n"

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(text: "write packages/api/a.txt\ncommit feat(api): one\n")
        try sandbox.write(
            "repo/.changelog.toml", "[packages.api]\npath = \"packages/api\"\n\n[packages.ghost]\npath = \"packages/nope\"\n")
    }

    @Test func statusNextAndGenerateWarnOnce() throws {
        let status = try sandbox.changelog("status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stderr == Self.warning)
        #expect(status.stdout.contains("ghost"))
        // No commit and no tag: nothing to release, rather than a first release of nothing.
        let next = try sandbox.changelog("next", "-P", "ghost")
        #expect(next.status == 3)
        #expect(
            next.stderr == Self.warning
                + "changelog: nothing to release: 0 commits yet, none of them a feat, fix, perf or breaking change\n")
        let generate = try sandbox.changelog("-P", "ghost", "--setversion", "0.1.0")
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stderr == Self.warning)
        let api = try sandbox.changelog("next", "-P", "api")
        #expect(api.status == 0 && api.stderr.isEmpty && api.stdout == "0.1.0\n", "\(api.stderr)")
    }

    @Test func aReleaseOfAPackageThatIsNotThereIsRefused() throws {
        let refusal =
            "changelog: error: package ghost: packages/nope is not in HEAD's tree, so it has nothing to release; "
            + "fix [packages.ghost] path\n"
        for arguments in [["release", "-P", "ghost"], ["release", "-P", "ghost", "--dry-run"], ["release", "-P", "api", "-P", "ghost"]] {
            let result = try sandbox.changelog(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == refusal, "\(arguments)")
        }
        #expect(try sandbox.git("tag", "--list") == "")
        let all = try sandbox.changelog("release", "--all-packages", "--dry-run")
        #expect(all.stderr.hasPrefix(Self.warning), "\(all.stderr)")
    }

    /// `release -P NAME` that brings the root changelog (or dependents) along checks the paths once.
    @Test func aReleaseThatGathersPackagesWarnsOnce() throws {
        try sandbox.write(
            "repo/.changelog.toml",
            "[changelog]\npackages-in-root = true\n\n[packages.api]\npaths = [\"packages/api\", \"packages/nope\"]\nchangelog = \"API.md\"\n"
        )
        let result = try sandbox.changelog("release", "-P", "api", "--dry-run", "--allow-dirty")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "changelog: warning: package api: packages/nope is not in HEAD's tree; check [packages.api] paths\n")
        #expect(result.stdout.hasPrefix("dry run: release api 0.1.0"), "\(result.stdout)")
    }

    @Test func anEmptyPathIsAConfigurationError() throws {
        try sandbox.write("repo/.changelog.toml", "[packages.api]\npath = \"packages/api\"\n\n[packages.ghost]\npath = \"\"\n")
        let result = try sandbox.changelog("status")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "changelog: error: .changelog.toml: line 5: key 'packages.ghost.path': \"\" names no directory; write the package's "
                + "directory relative to the repository root, such as \"packages/ghost\" (\".\" for the whole repository)\n")
    }
}
