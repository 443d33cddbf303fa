import ChangelogCore
import Git

/// `changelog [generate]`'s choices from the command line, completed into a `GenerateRequest` by the
/// configuration and the repository: which files, links, heading and version bound apply.
public struct GenerateRequestBuilder {
    public var version: GenerateRequest.VersionChoice = .unreleased
    public var from: String?
    public var to = "HEAD"
    public var all = false
    /// `-C`: read and write this one file.
    public var changelogFile: String?
    public var infile: String?
    public var outfile: String?
    public var repositoryURL: String?
    public var linkStyle: LinkStyle?
    public var subtitle: String?
    /// nil: the configured style, else `default`.
    public var style: ChangelogStyle?
    /// nil: the configured output format, else Markdown.
    public var format: OutputFormat?
    public var dryRun = false
    public var force = false
    /// `--template FILE`, relative to where the user stands.
    public var template: String?

    public init() {}

    public func request(history: History, configuration: Configuration, today: Timestamp) throws(ChangelogError) -> GenerateRequest {
        let root = history.repository.workingDirectory ?? ""
        var request = GenerateRequest(today: today)
        request.version = version
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
            try Self.checkInside(file, root: history.repository.workingDirectory)
            try WorkingTreeFile.check(root + file, shownAs: file)
            request.infile = root + file
            request.outfile = root + file
        } else if request.format == .markdown {
            for file in [configuration.infile, configuration.outfile].compactMap({ $0 }) {
                try Self.checkInside(file, root: history.repository.workingDirectory)
                try WorkingTreeFile.check(root + file, shownAs: file)
            }
            request.infile = configuration.infile.map { root + $0 }
            request.outfile = configuration.outfile.map { root + $0 }
        }
        // Like clog, an existing Markdown outfile gets the new section merged in, never replaced.
        // Only a regular file holds a changelog: a FIFO or a device is written through.
        if request.format == .markdown, request.infile == nil, let outfile = request.outfile,
            try AtomicFile.holdsFile(outfile)
        {
            request.infile = outfile
        }
        let links = history.links(repositoryURL: repositoryURL, style: linkStyle, configuration: configuration)
        request.repositoryURL = links.repositoryURL
        request.linkStyle = links.style
        request.subtitle = subtitle ?? configuration.subtitle
        request.style = style ?? configuration.style ?? .default
        request.categories = configuration.keepAChangelog
        request.tagPrefix = configuration.tagPrefix
        request.layout = configuration.layout
        request.policy = configuration.bump
        request.backports = configuration.branches.backports
        let branch = history.branch(of: to)
        let line = configuration.branches.line(of: branch)
        if let line {
            try bound(&request, to: line, history: history, configuration: configuration)
        } else {
            request.patchOnly = configuration.branches.isPatchOnly(branch)
        }
        if request.version == .suggested, line != nil || request.patchOnly, !(history.repository.isHeadUnborn && to == "HEAD") {
            // One suggestion, on the branch's terms: it names the version and what it held back.
            let suggestion = try history.suggestVersion(
                at: try history.resolve(to), policy: configuration.bump, prerelease: nil,
                tagPrefix: configuration.tagPrefix, patchOnly: line == nil, line: line)
            request.bounded = (suggestion, branch ?? "this branch")
            // Nothing to release: Generate says so, as it does elsewhere.
            if let next = suggestion.next { request.version = .exact(next) }
        }
        request.dryRun = dryRun
        request.force = force
        if request.format == .markdown {
            request.template = try Self.template(template, configuration: configuration, root: history.repository.workingDirectory)
        }
        request.showsContributors = configuration.contributors ?? false
        request.includesContributors = request.format == .json || request.template != nil || request.showsContributors
        return request
    }

    /// The template Markdown sections are rendered with: `--template FILE` (relative to where the
    /// user stands), else `[changelog] template` (relative to the repository root, inside it); nil
    /// when neither names one.
    public static func template(
        _ commandLine: String?, configuration: Configuration, root: String?
    ) throws(ChangelogError) -> ChangelogTemplate? {
        if let commandLine {
            return try loadTemplate(commandLine, shownAs: commandLine, option: "--template")
        }
        guard let file = configuration.template else { return nil }
        try checkInside(file, root: root)
        try WorkingTreeFile.check((root ?? "") + file, shownAs: file)
        return try loadTemplate((root ?? "") + file, shownAs: file, option: "[changelog] template")
    }

    /// Reads and parses a template once, before any history is read: a broken template fails fast.
    static func loadTemplate(_ path: String, shownAs name: String, option: String) throws(ChangelogError) -> ChangelogTemplate {
        guard let bytes = try AtomicFile.read(path) else {
            throw ChangelogError("cannot read the template \(name): no such file; check the path given to \(option)")
        }
        do {
            return try ChangelogTemplate(text: String(decoding: bytes, as: UTF8.self), file: name)
        } catch {
            throw ChangelogError(error.description)
        }
    }

    /// On a branch named for a version line, `--bump` suggests what `changelog next` does there, on
    /// the line; once the line has a release, Unreleased is bounded as on a patch-only branch.
    private func bound(
        _ request: inout GenerateRequest, to line: VersionLine, history: History,
        configuration: Configuration
    ) throws(ChangelogError) {
        if history.repository.isHeadUnborn && to == "HEAD" { return }
        let current = try history.previousRelease(of: try history.resolve(to))
        request.patchOnly = line.allowedBump(after: current?.version) == .patch
    }

    /// A configured path comes with the repository, so it must not lead out of it (`../x.md`, a
    /// committed link to elsewhere); paths on the command line are the user's own.
    private static func checkInside(_ file: String, root: String?) throws(ChangelogError) {
        guard let root else { return }
        try WorkingTreePath.checkInside(file, root: root)
    }
}
