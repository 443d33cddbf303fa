import Git
import Testing

@testable import ChangelogKit

/// The Git module reports facts; `ChangelogError(_:)` is where they become the one line a user reads.
@Suite struct GitErrorSentenceTests {
    private func sentence(_ kind: GitError.Kind, subject: String?, message: String = "libgit2's words") -> String {
        ChangelogError(GitError(code: .generic, message: message, subject: subject, kind: kind)).message
    }

    @Test func shallowBoundariesSayHowToFetchTheHistory() {
        let id = String(repeating: "a", count: 40)
        #expect(
            sentence(.shallowBoundary(.wholeHistory), subject: id)
                == "\(id): this shallow clone does not have the whole history; run `git fetch --unshallow --tags` (in CI: fetch-depth: 0)")
        #expect(
            sentence(.shallowBoundary(.range), subject: id)
                == "\(id): this shallow clone does not have the history the range needs; run `git fetch --unshallow --tags` (in CI: fetch-depth: 0)"
        )
        #expect(
            sentence(.shallowBoundary(.forkPoint), subject: "aaaaaaaa...bbbbbbbb")
                == "aaaaaaaa...bbbbbbbb: this shallow clone does not reach back to where the two branches forked; run `git fetch --unshallow` (in CI: fetch-depth: 0)"
        )
        #expect(
            sentence(.shallowBoundary(.commit), subject: id)
                == "\(id): commit is missing from this shallow clone; run `git fetch --unshallow --tags` (or use fetch-depth: 0 in CI)")
    }

    @Test func revisionsAreNamedWithoutLibgit2sWords() {
        #expect(sentence(.unknownRevision, subject: "v9") == "'v9' is not a known revision (branch, tag or commit id)")
        #expect(sentence(.ambiguousRevision, subject: "abc") == "'abc' is ambiguous; use more hex digits or the full ref name")
        #expect(
            sentence(.notACommit, subject: "HEAD^{tree}")
                == "'HEAD^{tree}' names a tree or a blob, not a commit; name a commit, a branch or a tag of a commit")
        #expect(sentence(.unbornHead, subject: "HEAD") == "HEAD: the repository has no commits yet; commit something first")
    }

    @Test func aMovedReferenceSaysNothingChanged() {
        #expect(
            sentence(.referenceMoved, subject: "refs/heads/main")
                == "refs/heads/main: was moved by another process while the release was being made; nothing was changed by it, run the command again"
        )
    }

    @Test func damageLocksAndOpeningSayWhatToDo() {
        #expect(
            sentence(.damagedObject, subject: nil, message: "object 39ae is damaged (truncated)")
                == "object 39ae is damaged (truncated); run `git fsck` to see what is damaged, then fetch or restore the objects from another clone"
        )
        #expect(
            sentence(.missingObject, subject: nil, message: "object 39ae is missing from the repository")
                == "object 39ae is missing from the repository; run `git fsck` to see what is damaged, then fetch or restore the objects from another clone"
        )
        #expect(
            sentence(.locked, subject: "refs/tags/v1", message: "failed to lock file '/r/.git/refs/tags/v1.lock' for writing")
                == "refs/tags/v1: failed to lock file '/r/.git/refs/tags/v1.lock' for writing; another git process may be running: wait for it, or remove the lock file if none is"
        )
        #expect(
            sentence(.notARepository, subject: "/tmp/x", message: "not a git repository (or any of its parent directories)")
                == "/tmp/x: not a git repository (or any of its parent directories); run inside one or pass --repo PATH")
        #expect(
            sentence(.ownedByAnotherUser, subject: "/srv/r", message: "the repository is owned by another user")
                == "/srv/r: the repository is owned by another user; pass --repo to trust it, or run `git config --global --add safe.directory <path>`"
        )
    }

    @Test func otherFailuresKeepLibgit2sMessage() {
        #expect(sentence(.failed, subject: "refs/tags/v1", message: "failed to write") == "refs/tags/v1: failed to write")
        #expect(sentence(.failed, subject: nil, message: "failed to write") == "failed to write")
    }
}
