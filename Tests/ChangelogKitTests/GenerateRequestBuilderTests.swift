import ChangelogCore
import ChangelogKit
import FixtureSupport
import Git
import Testing

/// Which files, links, heading and version bound `changelog [generate]` uses, from its options, the
/// configuration and the repository.
@Suite struct GenerateRequestBuilderTests {
    static let today = Timestamp(secondsSince1970: 1_795_219_200, offsetMinutes: 0)

    let sandbox: Sandbox
    let history: History
    let root: String

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                remote origin git@gitlab.com:acme/widget.git
                commit feat: one
                tag v1.3.0
                branch release/1.3
                branch maintenance/old
                commit feat: two
                checkout release/1.3
                commit fix: on the line
                commit feat: asks for more
                checkout main
                """)
        history = try History(repository: Repository(discoveringFrom: sandbox.root + "/repo"))
        root = try #require(history.repository.workingDirectory)
    }

    private func request(_ builder: GenerateRequestBuilder, _ configuration: Configuration = Configuration()) throws -> GenerateRequest {
        try builder.request(history: history, configuration: configuration, today: Self.today)
    }

    @Test func withoutFilesTheSectionGoesToStdout() throws {
        let request = try request(GenerateRequestBuilder())
        #expect(request.infile == nil && request.outfile == nil)
        #expect(request.format == .markdown)
        #expect(request.version == .unreleased && request.to == "HEAD" && request.from == nil && !request.all)
        #expect(request.today == Self.today)
    }

    @Test func theConfiguredChangelogIsAtTheRepositoryRoot() throws {
        // The file may be missing, its directory not.
        try sandbox.write("repo/docs/README.md", "docs\n")
        var configuration = Configuration()
        configuration.changelog = "docs/CHANGES.md"
        let request = try request(GenerateRequestBuilder(), configuration)
        #expect(request.infile == root + "docs/CHANGES.md" && request.outfile == root + "docs/CHANGES.md")
        // JSON is not merged into the configured Markdown file: it goes to stdout.
        var json = GenerateRequestBuilder()
        json.format = .json
        let jsonRequest = try self.request(json, configuration)
        #expect(jsonRequest.infile == nil && jsonRequest.outfile == nil)
        // The configured format counts as much as -T.
        configuration.outputFormat = .json
        #expect(try self.request(GenerateRequestBuilder(), configuration).outfile == nil)
    }

    @Test func configuredInfileAndOutfile() throws {
        var configuration = Configuration()
        configuration.infile = "old.md"
        configuration.outfile = "new.md"
        let request = try request(GenerateRequestBuilder(), configuration)
        #expect(request.infile == root + "old.md" && request.outfile == root + "new.md")
    }

    @Test func filesOnTheCommandLineWinAndStayAsWritten() throws {
        var configuration = Configuration()
        configuration.changelog = "docs/CHANGES.md"
        var inPlace = GenerateRequestBuilder()
        inPlace.changelogFile = "CHANGELOG.md"
        let request = try request(inPlace, configuration)
        #expect(request.infile == "CHANGELOG.md" && request.outfile == "CHANGELOG.md")
        var separate = GenerateRequestBuilder()
        separate.infile = "a.md"
        separate.outfile = "b.md"
        let other = try self.request(separate, configuration)
        #expect(other.infile == "a.md" && other.outfile == "b.md")
    }

    @Test func aConfiguredPathOutsideTheWorkingTreeIsRefused() throws {
        for key in ["changelog", "infile", "outfile"] {
            var configuration = Configuration()
            switch key {
            case "changelog": configuration.changelog = "../CHANGELOG.md"
            case "infile": configuration.infile = "../CHANGELOG.md"
            default: configuration.outfile = "../CHANGELOG.md"
            }
            let error = #expect(throws: ChangelogError.self) { try request(GenerateRequestBuilder(), configuration) }
            #expect(
                error?.message
                    == "../CHANGELOG.md is outside the repository; a configured path must name a file inside the working tree")
            #expect(error?.exitCode == ExitStatus.failure.rawValue)
        }
    }

    /// Like clog: an outfile that exists is read too, so the new section is merged in.
    @Test func anExistingOutfileIsMergedInto() throws {
        try sandbox.write("repo/NEWS.md", "# News\n")
        var builder = GenerateRequestBuilder()
        builder.outfile = root + "NEWS.md"
        #expect(try request(builder).infile == root + "NEWS.md")
        builder.outfile = root + "MISSING.md"
        #expect(try request(builder).infile == nil)
        builder.format = .json
        builder.outfile = root + "NEWS.md"
        #expect(try request(builder).infile == nil, "JSON replaces the file")
    }

    @Test func linksFromTheCommandLineThenTheConfigurationThenTheRemote() throws {
        #expect(try request(GenerateRequestBuilder()).repositoryURL == "https://gitlab.com/acme/widget")
        #expect(try request(GenerateRequestBuilder()).linkStyle == .gitlab)
        var configuration = Configuration()
        configuration.repositoryURL = "https://git.example.org/cgit/widget"
        configuration.linkStyle = .cgit
        let configured = try request(GenerateRequestBuilder(), configuration)
        #expect(configured.repositoryURL == "https://git.example.org/cgit/widget" && configured.linkStyle == .cgit)
        var builder = GenerateRequestBuilder()
        builder.repositoryURL = "https://github.com/acme/widget"
        builder.linkStyle = .stash
        let given = try request(builder, configuration)
        #expect(given.repositoryURL == "https://github.com/acme/widget" && given.linkStyle == .stash)
    }

    @Test func theSubtitleAndTheConfigurationsPolicy() throws {
        var configuration = Configuration()
        configuration.subtitle = "Configured"
        configuration.tagPrefix = "v"
        configuration.branches.backports = .mark
        let configured = try request(GenerateRequestBuilder(), configuration)
        #expect(configured.subtitle == "Configured" && configured.tagPrefix == "v" && configured.backports == .mark)
        var builder = GenerateRequestBuilder()
        builder.subtitle = "Given"
        builder.dryRun = true
        builder.force = true
        let given = try request(builder, configuration)
        #expect(given.subtitle == "Given" && given.dryRun && given.force)
    }

    /// On a branch named for a version line, --bump is what `next` says there, and the line has a release: patches only.
    @Test func aVersionLineBoundsTheBump() throws {
        var builder = GenerateRequestBuilder()
        builder.to = "release/1.3"
        builder.version = .suggested
        let request = try request(builder)
        #expect(request.version == .exact(SemanticVersion(major: 1, minor: 3, patch: 1)))
        #expect(request.patchOnly)
        // Elsewhere the suggestion is left to Generate.
        builder.to = "main"
        let main = try self.request(builder)
        #expect(main.version == .suggested && !main.patchOnly)
    }

    @Test func aMaintenanceBranchWithoutALineIsPatchOnly() throws {
        var builder = GenerateRequestBuilder()
        builder.to = "maintenance/old"
        builder.version = .suggested
        let request = try request(builder)
        #expect(request.patchOnly)
        #expect(request.version == .suggested)
    }
}
