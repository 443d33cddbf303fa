import Testing

@testable import ChangelogCore

private func commits(_ messages: [String]) -> [ParsedCommit] {
    messages.enumerated().map { index, message in
        CoreCommitFactory.commit(String(format8: index), message)
    }
}

private extension String {
    /// Eight hex digits for test ids.
    init(format8 value: Int) {
        let hex = String(value, radix: 16)
        self = String(repeating: "0", count: 8 - hex.count) + hex
    }
}

private func version(_ text: String?) -> SemanticVersion? {
    text.map { SemanticVersion($0)! }
}

struct NextVersionCase: Sendable, CustomTestStringConvertible {
    var latest: String?
    var stable: String?
    var bump: BumpLevel
    var prerelease: String?
    var expected: String?

    init(_ latest: String?, stable: String?, _ bump: BumpLevel, _ expected: String?) {
        self.init(latest, stable: stable, bump, nil, expected)
    }

    init(_ latest: String?, stable: String?, _ bump: BumpLevel, _ prerelease: String?, _ expected: String?) {
        self.latest = latest
        self.stable = stable
        self.bump = bump
        self.prerelease = prerelease
        self.expected = expected
    }

    var testDescription: String {
        "\(latest ?? "none") (stable \(stable ?? "none")) + \(bump)\(prerelease.map { " --prerelease \($0)" } ?? "") -> \(expected ?? "nil")"
    }
}

@Suite("VersionPolicy")
struct VersionPolicyTests {
    let policy = VersionPolicy()

    // MARK: What each commit asks for

    @Test(
        "One commit: breaking -> major, feat -> minor, fix/perf -> patch, anything else -> none",
        arguments: [
            ("feat!: drop the v1 API", BumpLevel.major),
            ("fix(api)!: reject empty ids", .major),
            ("chore!: require Swift 6", .major),
            ("docs: rewrite\n\nBREAKING CHANGE: the guide moved", .major),
            ("refactor: x\n\nBREAKING-CHANGE: y", .major),
            ("feat: add the notes command", .minor),
            ("feat(parser): accept footers", .minor),
            ("FEAT: upper-case type", .minor),
            ("fix: keep the newline", .patch),
            ("perf: cache the walk", .patch),
            ("chore: bump deps", .none),
            ("docs: typo", .none),
            ("style: format", .none),
            ("refactor: split files", .none),
            ("test: more cases", .none),
            ("build: tweak", .none),
            ("ci: cache", .none),
            ("revert: feat: add x", .none),
        ])
    func bumpForOneCommit(_ message: String, _ expected: BumpLevel) throws {
        let parsed = CoreCommitFactory.commit("00000001", message)
        guard case .conventional(let conventional) = parsed.message else {
            Issue.record("'\(message)' should be conventional")
            return
        }
        #expect(policy.bump(for: conventional) == expected)
        #expect(policy.bump(for: [parsed]) == expected)
    }

