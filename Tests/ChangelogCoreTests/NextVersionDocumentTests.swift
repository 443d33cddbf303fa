import Testing

@testable import ChangelogCore

@Suite struct NextVersionDocumentTests {
    @Test func aBumpListsItsDriversWithTheirConventionalParts() throws {
        let document = NextVersionDocument(
            current: SemanticVersion(major: 1, minor: 3, patch: 0), currentTag: "v1.3.0",
            next: SemanticVersion(major: 2, minor: 0, patch: 0), nextTag: "v2.0.0", bump: "major",
            drivers: [
                CoreCommitFactory.commit("1a2b3c4d", "refactor(api)!: drop the \"legacy\" flag"),
                CoreCommitFactory.commit("5e6f7a8b", "feat: add notes"),
            ])
        #expect(
            document.rendered() == """
                {
                  "current": "1.3.0",
                  "currentTag": "v1.3.0",
                  "next": "2.0.0",
                  "nextTag": "v2.0.0",
                  "bump": "major",
                  "commits": [
                    {
                      "id": "1a2b3c4de3b0c44298fc1c149afbf4c8996fb924",
                      "type": "refactor",
                      "scope": "api",
                      "subject": "drop the \\"legacy\\" flag",
                      "breaking": true
                    },
                    {
                      "id": "5e6f7a8be3b0c44298fc1c149afbf4c8996fb924",
                      "type": "feat",
                      "scope": null,
                      "subject": "add notes",
                      "breaking": false
                    }
                  ]
                }

                """)
    }

    @Test func nothingToReleaseBeforeTheFirstReleaseIsAllNulls() {
        let document = NextVersionDocument(current: nil, currentTag: nil, next: nil, nextTag: nil, bump: "none", drivers: [])
        #expect(
            document.rendered() == """
                {
                  "current": null,
                  "currentTag": null,
                  "next": null,
                  "nextTag": null,
                  "bump": "none",
                  "commits": []
                }

                """)
    }

    /// A driver that is not a Conventional Commit (a merge) has no type or subject to show: it is left out.
    @Test func driversThatDoNotParseAreLeftOut() throws {
        let document = NextVersionDocument(
            current: nil, currentTag: nil,
            next: SemanticVersion(major: 0, minor: 1, patch: 0, prerelease: ["rc", "1"]), nextTag: "0.1.0-rc.1",
            bump: "prerelease",
            drivers: [
                CoreCommitFactory.commit("00000000", "Merge branch 'x'", parents: 2),
                CoreCommitFactory.commit("11111111", "fix(ui): contrast"),
            ])
        let rendered = document.rendered()
        #expect(rendered.contains("\"next\": \"0.1.0-rc.1\",\n  \"nextTag\": \"0.1.0-rc.1\",\n  \"bump\": \"prerelease\""))
        #expect(!rendered.contains("00000000"))
        #expect(rendered.contains("\"id\": \"11111111e3b0c44298fc1c149afbf4c8996fb924\""))
    }
}
