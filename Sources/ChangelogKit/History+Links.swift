import ChangelogCore
import Git

extension History {
    /// Where links point: `repositoryURL` (the command line's), else the configuration, else the
    /// origin remote; the style: `style`, else the configuration, else guessed from the host.
    public func links(repositoryURL: String?, style: LinkStyle?, configuration: Configuration) -> LinkContext {
        let remote = try? repository.configString("remote.origin.url")
        let url = repositoryURL ?? configuration.repositoryURL ?? remote.flatMap(RepositoryURL.webAddress(fromRemote:))
        return LinkContext(repositoryURL: url, style: style ?? configuration.linkStyle ?? RepositoryURL.guessedLinkStyle(url))
    }
}
