/// Where links point: the repository's web address and the forge's URL scheme.
public struct LinkContext: Sendable, Equatable {
    /// `https://host/owner/repo`, without a trailing slash; nil renders ids and references unlinked.
    public var repositoryURL: String?
    public var style: LinkStyle

    public init(repositoryURL: String?, style: LinkStyle) {
        self.repositoryURL = repositoryURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.style = style
    }

    /// The same links over a string of its own: a context read at every commit of a release being
    /// rendered on one core must not share its reference count with the releases on the others.
    public func unshared() -> LinkContext {
        var copy = self
        copy.repositoryURL = repositoryURL.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        return copy
    }
}
