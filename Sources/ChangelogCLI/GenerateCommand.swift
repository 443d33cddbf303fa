import ArgumentParser
import ChangelogCore
import ChangelogKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the changelog section for a release (the default command; clog-compatible).",
        discussion: """
        Without a version the section is Unreleased. The range is from the highest version tag \
        reachable from --to (default HEAD), unless --from says otherwise.
        """
    )

    @Option(name: .customLong("setversion"), help: ArgumentHelp("The version of the new section, e.g. 1.4.0.", valueName: "version"))
    var setVersion: VersionArgument?

    @Flag(name: [.customShort("M"), .long], help: "Bump the latest version tag's major number.")
    var major = false

    @Flag(name: [.customShort("m"), .long], help: "Bump the latest version tag's minor number.")
    var minor = false

    @Flag(name: [.customShort("p"), .long], help: "Bump the latest version tag's patch number.")
    var patch = false

    @Flag(help: "Use the version `changelog next` suggests.")
    var bump = false

    @Flag(name: [.customShort("F"), .customLong("from-latest-tag")], help: "Start from the latest version tag (the default).")
    var fromLatestTag = false

    @Option(help: ArgumentHelp("Start after this revision instead of the latest version tag.", valueName: "rev"))
    var from: String?

    @Option(help: ArgumentHelp("End at this revision.", valueName: "rev"))
    var to = "HEAD"

    @Flag(help: "Every release of the whole history, one section per version tag.")
    var all = false

    @Option(name: [.customShort("C"), .customLong("changelog")], help: ArgumentHelp("Update this file in place (read it, then write it).", valueName: "file"))
    var changelogFile: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the result to this file.", valueName: "file"))
    var outfile: String?

    @Option(name: [.customShort("i"), .long], help: ArgumentHelp("Merge the new section into this existing changelog.", valueName: "file"))
    var infile: String?

    @OptionGroup var links: LinkOptions

    @Option(name: [.customShort("s"), .long], help: ArgumentHelp("Text after the version in the heading.", valueName: "text"))
    var subtitle: String?

    @Option(name: [.customShort("T"), .long], help: ArgumentHelp("The output format: markdown (default) or json.", valueName: "format"))
    var format: OutputFormat?

    @OptionGroup var repositoryOptions: RepositoryOptions

    @Flag(help: "Show what would be written; change nothing.")
    var dryRun = false

    @Flag(help: "Regenerate sections of the changelog file that differ from what would be generated (edited by hand).")
    var force = false

    func validate() throws {
        let choices = [setVersion != nil, major, minor, patch, bump].filter { $0 }.count
        if choices > 1 {
            throw ValidationError("choose one of --setversion, -M/--major, -m/--minor, -p/--patch and --bump")
        }
        if let setVersion { _ = try setVersion.validated() }
        if changelogFile != nil && (infile != nil || outfile != nil) {
            throw ValidationError("-C/--changelog reads and writes the same file; use it alone, or -i and -o")
        }
        if all && from != nil {
            throw ValidationError("--all covers the whole history; drop --from")
        }
        if format == .json && (changelogFile != nil || infile != nil) {
            throw ValidationError("JSON output cannot be merged into a changelog file; drop -T json, or -C/-i")
        }
        if from != nil && fromLatestTag {
            throw ValidationError("--from and -F/--from-latest-tag both choose the start; use one")
        }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            let root = history.repository.workingDirectory ?? ""
            var request = GenerateRequest(today: Terminal.today())
            request.version = versionChoice
            request.from = from
            request.to = to
            request.all = all
            request.format = format ?? configuration.outputFormat ?? .markdown
            // Paths from the command line are the user's, relative to where they stand; paths from
            // the configuration file are relative to the repository root, where the file lives.
            // The configured files are Markdown changelogs: JSON goes to stdout unless -o says otherwise.
            if let changelogFile {
                request.infile = changelogFile
                request.outfile = changelogFile
            } else if infile != nil || outfile != nil {
                request.infile = infile
                request.outfile = outfile
            } else if request.format == .markdown, let file = configuration.changelog {
                try checkInside(file, root: history.repository.workingDirectory)
                request.infile = root + file
                request.outfile = root + file
            } else if request.format == .markdown {
                for file in [configuration.infile, configuration.outfile].compactMap({ $0 }) {
                    try checkInside(file, root: history.repository.workingDirectory)
                }
                request.infile = configuration.infile.map { root + $0 }
                request.outfile = configuration.outfile.map { root + $0 }
            }
            // Like clog, an existing Markdown outfile gets the new section merged in, never replaced.
            // Only a regular file holds a changelog: a FIFO or a device is written through.
            if request.format == .markdown, request.infile == nil, let outfile = request.outfile,
               try AtomicFile.holdsFile(outfile) {
                request.infile = outfile
            }
            let links = self.links.context(history, configuration)
            request.repositoryURL = links.repositoryURL
            request.linkStyle = links.style
            request.subtitle = subtitle ?? configuration.subtitle
            request.tagPrefix = configuration.tagPrefix
            request.layout = configuration.layout
            request.policy = configuration.bump
            request.backports = configuration.branches.backports
            let branch = history.branch(of: to)
            if let line = configuration.branches.line(of: branch) {
                try bound(&request, to: line, history: history, configuration: configuration)
            } else {
                request.patchOnly = configuration.branches.isPatchOnly(branch)
            }
            request.dryRun = dryRun
            request.force = force

            let outcome = try Generate(history: history, request: request).run(emit: Terminal.write)
            if let file = request.infile ?? request.outfile, !outcome.kept.isEmpty {
                Terminal.note(keptNote(outcome.kept, file: file))
            }
            if dryRun, let file = request.outfile {
                Terminal.note("dry run: \(file) would get \(outcome.releases.joined(separator: ", ")) (\(outcome.byteCount) bytes); nothing was written")
            } else if let file = outcome.wroteFile {
                Terminal.note("wrote \(outcome.releases.joined(separator: ", ")) to \(file)")
            } else if outcome.unchanged, outcome.kept.isEmpty, let file = request.outfile {
                Terminal.note("\(file) already holds what would be written; nothing changed")
            }
        }
    }

    /// On a branch named for a version line, `--bump` suggests what `changelog next` does there, on
    /// the line; once the line has a release, Unreleased is bounded as on a patch-only branch.
    private func bound(_ request: inout GenerateRequest, to line: VersionLine, history: History,
                       configuration: Configuration) throws(ChangelogError) {
        if history.repository.isHeadUnborn && to == "HEAD" { return }
        let target = try history.resolve(to)
        let current = try history.previousRelease(of: target)
        request.patchOnly = line.allowedBump(after: current?.version) == .patch
        guard request.version == .suggested else { return }
        let suggestion = try history.suggestVersion(at: target, policy: configuration.bump, prerelease: nil,
                                                    tagPrefix: configuration.tagPrefix, line: line)
        // Nothing to release: Generate says so, as it does elsewhere.
        if let next = suggestion.next { request.version = .exact(next) }
    }

    /// A configured path comes with the repository, so it must not lead out of it (`../x.md`, a
    /// committed link to elsewhere); paths on the command line are the user's own.
    private func checkInside(_ file: String, root: String?) throws(ChangelogError) {
        guard let root else { return }
        try WorkingTreePath.checkInside(file, root: root)
    }

    /// Names what was kept and how to regenerate it; with --all, how many.
    private func keptNote(_ kept: [String], file: String) -> String {
        if kept.count == 1 && !all {
            return "kept the \(kept[0]) section of \(file) as it is: it differs from what would be generated (edited by hand?); "
                + "--force regenerates it"
        }
        let (count, verb, pronoun) = kept.count == 1 ? ("1 section", "differs", "it") : ("\(kept.count) sections", "differ", "them")
        return "kept \(count) of \(file) that \(verb) from what would be generated (edited by hand?): "
            + kept.joined(separator: ", ") + "; --force regenerates \(pronoun)"
    }

    private var versionChoice: GenerateRequest.VersionChoice {
        if let version = setVersion?.version { return .exact(version) }
        if major { return .bumpLatest(.major) }
        if minor { return .bumpLatest(.minor) }
        if patch { return .bumpLatest(.patch) }
        if bump { return .suggested }
        return .unreleased
    }
}
