import Testing

@testable import ChangelogCore

@Suite struct BackportsDocumentTests {
    private let fork = "0123456789abcdef0123456789abcdef01234567"

    @Test func candidatesPickedCommitsAndTheLeftOutCount() {
        let document = BackportsDocument(
            onto: "release/1.3", forkPoint: fork,
            candidates: [
                CoreCommitFactory.commit("1a2b3c4d", "fix(parser): a 'quoted' footer"),
                CoreCommitFactory.commit("5e6f7a8b", "perf: skip the second scan"),
            ],
            picked: [.init(id: CoreCommitFactory.id("9c0d1e2f").hex, pickedAs: CoreCommitFactory.id("abcdef01").hex, evidence: "patch-id")],
            leftOut: 2)
        #expect(
            document.rendered() == """
                {
                  "onto": "release/1.3",
                  "forkPoint": "0123456789abcdef0123456789abcdef01234567",
                  "candidates": [
                    {
                      "id": "1a2b3c4de3b0c44298fc1c149afbf4c8996fb924",
                      "shortId": "1a2b3c4d",
                      "type": "fix",
                      "scope": "parser",
                      "subject": "a 'quoted' footer",
                      "command": "git cherry-pick -x 1a2b3c4de3b0c44298fc1c149afbf4c8996fb924"
                    },
                    {
                      "id": "5e6f7a8be3b0c44298fc1c149afbf4c8996fb924",
                      "shortId": "5e6f7a8b",
                      "type": "perf",
                      "scope": null,
                      "subject": "skip the second scan",
                      "command": "git cherry-pick -x 5e6f7a8be3b0c44298fc1c149afbf4c8996fb924"
                    }
                  ],
                  "alreadyPicked": [
                    {
                      "id": "9c0d1e2fe3b0c44298fc1c149afbf4c8996fb924",
                      "pickedAs": "abcdef01e3b0c44298fc1c149afbf4c8996fb924",
                      "evidence": "patch-id"
                    }
                  ],
                  "leftOut": 2
                }

                """)
    }

    @Test func nothingToBackport() {
        let document = BackportsDocument(onto: "1-3-stable", forkPoint: fork, candidates: [], picked: [], leftOut: 0)
        #expect(
            document.rendered() == """
                {
                  "onto": "1-3-stable",
                  "forkPoint": "0123456789abcdef0123456789abcdef01234567",
                  "candidates": [],
                  "alreadyPicked": [],
                  "leftOut": 0
                }

                """)
    }

    /// A candidate that is not a Conventional Commit keeps its id and command; its parts are null.
    @Test func aCandidateWithoutConventionalPartsHasNulls() {
        let document = BackportsDocument(
            onto: "o", forkPoint: fork,
            candidates: [CoreCommitFactory.commit("22222222", "tidy things up")], picked: [], leftOut: 0)
        #expect(
            document.rendered().contains(
                """
                      "shortId": "22222222",
                      "type": null,
                      "scope": null,
                      "subject": null,
                      "command": "git cherry-pick -x 22222222e3b0c44298fc1c149afbf4c8996fb924"
                """))
    }

    @Test func theCherryPickCommandNamesTheFullID() {
        let commit = CoreCommitFactory.source("0a1b2c3d", "fix: x")
        #expect(BackportsDocument.cherryPickCommand(commit) == "git cherry-pick -x 0a1b2c3de3b0c44298fc1c149afbf4c8996fb924")
    }
}
