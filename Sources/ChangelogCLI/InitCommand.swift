import ArgumentParser
import ChangelogCore
import ChangelogKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a .changelog.toml from what the repository holds.",
        discussion: """
            Reads the version tags' prefix, the style of an existing CHANGELOG.md, the version files, \
            maintenance branches and workspace packages (npm, Cargo, Go), and lists every other key \
            commented with its default. An existing .changelog.toml is kept unless --force.
            """
    )

    @Flag(help: "Print the file instead of writing it.")
    var dryRun = false

    @Flag(help: "Overwrite an existing .changelog.toml.")
    var force = false

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if repositoryOptions.config != nil {
            throw ValidationError("init always writes .changelog.toml at the repository root; drop -c/--config")
        }
        try repositoryOptions.refuseCommitSelection(for: "init")
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let inspector = try RepositoryInspector(repository: try repositoryOptions.repositoryOnly())
            let text = try inspector.inspect().render()
            if dryRun {
                Terminal.write(text)
                return
            }
            let writer = InitialConfigurationWriter(root: inspector.root)
            let written = try writer.write(text, force: force)
            Terminal.note("\(written.replaced ? "replaced" : "wrote") \(written.path)")
        }
    }
}
