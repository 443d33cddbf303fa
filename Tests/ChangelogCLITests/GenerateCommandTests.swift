import ChangelogCore
import ChangelogKit
import Testing

@testable import ChangelogCLI

@Suite struct GenerateCommandTests {
    @Test func defaults() throws {
        let command = try parse(["generate"], as: GenerateCommand.self)
        #expect(command.setVersion == nil)
        #expect(!command.major && !command.minor && !command.patch && !command.bump && !command.fromLatestTag)
        #expect(command.from == nil)
        #expect(command.to == "HEAD")
        #expect(!command.all)
        #expect(command.changelogFile == nil && command.outfile == nil && command.infile == nil)
        #expect(command.links.repository == nil && command.links.linkStyle == nil)
        #expect(command.subtitle == nil)
        #expect(command.format == nil, "nil, so the configured output-format applies")
        #expect(command.repositoryOptions.repositoryPath == nil && command.repositoryOptions.config == nil)
        #expect(!command.dryRun && !command.force)
    }

    @Test func clogSpellings() throws {
        let short = try parse(
            [
                "-F", "-C", "CHANGES.md", "-r", "https://example.com/o/r", "-l", "gitlab", "-s", "Codename",
                "-c", "ci.toml",
            ], as: GenerateCommand.self)
        let long = try parse(
            [
                "--from-latest-tag", "--changelog", "CHANGES.md", "--repository", "https://example.com/o/r",
                "--link-style", "gitlab", "--subtitle", "Codename", "--config", "ci.toml",
            ], as: GenerateCommand.self)
        for command in [short, long] {
            #expect(command.fromLatestTag)
            #expect(command.changelogFile == "CHANGES.md")
            #expect(command.links.repository == "https://example.com/o/r")
            #expect(command.links.linkStyle == .gitlab)
            #expect(command.subtitle == "Codename")
            #expect(command.repositoryOptions.config == "ci.toml")
        }
        let files = try parse(
            [
                "-i", "old.md", "-o", "new.md", "--to", "v2.0.0", "--from", "v1.0.0", "--repo", "../other",
                "--dry-run", "--force",
            ], as: GenerateCommand.self)
        #expect(files.infile == "old.md" && files.outfile == "new.md")
        #expect(files.from == "v1.0.0" && files.to == "v2.0.0")
        #expect(files.repositoryOptions.repositoryPath == "../other")
        #expect(files.dryRun && files.force)
        let longFiles = try parse(["--infile", "old.md", "--outfile", "new.md", "--all"], as: GenerateCommand.self)
        #expect(longFiles.infile == "old.md" && longFiles.outfile == "new.md" && longFiles.all)
    }

    @Test func versionChoices() throws {
        #expect(try parse(["--setversion", "1.4.0"], as: GenerateCommand.self).setVersion == "1.4.0")
        // As clog, any name: written as given, a typed `v` kept.
        #expect(try parse(["--setversion", "v2.0.0-rc.1"], as: GenerateCommand.self).builder.version == .named("v2.0.0-rc.1"))
        #expect(try parse(["--setversion", "VERSION"], as: GenerateCommand.self).builder.version == .named("VERSION"))
        #expect(try parse(["--setversion=api-v1.2.3"], as: GenerateCommand.self).builder.version == .named("api-v1.2.3"))
        #expect(try parse(["-M"], as: GenerateCommand.self).major)
        #expect(try parse(["--major"], as: GenerateCommand.self).major)
        #expect(try parse(["-m"], as: GenerateCommand.self).minor)
        #expect(try parse(["--minor"], as: GenerateCommand.self).minor)
        #expect(try parse(["-p"], as: GenerateCommand.self).patch)
        #expect(try parse(["--patch"], as: GenerateCommand.self).patch)
        #expect(try parse(["--bump"], as: GenerateCommand.self).bump)
    }