    @Test("Many commits: the largest bump wins; merges, reverts, autosquash and invalid messages ask for nothing")
    func bumpForCommits() {
        #expect(policy.bump(for: []) == .none)
        #expect(policy.bump(for: commits(["chore: a", "docs: b", "ci: c"])) == .none)
        #expect(policy.bump(for: commits(["chore: a", "fix: b", "docs: c"])) == .patch)
        #expect(policy.bump(for: commits(["perf: a", "chore: b"])) == .patch)
        #expect(policy.bump(for: commits(["fix: a", "feat: b", "perf: c"])) == .minor)
        #expect(policy.bump(for: commits(["feat: a", "chore!: b", "fix: c"])) == .major)
        #expect(policy.bump(for: commits(["fix: a", "fix: b\n\nBREAKING CHANGE: c"])) == .major)
        #expect(
            policy.bump(
                for: commits([
                    "Merge branch 'feature'", "Merge pull request #3 from o/feat", "fixup! feat: x", "squash! fix: y",
                    "amend! feat: z", "update the readme", "Revert \"feat: x\"\n\nThis reverts commit 1234567.",
                ])) == .none)
        // A merge commit (two parents) is a merge whatever its message says.
        let merge = CoreCommitFactory.commit("0000000a", "feat!: from a merge", parents: 2)
        #expect(policy.bump(for: [merge]) == .none)
    }

    @Test("BumpLevel orders none < patch < minor < major and prints its name")
    func bumpLevel() {
        #expect(BumpLevel.allCases == [.none, .patch, .minor, .major])
        #expect(BumpLevel.allCases.sorted() == [.none, .patch, .minor, .major])
        #expect(BumpLevel.none < .patch && .patch < .minor && .minor < .major)
        #expect(BumpLevel.allCases.map(\.description) == ["none", "patch", "minor", "major"])
        #expect(max(BumpLevel.patch, .major, .minor) == .major)
    }

    // MARK: The next version

    @Test(
        "Next version: docs/contract.md's version policy, row by row",
        arguments: [
            // 1.x and above
            NextVersionCase("1.2.3", stable: "1.2.3", .major, "2.0.0"),
            NextVersionCase("1.2.3", stable: "1.2.3", .minor, "1.3.0"),
            NextVersionCase("1.2.3", stable: "1.2.3", .patch, "1.2.4"),
            NextVersionCase("1.2.3", stable: "1.2.3", .none, nil),
            NextVersionCase("2.9.9", stable: "2.9.9", .minor, "2.10.0"),
            NextVersionCase("1.9.0", stable: "1.9.0", .major, "2.0.0"),
            // 0.x: breaking -> minor, feat -> minor, fix -> patch
            NextVersionCase("0.3.2", stable: "0.3.2", .major, "0.4.0"),
            NextVersionCase("0.3.2", stable: "0.3.2", .minor, "0.4.0"),
            NextVersionCase("0.3.2", stable: "0.3.2", .patch, "0.3.3"),
            NextVersionCase("0.3.2", stable: "0.3.2", .none, nil),
            NextVersionCase("0.9.0", stable: "0.9.0", .major, "0.10.0"),
            NextVersionCase("0.0.5", stable: "0.0.5", .major, "0.1.0"),
            // no earlier release: the initial version whatever the commits
            NextVersionCase(nil, stable: nil, .major, "0.1.0"),
            NextVersionCase(nil, stable: nil, .minor, "0.1.0"),
            NextVersionCase(nil, stable: nil, .patch, "0.1.0"),
            NextVersionCase(nil, stable: nil, .none, "0.1.0"),
            NextVersionCase(nil, stable: nil, .minor, "rc", "0.1.0-rc.1"),
            // --prerelease rc from a release
            NextVersionCase("1.2.3", stable: "1.2.3", .minor, "rc", "1.3.0-rc.1"),
            NextVersionCase("1.2.3", stable: "1.2.3", .patch, "rc", "1.2.4-rc.1"),
            NextVersionCase("1.2.3", stable: "1.2.3", .major, "rc", "2.0.0-rc.1"),
            NextVersionCase("1.2.3", stable: "1.2.3", .none, "rc", nil),
            NextVersionCase("0.3.2", stable: "0.3.2", .major, "rc", "0.4.0-rc.1"),
            // a minor line (x.y.0-rc.N)
            NextVersionCase("1.3.0-rc.1", stable: "1.2.3", .patch, "rc", "1.3.0-rc.2"),
            NextVersionCase("1.3.0-rc.1", stable: "1.2.3", .minor, "rc", "1.3.0-rc.2"),
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .major, "rc", "2.0.0-rc.1"),
            NextVersionCase("1.3.0-rc.9", stable: "1.2.3", .patch, "rc", "1.3.0-rc.10"),
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .none, "rc", nil),
            // without --prerelease the line is released
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .patch, "1.3.0"),
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .minor, "1.3.0"),
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .major, "2.0.0"),
            NextVersionCase("1.3.0-rc.2", stable: "1.2.3", .none, nil),
            // a major line (x.0.0-rc.N) takes every bump
            NextVersionCase("2.0.0-rc.1", stable: "1.4.2", .patch, "rc", "2.0.0-rc.2"),
            NextVersionCase("2.0.0-rc.1", stable: "1.4.2", .minor, "rc", "2.0.0-rc.2"),
            NextVersionCase("2.0.0-rc.1", stable: "1.4.2", .major, "rc", "2.0.0-rc.2"),
            NextVersionCase("2.0.0-rc.1", stable: "1.4.2", .patch, "2.0.0"),
            NextVersionCase("2.0.0-rc.1", stable: "1.4.2", .major, "2.0.0"),
            // a patch line (x.y.z-rc.N, z > 0) takes only fixes
            NextVersionCase("1.2.4-rc.1", stable: "1.2.3", .patch, "rc", "1.2.4-rc.2"),
            NextVersionCase("1.2.4-rc.1", stable: "1.2.3", .minor, "rc", "1.3.0-rc.1"),
            NextVersionCase("1.2.4-rc.1", stable: "1.2.3", .major, "rc", "2.0.0-rc.1"),
            NextVersionCase("1.2.4-rc.1", stable: "1.2.3", .patch, "1.2.4"),
            NextVersionCase("1.2.4-rc.1", stable: "1.2.3", .minor, "1.3.0"),
            // switching lines: beta -> rc starts rc.1 on the same version
            NextVersionCase("1.3.0-beta.3", stable: "1.2.3", .patch, "rc", "1.3.0-rc.1"),
            NextVersionCase("1.3.0-beta.3", stable: "1.2.3", .patch, "beta", "1.3.0-beta.4"),
            NextVersionCase("1.3.0-beta.3", stable: "1.2.3", .major, "rc", "2.0.0-rc.1"),
            NextVersionCase("1.3.0-beta.3", stable: "1.2.3", .patch, "1.3.0"),
            NextVersionCase("1.3.0-rc", stable: "1.2.3", .patch, "rc", "1.3.0-rc.1"),
            // pre-release lines on 0.x never reach 1.0.0
            NextVersionCase("0.4.0-rc.1", stable: "0.3.2", .major, "rc", "0.4.0-rc.2"),
            NextVersionCase("0.4.0-rc.1", stable: "0.3.2", .major, "0.4.0"),
            NextVersionCase("0.3.3-rc.1", stable: "0.3.2", .major, "rc", "0.4.0-rc.1"),
            NextVersionCase("0.3.3-rc.1", stable: "0.3.2", .patch, "rc", "0.3.3-rc.2"),
            // only pre-releases so far: measured from 0.0.0
            NextVersionCase("0.1.0-rc.1", stable: nil, .patch, "rc", "0.1.0-rc.2"),
            NextVersionCase("0.1.0-rc.1", stable: nil, .major, "0.1.0"),
            // only pre-releases: a bump larger than the line starts the next line above the line's own version
            NextVersionCase("0.1.1-rc.1", stable: nil, .minor, "rc", "0.2.0-rc.1"),
            NextVersionCase("0.1.1-rc.1", stable: nil, .minor, "0.2.0"),
            NextVersionCase("0.1.1-rc.1", stable: nil, .major, "rc", "0.2.0-rc.1"),
            NextVersionCase("0.1.1-rc.1", stable: nil, .patch, "rc", "0.1.1-rc.2"),
            NextVersionCase("0.1.1-rc.1", stable: nil, .patch, "0.1.1"),
            NextVersionCase("1.3.0-rc.2", stable: nil, .major, "2.0.0"),
            NextVersionCase("1.3.0-rc.2", stable: nil, .major, "rc", "2.0.0-rc.1"),
            NextVersionCase("1.3.0-rc.2", stable: nil, .minor, "rc", "1.3.0-rc.3"),
            NextVersionCase("1.3.0-rc.2", stable: nil, .minor, "1.3.0"),
            NextVersionCase("2.0.0-beta.1", stable: nil, .major, "rc", "2.0.0-rc.1"),
            // a stable release far below a line: the higher line is still above the line
            NextVersionCase("2.1.0-rc.1", stable: "1.2.3", .major, "3.0.0"),
        ])
    func next(_ c: NextVersionCase) {
        let result = policy.next(latest: version(c.latest), stable: version(c.stable), bump: c.bump, prerelease: c.prerelease)
        #expect(result?.description == c.expected)
    }

    @Test("A pre-release line is measured from the stable release, not from the pre-release")
    func stableIsTheBase() {
        // A breaking change on top of the 1.3.0 minor line: 2.0.0 comes from stable 1.2.3.
        #expect(
            policy.next(latest: version("1.3.0-rc.1"), stable: version("1.2.3"), bump: .major, prerelease: "rc")?.description
                == "2.0.0-rc.1")
        // A feature on a 1.2.4 patch line: 1.3.0 comes from stable 1.2.3, not 1.2.4.
        #expect(policy.next(latest: version("1.2.4-rc.2"), stable: version("1.2.3"), bump: .minor)?.description == "1.3.0")
        // From a 0.x stable release a breaking change only asks for a minor bump, which fits a minor line.
        #expect(
            policy.next(latest: version("0.5.0-rc.1"), stable: version("0.4.1"), bump: .major, prerelease: "rc")?.description
                == "0.5.0-rc.2")
    }

    @Test("Next versions always sort above the latest one along a release train")
    func monotonicTrain() {
        var latest = SemanticVersion("1.2.3")!
        var stable = latest
        let steps: [(BumpLevel, String?)] = [
            (.patch, "rc"), (.patch, "rc"), (.minor, "rc"), (.patch, "rc"), (.minor, nil),
            (.major, "beta"), (.minor, "beta"), (.patch, "rc"), (.patch, nil), (.patch, nil),
        ]
        var seen: [String] = []
        for (bump, prerelease) in steps {
            let next = policy.next(latest: latest, stable: stable, bump: bump, prerelease: prerelease)!
            #expect(latest < next, "\(latest) -> \(next)")
            latest = next
            if !next.isPrerelease { stable = next }
            seen.append(next.description)
        }
        #expect(
            seen == [
                "1.2.4-rc.1", "1.2.4-rc.2", "1.3.0-rc.1", "1.3.0-rc.2", "1.3.0",
                "2.0.0-beta.1", "2.0.0-beta.2", "2.0.0-rc.1", "2.0.0", "2.0.1",
            ])
    }

    @Test("0.x: repeated breaking changes never reach 1.0.0")
    func neverReachesOne() {
        var current = SemanticVersion("0.1.0")!
        for _ in 0..<50 {
            let next = policy.next(latest: current, stable: current, bump: .major)!
            #expect(next.major == 0)
            #expect(next.minor == current.minor + 1)
            #expect(next.patch == 0)
            current = next
        }
        #expect(current.description == "0.51.0")
    }

    // MARK: Configuration knobs

    @Test("The [bump] knobs: initial, breaking below 1.0, and extra types")
    func configurable() {
        var custom = VersionPolicy()
        custom.initial = SemanticVersion("1.0.0")!
        #expect(custom.next(latest: nil, stable: nil, bump: .patch)?.description == "1.0.0")
        #expect(custom.next(latest: nil, stable: nil, bump: .none, prerelease: "beta")?.description == "1.0.0-beta.1")

        custom.breakingBumpsMinorBelowOne = false
        #expect(custom.next(latest: version("0.4.2"), stable: version("0.4.2"), bump: .major)?.description == "1.0.0")

        custom.patchTypes.insert("refactor")
        custom.majorTypes.insert("epoch")
        let refactor = CoreCommitFactory.commit("00000001", "refactor: split")
        let epoch = CoreCommitFactory.commit("00000002", "epoch: new era")
        #expect(custom.bump(for: [refactor]) == .patch)
        #expect(custom.bump(for: [epoch, refactor]) == .major)
        #expect(policy.bump(for: [refactor, epoch]) == .none)
    }

    @Test("bumped(_:) drops pre-release and build")
    func bumped() {
        let version = SemanticVersion("1.2.3-rc.1+b")!
        #expect(version.bumped(.major).description == "2.0.0")
        #expect(version.bumped(.minor).description == "1.3.0")
        #expect(version.bumped(.patch).description == "1.2.4")
        #expect(version.bumped(.none).description == "1.2.3")
    }
}
