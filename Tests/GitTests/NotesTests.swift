import FixtureSupport
import Foundation
import Git
import Testing

/// Notes written through libgit2, read back by `git notes` (the oracle), and the other way round.
@Suite struct NotesTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }
    let reference = "refs/notes/changelog"
    let person = Signature(name: "Note Writer", email: "notes@example.com", time: 1_795_219_200, offsetMinutes: 0)

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: one\ncommit fix: two\ncommit fix: three\n")
    }

    private func id(_ revision: String) throws -> ObjectID {
        try #require(ObjectID(hex: sandbox.git("rev-parse", revision).trimmingCharacters(in: .newlines)))
    }

    @Test func aNoteWrittenHereIsWhatGitShows() throws {
        let repository = try Repository(discoveringFrom: repo)
        #expect(try repository.notes(reference: reference).isEmpty, "no notes reference yet")
        let head = try id("HEAD")
        try repository.setNote("fix: three, corrected\n", reference: reference, on: head, author: person, committer: person)
        #expect(try sandbox.git("notes", "--ref", "changelog", "show", "HEAD") == "fix: three, corrected\n")
        try repository.setNote("fix: replaced\n", reference: reference, on: head, author: person, committer: person)
        #expect(try sandbox.git("notes", "--ref", "changelog", "show", "HEAD") == "fix: replaced\n")
        #expect(try sandbox.git("log", "-1", "--format=%an <%ae>", reference) == "Note Writer <notes@example.com>\n")
    }

    @Test func notesGitWroteAreReadEachOnItsCommit() throws {
        _ = try sandbox.git("notes", "--ref", "changelog", "add", "-m", "feat: first", "HEAD~2")
        _ = try sandbox.git("notes", "--ref", "changelog", "add", "-m", "fix: second", "HEAD~1")
        let repository = try Repository(discoveringFrom: repo)
        let notes = try repository.notes(reference: reference)
        #expect(notes == [try id("HEAD~2"): "feat: first\n", try id("HEAD~1"): "fix: second\n"])
        #expect(try repository.note(reference: reference, on: id("HEAD~1")) == "fix: second\n")
        #expect(try repository.note(reference: reference, on: id("HEAD")) == nil)
    }

    @Test func removingANoteIsSeenByGitAndRemovingNoneSaysSo() throws {
        _ = try sandbox.git("notes", "--ref", "changelog", "add", "-m", "feat: first", "HEAD")
        let repository = try Repository(discoveringFrom: repo)
        #expect(try repository.removeNote(reference: reference, on: id("HEAD"), author: person, committer: person))
        #expect(try sandbox.git("notes", "--ref", "changelog", "list") == "")
        #expect(try !repository.removeNote(reference: reference, on: id("HEAD"), author: person, committer: person))
    }
}