    @Test func formats() throws {
        #expect(try parse(["-T", "json"], as: GenerateCommand.self).format == .json)
        #expect(try parse(["--format", "markdown"], as: GenerateCommand.self).format == .markdown)
        // clog's spelling, in any case.
        #expect(try parse(["-T", "MD"], as: GenerateCommand.self).format == .markdown)
        #expect(refusal(["-T", "html"])?.exitCode == ExitStatus.usage.rawValue)
        #expect(
            refusal(["-l", "bitbucket"])?.message
                == "The value 'bitbucket' is invalid for '-l <style>'. Please provide one of 'github', 'gitlab', 'stash' or 'cgit'.")
    }

    @Test(arguments: [["--setversion", "1.4.0", "--minor"], ["-M", "-p"], ["--bump", "-m"], ["-M", "-m", "-p", "--bump"]])
    func oneVersionChoiceAtATime(_ arguments: [String]) {
        expectUsageError(arguments, "choose one of --setversion, -M/--major, -m/--minor, -p/--patch and --bump")
    }

    @Test func aSectionNameIsAnyWordButNotOneThatBreaksTheAnchor() throws {
        #expect(try parse(["--setversion", "1.4"], as: GenerateCommand.self).builder.version == .named("1.4"))
        guard let refused = refusal(["--setversion", "two words"]) else { return }
        #expect(refused.exitCode == ExitStatus.usage.rawValue)
        #expect(
            refused.fullMessage == """
                Error: --setversion 'two words' cannot name a section; use no spaces, quotes or angle brackets, e.g. 1.4.0
                Usage: changelog generate <options>
                  See 'changelog generate --help' for more information.
                """)
        #expect(refusal(["--setversion", "a\"b"])?.exitCode == ExitStatus.usage.rawValue)
        #expect(refusal(["--setversion", ""])?.exitCode == ExitStatus.usage.rawValue)
        // The conflicting choice is reported first, as it always was.
        expectUsageError(["--setversion", "1.4", "-M"], "choose one of --setversion, -M/--major, -m/--minor, -p/--patch and --bump")
    }

    @Test func optionsThatExcludeEachOther() {
        let inPlace = "-C/--changelog reads and writes the same file; use it alone, or -i and -o"
        expectUsageError(["-C", "CHANGELOG.md", "-i", "old.md"], inPlace)
        expectUsageError(["-C", "CHANGELOG.md", "-o", "new.md"], inPlace)
        expectUsageError(["--all", "--from", "v1.0.0"], "--all covers the whole history; drop --from")
        let json = "JSON output cannot be merged into a changelog file; drop -T json, or -C/-i"
        expectUsageError(["-T", "json", "-C", "CHANGELOG.md"], json)
        expectUsageError(["-T", "json", "-i", "CHANGELOG.md"], json)
        expectUsageError(["--from", "v1.0.0", "-F"], "--from and -F/--from-latest-tag both choose the start; use one")
    }

    @Test func combinationsThatAreAllowed() throws {
        // JSON may go to a file, and --all may have an end.
        let json = try parse(["-T", "json", "-o", "releases.json", "--all", "--to", "v1.0.0"], as: GenerateCommand.self)
        #expect(json.outfile == "releases.json" && json.all && json.to == "v1.0.0")
        _ = try parse(["-i", "old.md", "-o", "new.md", "--bump", "-F"], as: GenerateCommand.self)
    }

    /// The command only maps its options; ChangelogKit's builder resolves them.
    @Test func theOptionsAsTheRequestBuilderTakesThem() throws {
        let plain = try parse([], as: GenerateCommand.self).builder
        #expect(plain.version == .unreleased && plain.to == "HEAD" && plain.format == nil && plain.style == nil)
        let builder = try parse(
            [
                "--setversion", "1.4.0", "--from", "a", "--to", "b", "-o", "out.md", "-i", "in.md",
                "-r", "u", "-l", "stash", "-s", "S", "-T", "md", "--dry-run", "--force",
            ], as: GenerateCommand.self
        ).builder
        #expect(builder.version == .exact(SemanticVersion(major: 1, minor: 4, patch: 0)))
        #expect(builder.from == "a" && builder.to == "b" && !builder.all)
        #expect(builder.outfile == "out.md" && builder.infile == "in.md" && builder.changelogFile == nil)
        #expect(builder.repositoryURL == "u" && builder.linkStyle == .stash)
        #expect(builder.subtitle == "S" && builder.format == .markdown && builder.dryRun && builder.force)
        #expect(try parse(["-C", "C.md", "--all"], as: GenerateCommand.self).builder.changelogFile == "C.md")
        #expect(try parse(["-M"], as: GenerateCommand.self).builder.version == .bumpLatest(.major))
        #expect(try parse(["-m"], as: GenerateCommand.self).builder.version == .bumpLatest(.minor))
        #expect(try parse(["-p"], as: GenerateCommand.self).builder.version == .bumpLatest(.patch))
        #expect(try parse(["--bump"], as: GenerateCommand.self).builder.version == .suggested)
    }
}
