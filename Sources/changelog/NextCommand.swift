import ArgumentParser
import ChangelogCore
import ChangelogKit

struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next version the commits since the last release call for.",
        discussion: """
        breaking -> major, feat -> minor, fix and perf -> patch (on 0.x a breaking change bumps the \
        minor number). Prints the version without the tag prefix. Exits with status 3 and prints \
        nothing when no commit warrants a release.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("Continue or start a pre-release line with this identifier, e.g. rc.", valueName: "id"))
    var prerelease: String?

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Compute the version for this revision.", valueName: "rev"))
    var to = "HEAD"

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if let prerelease, !Self.isIdentifier(prerelease) {
            throw ValidationError("'\(prerelease)' is not a pre-release identifier; use letters, digits and hyphens, e.g. rc or beta")
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } && !text.allSatisfy(\.isNumber)
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            if history.repository.isHeadUnborn && to == "HEAD" {
                throw ChangelogError("the repository has no commits yet; commit something first")
            }
            let target = try history.resolve(to)
            let branch = history.branch(of: to)
            let suggestion = try history.suggestVersion(at: target, policy: configuration.bump, prerelease: prerelease,
                                                        tagPrefix: configuration.tagPrefix,
                                                        patchOnly: configuration.branches.isPatchOnly(branch))
            for held in suggestion.heldBack {
                Terminal.warning("\(held.commit.shortID) '\(held.commit.subjectLine)' asks for more than a patch, but \(branch ?? "this branch") is patch-only ([branches] patch-only); the version stays a patch")
            }
            switch format {
            case .json: Terminal.write(NextReport.json(suggestion))
            case .text: if let next = suggestion.next { Terminal.write("\(next)\n") }
            }
            if suggestion.next == nil {
                let since = suggestion.current.map { "since \($0.name)" } ?? "yet"
                let count = suggestion.commits.count
                Terminal.note("nothing to release: \(count) commit\(count == 1 ? "" : "s") \(since), none of them a feat, fix, perf or breaking change")
                throw ChangelogError.silent(exitCode: 3)
            }
        }
    }
}

/// `next --format json`: DESIGN.md's object.
enum NextReport {
    static func json(_ suggestion: VersionSuggestion) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("current", suggestion.current?.version.description)
        writer.field("currentTag", suggestion.current?.name)
        writer.field("next", suggestion.next?.description)
        writer.field("nextTag", suggestion.nextTag)
        writer.field("bump", suggestion.bump.rawValue)
        writer.key("commits")
        writer.beginArray()
        for driver in suggestion.drivers {
            guard let entry = driver.entry else { continue }
            writer.beginObject()
            writer.field("id", driver.commit.id)
            writer.field("type", entry.type)
            writer.field("scope", entry.scope)
            writer.field("subject", entry.subject)
            writer.field("breaking", entry.isBreaking)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.flush()
    }
}
