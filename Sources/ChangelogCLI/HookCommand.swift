import ArgumentParser
import ChangelogKit

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Manage the commit-msg hook.",
        subcommands: [Install.self]
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a commit-msg hook that runs `changelog check` on each new message.",
            discussion: "Respects core.hooksPath. An existing different hook is kept unless --force."
        )

        @Flag(help: "Replace an existing commit-msg hook.")
        var force = false

        @OptionGroup var repositoryOptions: RepositoryOptions

        func validate() throws {
            try repositoryOptions.refuseCommitSelection(for: "hook install")
        }

        func run() throws {
            try reportingErrors { () throws(ChangelogError) in
                let (history, _) = try repositoryOptions.open()
                let installer = HookInstaller(repository: history.repository, executable: Terminal.executablePath)
                switch try installer.install(force: force) {
                case .installed(let path): Terminal.note("installed the commit-msg hook at \(path)")
                case .replaced(let path): Terminal.note("replaced the commit-msg hook at \(path)")
                case .alreadyInstalled(let path): Terminal.note("the commit-msg hook at \(path) is already installed")
                }
            }
        }
    }
}
