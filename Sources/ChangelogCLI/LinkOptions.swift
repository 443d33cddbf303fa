import ArgumentParser
import ChangelogCore
import ChangelogKit
import Git

/// `-r` and `-l`: where the links of a rendered section point, for every command that renders one.
struct LinkOptions: ParsableArguments {
    @Option(
        name: [.customShort("r"), .long],
        help: ArgumentHelp("The repository's web address for links (default: from the origin remote).", valueName: "url"))
    var repository: String?

    @Option(
        name: [.customShort("l"), .customLong("link-style")],
        help: ArgumentHelp("How links are spelled: github, gitlab, stash or cgit (default: guessed from the host).", valueName: "style"))
    var linkStyle: LinkStyle?

    /// True when either option was given.
    var isGiven: Bool { repository != nil || linkStyle != nil }

    /// Where links point, these options first (ChangelogKit's `History.links`).
    func context(_ history: History, _ configuration: Configuration) -> LinkContext {
        history.links(repositoryURL: repository, style: linkStyle, configuration: configuration)
    }

    /// The same for a run over several packages.
    func context(_ repository: Repository, _ configuration: Configuration) -> LinkContext {
        History.links(of: repository, repositoryURL: self.repository, style: linkStyle, configuration: configuration)
    }
}

extension LinkStyle: ExpressibleByArgument {}
