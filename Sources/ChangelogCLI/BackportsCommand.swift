import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

struct BackportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backports",
        abstract: "List the fixes on this branch that a maintenance branch has not picked yet.",
        discussion: """
            Run on main: lists the fix and perf commits since the maintenance branch forked whose change \
            is not on it yet (neither named by a `(cherry picked from commit …)` line nor with the same \
            patch-id), oldest first, each as the `git cherry-pick -x` command to run. Feature and \
            breaking commits are left out and counted on stderr.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("The maintenance branch, e.g. 1-3-stable or origin/release/1.3.", valueName: "branch"))
    var onto: String

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: Format = .text

    @OptionGroup var repositoryOptions: RepositoryOptions

    func validate() throws {
        if onto.isEmpty { throw ValidationError(emptyRevision("--onto")) }
    }

    func run() throws {
        try reportingErrors { () throws(ChangelogError) in
            let (history, configuration) = try repositoryOptions.open()
            if history.repository.isHeadUnborn {
                throw ChangelogError.unbornBranch(history.repository, fresh: "the repository has no commits yet; nothing to backport")
            }
            let report = try history.backports(onto: onto, policy: configuration.bump)
            switch format {
            case .text:
                var out = ""
                for candidate in report.candidates {
                    out += BackportsDocument.cherryPickCommand(candidate.commit) + "  # \(candidate.commit.subjectLine)\n"
                }
                Terminal.write(out)
                let count = report.candidates.count
                Terminal.note(
                    count == 0
                        ? "nothing to backport: every fix since the fork point is on \(onto) (\(report.picked.count) picked)"
                        : "\(count) fix\(count == 1 ? "" : "es") to pick into \(onto), oldest first; \(report.picked.count) already there")
            case .json:
                Terminal.write(Self.document(report).rendered())
            }
            if !report.leftOut.isEmpty {
                let count = report.leftOut.count
                Terminal.note("left out \(count) feat or breaking commit\(count == 1 ? "" : "s"): a patch release takes fixes only")
            }
        }
    }

    /// The JSON document of a report; ChangelogCore renders it.
    static func document(_ report: BackportReport) -> BackportsDocument {
        BackportsDocument(
            onto: report.onto, forkPoint: report.forkPoint.hex, candidates: report.candidates,
            picked: report.picked.map { .init(id: $0.commit.id.hex, pickedAs: $0.pickedAs.id.hex, evidence: $0.evidence) },
            leftOut: report.leftOut.count)
    }
}
