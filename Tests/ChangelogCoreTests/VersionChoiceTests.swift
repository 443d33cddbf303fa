import ChangelogCore
import Foundation
import Testing

/// The rules of `VersionChoice` the policy cases do not reach: versions tagged on other branches,
/// patch-only branches, version lines.
@Suite struct VersionChoiceTests {
    private func commits(_ messages: String...) -> [ParsedCommit] {
        messages.enumerated().map { index, message in
            ParsedCommit(
                SourceCommit(
                    id: CommitID(hex: String(format: "%040x", index + 1))!, message: message + "\n",
                    author: Person(name: "A", email: "a@example.com"),
                    date: Timestamp(secondsSince1970: 0, offsetMinutes: 0), parentCount: 1))
        }
    }

    private func version(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

    @Test func versionsTaggedElsewhereArePassedOver() throws {
        let tagged: Set = [version("1.2.3"), version("1.2.4"), version("1.2.5")]
        let choice = try VersionChoice(
            current: version("1.2.3"), stable: version("1.2.3"), commits: commits("fix: one"),
            policy: VersionPolicy(), prerelease: nil, isTagged: tagged.contains)
        #expect(choice.next == version("1.2.6"))
        #expect(choice.skipped == [version("1.2.4"), version("1.2.5")])
        #expect(choice.bump == .patch)
        #expect(choice.drivers.map(\.commit.subjectLine) == ["fix: one"])
    }

    /// A dependent released with its dependency gets at least a patch, even with no commit of its
    /// own, and it passes over versions other branches tagged as its own bump would.
    @Test func aForcedPatchPassesOverTaggedVersions() throws {
        let tagged: Set = [version("1.0.1")]
        let forced = try VersionChoice(
            current: version("1.0.0"), stable: version("1.0.0"), commits: [], policy: VersionPolicy(), prerelease: nil,
            atLeast: .patch, isTagged: tagged.contains)
        #expect(forced.next == version("1.0.2"))
        #expect(forced.skipped == [version("1.0.1")])
        #expect(forced.bump == .patch)
        #expect(forced.drivers.isEmpty)
        let own = try VersionChoice(
            current: version("1.0.0"), stable: version("1.0.0"), commits: commits("feat: more"), policy: VersionPolicy(),
            prerelease: nil, atLeast: .patch, isTagged: tagged.contains)
        #expect(own.next == version("1.1.0"))
        let unforced = try VersionChoice(
            current: version("1.0.0"), stable: version("1.0.0"), commits: [], policy: VersionPolicy(), prerelease: nil,
            isTagged: tagged.contains)
        #expect(unforced.next == nil)
    }

    @Test func aPatchOnlyBranchHoldsFeaturesBack() throws {
        let choice = try VersionChoice(
            current: version("1.3.0"), stable: version("1.3.0"),
            commits: commits("feat: wide", "fix: narrow", "docs: words"),
            policy: VersionPolicy(), prerelease: nil, patchOnly: true, isTagged: { _ in false })
        #expect(choice.next == version("1.3.1"))
        #expect(choice.heldBack.map(\.commit.subjectLine) == ["feat: wide"])
        #expect(Set(choice.drivers.map(\.commit.subjectLine)) == ["feat: wide", "fix: narrow"])
    }

    @Test func aVersionLineKeepsTheVersionOnIt() throws {
        let line = try #require(VersionLine(branch: "release/1.3"))
        let choice = try VersionChoice(
            current: version("1.3.0"), stable: version("1.3.0"), commits: commits("feat!: big"),
            policy: VersionPolicy(), prerelease: nil, line: line, isTagged: { _ in false })
        #expect(choice.next == version("1.3.1"))
        #expect(choice.heldBack.count == 1)
        #expect(throws: VersionChoice.Failure.lineBelowRelease(line: line, latest: version("1.4.0"))) {
            try VersionChoice(
                current: version("1.4.0"), stable: version("1.4.0"), commits: commits("fix: x"),
                policy: VersionPolicy(), prerelease: nil, line: line, isTagged: { _ in false })
        }
    }

    @Test func aLowerIdentifierWouldGoBackwards() {
        #expect(
            throws: VersionChoice.Failure.notAfterCurrent(
                next: version("1.3.0-beta.1"), current: version("1.3.0-rc.1"),
                prerelease: "beta")
        ) {
            try VersionChoice(
                current: version("1.3.0-rc.1"), stable: version("1.2.0"), commits: commits("fix: x"),
                policy: VersionPolicy(), prerelease: "beta", isTagged: { _ in false })
        }
    }
}
