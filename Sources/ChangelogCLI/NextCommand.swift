import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next version the commits since the last release call for.",
        discussion: """
            breaking -> major, feat -> minor, fix and perf -> patch (on 0.x a breaking change bumps the \
            minor number). On a maintenance branch ([branches] patch-only) named for a version line \
            (release/0.24) the version stays on that line; on other maintenance branches it is a patch. \
            Prints the version without the tag prefix. Exits with status 3 and prints nothing when no \
            commit warrants a release.
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
        if to.isEmpty { throw ValidationError(emptyRevision("--to")) }
        if let prerelease, !Self.isIdentifier(prerelease) {
            throw ValidationError("'\(prerelease)' is not a pre-release identifier; use letters, digits and hyphens, e.g. rc or beta")
        }
    }

    /// One line on what bounded the version: the branch's version line, or its patch-only rule
    /// when commits asked for more. However many commits did, the line names three.
    static func bounds(of suggestion: VersionSuggestion, branch: String) -> (warns: Bool, text: String)? {
        let held = suggestion.heldBack
        let asked = "\(held.count == 1 ? "1 commit asks" : "\(held.count) commits ask")"
        if let line = suggestion.line {
            let start = "\(branch) carries the version line \(line)"
            if held.isEmpty { return (false, "\(start): releases there are \(line).z") }
            return (true, "\(start): \(asked) for more than the line allows: \(held.summary); the version stays on the line")
        }
        guard !held.isEmpty else { return nil }
        return (
            true,
            "\(asked) for more than a patch, but \(branch) is patch-only ([branches] patch-only): \(held.summary); the version stays a patch"
        )
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } && !text.allSatisfy(\.isNumber)
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            if let pending = PendingRelease.notice(in: history.repository) { Terminal.warning(pending) }
            if history.repository.isHeadUnborn && to == "HEAD" {
                throw ChangelogError.unbornBranch(history.repository, fresh: "the repository has no commits yet; commit something first")
            }
            let target = try history.resolve(to)
            let branch = history.branch(of: to)
            let line = configuration.branches.line(of: branch)
            let suggestion = try history.suggestVersion(
                at: target, policy: configuration.bump, prerelease: prerelease,
                tagPrefix: configuration.tagPrefix,
                patchOnly: line == nil && configuration.branches.isPatchOnly(branch), line: line)
            if suggestion.next != nil, let bounds = Self.bounds(of: suggestion, branch: branch ?? "this branch") {
                if bounds.warns { Terminal.warning(bounds.text) } else { Terminal.note(bounds.text) }
            }
            // CI's detached HEAD where several branches point, one of them bounded: none is assumed.
            let tips = to == "HEAD" && branch == nil ? history.detachedBranches() : []
            if tips.count > 1, tips.contains(where: { configuration.branches.isPatchOnly($0) }) {
                let named = tips.dropLast().joined(separator: ", ") + " and " + tips[tips.count - 1]
                Terminal.note(
                    "HEAD is detached where \(named) point, so no branch's rules apply; "
                        + "check out the branch to release from for its version line")
            }
            switch format {
            case .json: Terminal.write(Self.document(suggestion).rendered())
            case .text: if let next = suggestion.next { Terminal.write("\(next)\n") }
            }
            if suggestion.next == nil {
                let since = suggestion.current.map { "since \($0.name)" } ?? "yet"
                let count = suggestion.commits.count
                Terminal.note(
                    "nothing to release: \(count) commit\(count == 1 ? "" : "s") \(since), none of them a feat, fix, perf or breaking change"
                )
                throw ChangelogError.silent(exitCode: ExitStatus.nothingToRelease.rawValue)
            }
        }
    }

    /// The JSON document of a suggestion; ChangelogCore renders it.
    static func document(_ suggestion: VersionSuggestion) -> NextVersionDocument {
        NextVersionDocument(
            current: suggestion.current?.version, currentTag: suggestion.current?.name,
            next: suggestion.next, nextTag: suggestion.nextTag, bump: suggestion.bump.rawValue,
            drivers: suggestion.drivers)
    }
}
