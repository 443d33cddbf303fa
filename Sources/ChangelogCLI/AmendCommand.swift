import ArgumentParser
import ChangelogCore
import ChangelogKit

struct AmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Correct a commit's changelog entry without rewriting history (a git note).",
        discussion: """
            The correction is kept as a git note under refs/notes/changelog, one per commit, and every \
            command (generate, --all, notes, next, release, backports, check) reads it instead of the \
            commit's message; JSON marks such commits "amended": true. A correction is checked as \
            `changelog check` checks commits before it is kept. Share corrections with \
            `git push origin refs/notes/changelog` and fetch them with \
            `git fetch origin refs/notes/changelog:refs/notes/changelog`.
            """
    )

    @Argument(help: ArgumentHelp("The commit to correct.", valueName: "commit"))
    var commit: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The corrected message, e.g. \"feat(api)!: drop v1\".", valueName: "message"))
    var message: String?

    @Flag(help: "Edit the correction (or the commit's message) in $GIT_EDITOR, $VISUAL or $EDITOR.")
    var edit = false

    @Flag(help: "Leave the commit out of changelogs.")
    var hide = false

    @Flag(help: "Print the correction.")
    var show = false

    @Flag(help: "Remove the correction: changelogs read the commit's own message again.")
    var remove = false

    @OptionGroup var repositoryOptions: RepositoryOptions

    var action: Amend.Action? {
        if let message { return .message(message) }
        if edit { return .edit }
        if hide { return .hide }
        if show { return .show }
        if remove { return .remove }
        return nil
    }

    func validate() throws {
        let chosen = [message != nil, edit, hide, show, remove].filter { $0 }.count
        if chosen == 0 { throw ValidationError("say what to do: --message TEXT, --edit, --hide, --show or --remove") }
        if chosen > 1 { throw ValidationError("choose one of --message, --edit, --hide, --show and --remove") }
        // A note belongs to a commit, whatever package it is in.
        try repositoryOptions.refuseCommitSelection(for: "amend")
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            Terminal.write(try Amend(history: history, lint: configuration.check).run(commit, action!))
        }
    }
}
