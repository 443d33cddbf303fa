import ArgumentParser
import ChangelogCore
import ChangelogKit

/// `-r` and `-l`: where the links of a rendered section point, for every command that renders one.
struct LinkOptions: ParsableArguments {
    @Option(name: [.customShort("r"), .long], help: ArgumentHelp("The repository's web address for links (default: from the origin remote).", valueName: "url"))
    var repository: String?

    @Option(name: [.customShort("l"), .customLong("link-style")], help: ArgumentHelp("How links are spelled: github, gitlab, stash or cgit (default: guessed from the host).", valueName: "style"))
    var linkStyle: LinkStyle?

    /// True when either option was given.
    var isGiven: Bool { repository != nil || linkStyle != nil }

    /// Where links point: `-r`, else the configuration, else the origin remote; the style from `-l`,
    /// else the configuration, else guessed from the host.
    func context(_ history: History, _ configuration: Configuration) -> LinkContext {
        let remote = try? history.repository.configString("remote.origin.url")
        let url = repository ?? configuration.repositoryURL ?? remote.flatMap(RepositoryURL.webAddress(fromRemote:))
        return LinkContext(repositoryURL: url, style: linkStyle ?? configuration.linkStyle ?? RepositoryURL.guessedLinkStyle(url))
    }
}

extension LinkStyle: ExpressibleByArgument {}
