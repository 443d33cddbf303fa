import ArgumentParser
import ChangelogCore
import ChangelogKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line per package of a monorepo: current version, next version, pending commits, the bump.",
        discussion: """
            Reads the packages of .changelog.toml ([packages.NAME]). Each line names the package, its \
            latest release, the version its commits since call for ('-' when none), how many commits \
            wait, and the bump with the first commit that drives it.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Compute the status at this revision.", valueName: "rev"))
    var to = "HEAD"

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if to.isEmpty { throw ValidationError(emptyRevision("--to")) }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.openForPackages()
            if let pending = PendingRelease.notice(in: history) { Terminal.warning(pending) }
            let document = try MonorepoStatus(repository: history, configuration: configuration).run(target: to)
            switch format {
            case .json: Terminal.write(document.json())
            case .text: Terminal.write(document.text())
            }
        }
    }
}
