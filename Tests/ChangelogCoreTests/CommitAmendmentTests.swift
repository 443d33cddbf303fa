import ChangelogCore
import Testing

@Suite struct CommitAmendmentTests {
    @Test func theHideMarkerHidesAndAnythingElseReplacesTheMessage() throws {
        let commit = CoreCommitFactory.source("00000001", "fix: tpyo\n")
        #expect(CommitAmendment(note: "[changelog hide]\n") == .hide)
        #expect(CommitAmendment(note: "\n[changelog hide]\n\n") == .hide)
        #expect(CommitAmendment(note: "\r\n[changelog hide]\r\n\r\n") == .hide)
        #expect(CommitAmendment(note: "[changelog hide]  \n") == .hide)
        #expect(CommitAmendment(note: "[changelog hide]").applied(to: commit) == nil)
        let amended = try #require(CommitAmendment(note: "fix: typo\n").applied(to: commit))
        #expect(amended.message == "fix: typo\n")
        #expect(amended.isAmended)
        #expect(amended.id == commit.id)
        #expect(!commit.isAmended)
    }

    @Test func theNoteTextEndsWithANewline() {
        #expect(CommitAmendment.message("feat: x").note == "feat: x\n")
        #expect(CommitAmendment.message("feat: x\n").note == "feat: x\n")
        #expect(CommitAmendment.hide.note == "[changelog hide]\n")
    }

    /// git ends a commit message at its first NUL; a note written with git ends there too.
    @Test func aNoteEndsAtItsFirstNUL() {
        #expect(CommitAmendment(note: "fix: nul\0hidden\n") == .message("fix: nul"))
        #expect(CommitAmendment(note: "[changelog hide]\n\0feat: shown\n") == .hide)
        #expect(CommitAmendment(note: "\0fix: all hidden") == .message(""))
    }
}
