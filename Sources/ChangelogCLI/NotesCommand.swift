import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Print one release's notes, for a GitHub or GitLab release or a deploy ticket.",
        discussion: """
            Default: the latest version tag reachable from HEAD. The text is the release's section of \
            the changelog without its heading when the file has it (manual edits win), else generated \
            from the tag's history, with the template when one is set. -T json always generates.
            """
    )

    @Argument(help: ArgumentHelp("The version, e.g. 1.3.1 (default: the latest reachable from HEAD).", valueName: "version"))
    var version: VersionArgument?

    @Option(name: [.customShort("T"), .long], help: ArgumentHelp("markdown (default) or json.", valueName: "format"))
    var format: OutputFormat = .markdown

    @Option(
        name: [.customShort("C"), .customLong("changelog")],
        help: ArgumentHelp("The changelog to read sections from (default: the configured one, else CHANGELOG.md).", valueName: "file"))
    var changelogFile: String?

    @OptionGroup var links: LinkOptions

    @OptionGroup var styleOption: StyleOption

    @Option(
        help: ArgumentHelp(
            "Generate the notes with this Mustache template (default: [changelog] template; docs/templates.md).", valueName: "file"))
    var template: String?

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if let version { _ = try version.validated() }
        if format == .json && template != nil {
            throw ValidationError("--template renders Markdown notes; drop -T json or --template")
        }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            var notes = ReleaseNotes(
                history: history, layout: configuration.layout,
                links: links.context(history, configuration),
                backports: configuration.branches.backports, style: try styleOption.resolved(configuration))
            let wanted = version?.version
            switch format {
            case .json:
                Terminal.write(try notes.json(wanted))
            case .markdown:
                notes.template = try GenerateRequestBuilder.template(
                    template, configuration: configuration, root: history.repository.workingDirectory)
                notes.subtitle = configuration.subtitle
                let root = history.repository.workingDirectory ?? ""
                // -C is the user's own path (`<(…)` too); the repository's changelog must be a file.
                let configured = repositoryOptions.changelogFile(configuration)
                let existing: [UInt8]?
                if let changelogFile {
                    existing = try AtomicFile.read(changelogFile)
                } else {
                    existing = try WorkingTreeFile.read(root + configured, shownAs: configured)
                }
                if existing == nil, let changelogFile {
                    throw ChangelogError("cannot read \(changelogFile): no such file; check the path given to -C/--changelog")
                }
                let text = try notes.markdown(wanted, changelog: existing)
                Terminal.write(text.isEmpty ? "" : text + "\n")
            }
        }
    }
}
