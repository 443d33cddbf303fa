/// Where links point: the repository's web address and the forge's URL scheme.
public struct LinkContext: Sendable, Equatable {
    /// `https://host/owner/repo`, without a trailing slash; nil renders ids and references unlinked.
    public var repositoryURL: String?
    public var style: LinkStyle

    public init(repositoryURL: String?, style: LinkStyle) {
        self.repositoryURL = repositoryURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.style = style
    }
}
