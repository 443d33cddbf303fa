import ChangelogCore
import Git
import Platform
import SystemPackage

/// `changelog amend`: corrects a commit's changelog entry without rewriting history, by keeping
/// the corrected message as a git note under `refs/notes/changelog` (`CommitAmendment`).
public struct Amend {
    public enum Action: Equatable {
        /// Replace the message: validated as `check` validates commits before it is kept.
        case message(String)
        /// Edit the correction (or the commit's message) in the user's editor, then as `message`.
        case edit
        case hide
        case show
        case remove
    }

    public let history: History
    public let lint: LintOptions

    public init(history: History, lint: LintOptions) {
        self.history = history
        self.lint = lint
    }

    private var repository: Repository { history.repository }

    /// Carries out `action` on `revision`'s commit; returns what to print.
    public func run(_ revision: String, _ action: Action) throws(ChangelogError) -> String {
        let id = try history.resolve(revision)
        let short = String(id.hex.prefix(8))
        // Only showing and editing read the note there now: writing replaces it, removing finds it.
        func existing() throws(ChangelogError) -> String? {
            try git { () throws(GitError) in try repository.note(reference: History.notesReference, on: id) }
        }
        // A correction of a merge reaches no changelog (their parser leaves merges out whatever the
        // message says); only `check` reads it, and only when `[check] ignore-merges` is false.
        var merge = false
        if action != .show && action != .remove {
            merge = try git { () throws(GitError) in try repository.commit(id).parentIDs.count } > 1
            if merge && lint.ignoreMerges { throw ChangelogError.mergeCorrection(short) }
        }
        switch action {
        case .show:
            guard let existing = try existing() else {
                throw ChangelogError("\(short) has no correction; add one with `changelog amend \(revision) --message \"…\"`")
            }
            return existing.hasSuffix("\n") ? existing : existing + "\n"
        case .remove:
            let (author, committer) = try repository.identities()
            let removed = try updatingNotes { () throws(GitError) in
                try repository.removeNote(reference: History.notesReference, on: id, author: author, committer: committer)
            }
            guard removed else { throw ChangelogError("\(short) has no correction to remove") }
            return "removed the correction of \(short): changelogs read its own message again\n"
        case .hide:
            try write(.hide, on: id)
            return "hid \(short) from changelogs (`changelog amend \(revision) --remove` shows it again)\n"
        case .message(let text):
            let amendment = try validated(text, id: id)
            try write(amendment, on: id)
            return Self.corrected(short, amendment, merge: merge)
        case .edit:
            let start: String
            if let existing = try existing() {
                start = existing
            } else {
                start = try git { () throws(GitError) in try repository.commit(id).message }
            }
            let text = try edit(start, id: id)
            let amendment = try validated(text, id: id)
            try write(amendment, on: id)
            return Self.corrected(short, amendment, merge: merge)
        }
    }

    private static func corrected(_ short: String, _ amendment: CommitAmendment, merge: Bool) -> String {
        let reader = merge ? "`changelog check` now reads" : "changelogs now read"
        return "corrected \(short): \(reader) '\(header(of: amendment))'\(merge ? " (changelogs leave merge commits out)" : "")\n"
    }

    /// The correction as the commit's message would be checked (merges and the like are no entry).
    private func validated(_ text: String, id: ObjectID) throws(ChangelogError) -> CommitAmendment {
        let result = CommitLinter(options: lint).lint(message: text, id: nil, parentCount: 1, stripComments: true)
        if result.cleanedMessage.allSatisfy(\.isWhitespace) {
            throw ChangelogError("the correction of \(id.hex.prefix(8)) is empty; nothing was changed (use --hide to leave the commit out)")
        }
        guard result.kind == .conventional else {
            let why = result.errors.first.map { ": \($0.message)" } ?? ""
            throw ChangelogError("the correction '\(result.header)' is not a Conventional Commit\(why); write it as type(scope): subject")
        }
        if let first = result.errors.first {
            throw ChangelogError(
                "the correction '\(result.header)' fails `check` at line \(first.line), column \(first.column): \(first.message); fix it and run amend again"
            )
        }
        return CommitAmendment(note: result.cleanedMessage)
    }

    private func write(_ amendment: CommitAmendment, on id: ObjectID) throws(ChangelogError) {
        let (author, committer) = try repository.identities()
        try updatingNotes { () throws(GitError) in
            try repository.setNote(amendment.note, reference: History.notesReference, on: id, author: author, committer: committer)
        }
    }

    /// How often a notes update is tried when other writers keep moving the reference first.
    static let noteAttempts = 50

    /// Runs a compare-and-swap of the notes reference (`Repository.setNote`, `removeNote`) until no
    /// other writer (another amend, `git notes`) moved it or held its lock in between: each try
    /// reads the notes afresh, so what the others wrote stays.
    private func updatingNotes<T>(_ update: () throws(GitError) -> T) throws(ChangelogError) -> T {
        var attempt = 0
        while true {
            do {
                return try update()
            } catch {
                let contended = error.kind == .referenceMoved || error.kind == .locked || error.code == .exists
                attempt += 1
                guard contended else { throw ChangelogError(error) }
                guard attempt < Self.noteAttempts else {
                    throw error.kind == .locked ? ChangelogError(error) : ChangelogError.notesKeptMoving(History.notesReference)
                }
                // Spread out, so that writers retrying in step fall out of it.
                SystemClock.pause(seconds: Double.random(in: 0.001...0.01) * Double(min(attempt, 10)))
            }
        }
    }

    /// Opens `text` in the editor git would use (`GIT_EDITOR`, `VISUAL`, `EDITOR`, else `vi`), run
    /// through the shell as git runs it, on a file in the git directory; returns what was saved.
    private func edit(_ text: String, id: ObjectID) throws(ChangelogError) -> String {
        let path = repository.gitDirectory + "CHANGELOG_AMEND_MSG"
        let help = "\n# The changelog entry of \(id.hex.prefix(8)), kept as a note: lines starting with '#' are left out.\n"
        try AtomicFile.write(Array((text + help).utf8), to: path)
        defer { try? AtomicFile.remove(path) }
        let editor = ["GIT_EDITOR", "VISUAL", "EDITOR"].lazy.compactMap { Environment.value($0) }.first { !$0.isEmpty } ?? "vi"
        let status: Spawn.Termination?
        do throws(Errno) {
            let child = try Spawn.start(
                "/bin/sh", arguments: ["-c", editor + " \"$@\"", editor, path], environment: nil,
                stdin: .standardInput, stdout: .standardOutput, stderr: .standardError, closing: [])
            status = try Spawn.wait(for: child, blocking: true)
        } catch {
            throw ChangelogError("cannot start the editor '\(editor)': \(AtomicFile.describe(error)); set GIT_EDITOR or EDITOR")
        }
        guard status == .exited(0) else {
            throw ChangelogError("the editor '\(editor)' did not finish cleanly; nothing was changed")
        }
        let saved = try AtomicFile.read(path) ?? []
        return String(decoding: saved, as: UTF8.self)
    }

    private static func header(of amendment: CommitAmendment) -> String {
        guard case .message(let text) = amendment else { return CommitAmendment.hideMarker }
        return String(text.prefix { $0 != "\n" })
    }
}
