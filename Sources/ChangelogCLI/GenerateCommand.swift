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

    @Option(
        name: .customLong("setversion"),
        help: ArgumentHelp("The version of the new section, written as given: 1.4.0, v1.4.0, or any name (VERSION).", valueName: "version"))
    var setVersion: String?

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

    @Option(
        name: [.customShort("C"), .customLong("changelog")],
        help: ArgumentHelp("Update this file in place (read it, then write it).", valueName: "file"))
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

    @OptionGroup var styleOption: StyleOption
    @Option(
        help: ArgumentHelp(
            "Render each section with this Mustache template instead of the built-in layout (docs/templates.md).",
            valueName: "file"))
    var template: String?

    @OptionGroup var repositoryOptions: RepositoryOptions

    @Flag(help: "Show what would be written; change nothing.")
    var dryRun = false

    @Flag(help: "Regenerate sections of the changelog file that differ from what would be generated (edited by hand).")
    var force = false

    func validate() throws {
        if to.isEmpty { throw ValidationError(emptyRevision("--to")) }
        if from?.isEmpty == true { throw ValidationError(emptyRevision("--from")) }
        let choices = [setVersion != nil, major, minor, patch, bump].filter { $0 }.count
        if choices > 1 {
            throw ValidationError("choose one of --setversion, -M/--major, -m/--minor, -p/--patch and --bump")
        }
        if let setVersion, setVersion.isEmpty || setVersion.contains(where: { $0.isWhitespace || "\"<>".contains($0) }) {
            throw ValidationError("--setversion '\(setVersion)' cannot name a section; use no spaces, quotes or angle brackets, e.g. 1.4.0")
        }
        if changelogFile != nil && (infile != nil || outfile != nil) {
            throw ValidationError("-C/--changelog reads and writes the same file; use it alone, or -i and -o")
        }
        if all && from != nil {
            throw ValidationError("--all covers the whole history; drop --from")
        }
        if format == .json && (changelogFile != nil || infile != nil) {
            throw ValidationError("JSON output cannot be merged into a changelog file; drop -T json, or -C/-i")
        }
        if format == .json && template != nil {
            throw ValidationError("--template renders Markdown sections; drop -T json or --template")
        }
        if from != nil && fromLatestTag {
            throw ValidationError("--from and -F/--from-latest-tag both choose the start; use one")
        }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            var builder = self.builder
            builder.style = try styleOption.chosen()
            let request = try builder.request(history: history, configuration: configuration, today: Terminal.today())
            // `--bump` on a bounded branch: the one line `next` prints when commits asked for more.
            if let (suggestion, branch) = request.bounded, suggestion.next != nil,
                let bounds = NextCommand.bounds(of: suggestion, branch: branch), bounds.warns
            {
                Terminal.warning(bounds.text)
            }
            // `--from v1.1.0 --to v1.0.0` is a valid, empty range, as git's; most likely it was meant the other way.
            // A revision that does not resolve (an empty repository) is Generate's to report, in its words.
            if let from, let start = try? history.resolve(from), let end = try? history.resolve(to),
                (try? history.isBackwards(from: start, to: end)) == true
            {
                Terminal.warning("--from \(from) comes after --to \(to), so the range between them holds no commit; swap them")
            }
            let progress = all ? ProgressLine.forThisProcess() : nil
            let outcome = try Generate(history: history, request: request, progress: progress.map { line in line.report })
                .run { text in
                    progress?.clear()
                    Terminal.write(text)
                }
            if let file = request.infile ?? request.outfile, !outcome.kept.isEmpty {
                Terminal.note(keptNote(outcome.kept, file: file))
            }
            if dryRun, let file = request.outfile {
                Terminal.note(
                    "dry run: \(file) would get \(outcome.releases.joined(separator: ", ")) (\(outcome.byteCount) bytes); nothing was written"
                )
            } else if let file = outcome.wroteFile {
                Terminal.note("wrote \(outcome.releases.joined(separator: ", ")) to \(file)")
            } else if outcome.unchanged, outcome.kept.isEmpty, let file = request.outfile {
                Terminal.note("\(file) already holds what would be written; nothing changed")
            }
        }
    }

    /// The options as ChangelogKit takes them; it completes them from the configuration and the repository.
    var builder: GenerateRequestBuilder {
        var builder = GenerateRequestBuilder()
        builder.version = versionChoice
        builder.from = from
        builder.to = to
        builder.all = all
        builder.changelogFile = changelogFile
        builder.infile = infile
        builder.outfile = outfile
        builder.repositoryURL = links.repository
        builder.linkStyle = links.linkStyle
        builder.subtitle = subtitle
        builder.format = format
        builder.dryRun = dryRun
        builder.force = force
        builder.template = template
        return builder
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
        if let setVersion {
            // Written as given, as clog does; a plain version is the same as before.
            return SemanticVersion(setVersion).map { .exact($0) } ?? .named(setVersion)
        }
        if major { return .bumpLatest(.major) }
        if minor { return .bumpLatest(.minor) }
        if patch { return .bumpLatest(.patch) }
        if bump { return .suggested }
        return .unreleased
    }
}
