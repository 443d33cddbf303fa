import ChangelogCore
import Git

extension History {
    /// Where links point: `repositoryURL` (the command line's), else the configuration, else the
    /// origin remote; the style: `style`, else the configuration, else guessed from the host.
    public func links(repositoryURL: String?, style: LinkStyle?, configuration: Configuration) -> LinkContext {
        Self.links(of: repository, repositoryURL: repositoryURL, style: style, configuration: configuration)
    }

    /// The same for a run over several packages' histories, which share the repository.
    public static func links(
        of repository: Repository, repositoryURL: String?, style: LinkStyle?, configuration: Configuration
    ) -> LinkContext {
        let remote = try? repository.configString("remote.origin.url")
        let url = repositoryURL ?? configuration.repositoryURL ?? remote.flatMap(RepositoryURL.webAddress(fromRemote:))
        return LinkContext(repositoryURL: url, style: style ?? configuration.linkStyle ?? RepositoryURL.guessedLinkStyle(url))
    }
}
