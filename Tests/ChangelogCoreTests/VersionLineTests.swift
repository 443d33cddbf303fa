import Testing

@testable import ChangelogCore

private func version(_ text: String?) -> SemanticVersion? {
    text.map { SemanticVersion($0)! }
}

@Suite("VersionLine")
struct VersionLineTests {
    @Test(
        "A branch name carries a minor line in the common spellings",
        arguments: [
            ("release/0.24", "0.24"), ("release-1.3", "1.3"), ("1-3-stable", "1.3"), ("v1.3.x", "1.3"),
            ("1.3.x", "1.3"), ("release/v2.1", "2.1"), ("team/1-3-stable", "1.3"), ("1.3-stable", "1.3"),
            ("release/1.3.x", "1.3"), ("0.24", "0.24"), ("Release-10.20", "10.20"), ("maintenance/2.0", "2.0"),
        ])
    func parses(_ branch: String, _ expected: String) {
        #expect(VersionLine(branch: branch)?.description == expected)
    }

    @Test(
        "Names without exactly two version numbers carry no line",
        arguments: [
            "main", "release/next", "release/1.3.2", "1.x", "v2", "feature/oauth2.0", "python3.12", "1-3", "1.3.4.x",
            "release/01.3", "release/1..3", "stable", "-stable", "release/", "", "1.3-beta", "release/1.3/x",
        ])
    func rejects(_ branch: String) {
        #expect(VersionLine(branch: branch) == nil)
    }

    @Test("The line's first release and what it contains")
    func contains() throws {
        let line = try #require(VersionLine(branch: "release/0.24"))
        #expect(line.first == SemanticVersion(major: 0, minor: 24, patch: 0))
        #expect(line.contains(version("0.24.0")!) && line.contains(version("0.24.7")!) && line.contains(version("0.24.1-rc.2")!))
        #expect(!line.contains(version("0.23.3")!) && !line.contains(version("0.25.0")!) && !line.contains(version("1.24.0")!))
    }

    @Test(
        "The bump a release may take: into the line first, patches once it has a release, nothing above it",
        arguments: [
            (nil, BumpLevel?.some(.major)),
            ("0.23.3", .minor), ("0.22.9", .minor), ("0.23.3-rc.1", .minor),
            ("0.24.0-rc.2", .minor), ("0.24.0", .patch), ("0.24.5", .patch), ("0.24.6-rc.1", .patch),
            ("0.25.0", nil), ("0.25.0-rc.1", nil), ("1.0.0", nil),
        ])
    func allowedBump(_ current: String?, _ expected: BumpLevel?) {
        #expect(VersionLine(major: 0, minor: 24).allowedBump(after: version(current)) == expected)
    }

    @Test("From an earlier major the jump into x.y.0 is a major one; a pre-release of a major line takes a major bump")
    func majorJumps() {
        #expect(VersionLine(major: 2, minor: 1).allowedBump(after: version("1.9.4")) == .major)
        #expect(VersionLine(major: 2, minor: 0).allowedBump(after: version("2.0.0-rc.1")) == .major)
    }

    @Test(
        "A proposal short of the line jumps to x.y.0; on the line it stays; above, or after the line moved on, it cannot be placed",
        arguments: [
            ("0.23.4", String?.some("0.23.3"), String?.some("0.24.0")), ("0.24.0", "0.23.3", "0.24.0"), ("0.1.0", nil, "0.24.0"),
            ("0.23.4-rc.1", "0.23.3", "0.24.0-rc.1"), ("0.24.0-rc.2", "0.24.0-rc.1", "0.24.0-rc.2"),
            ("0.24.3", "0.24.2", "0.24.3"), ("0.25.0", "0.23.3", nil), ("0.26.0", "0.25.0", nil),
        ])
    func place(_ proposed: String, _ current: String?, _ expected: String?) {
        #expect(VersionLine(major: 0, minor: 24).place(version(proposed)!, after: version(current))?.description == expected)
    }
}
