/// How a forge spells the links to a commit, an issue and a comparison between two tags.
public enum LinkStyle: String, Sendable, CaseIterable {
    case github, gitlab, stash, cgit

    public func commit(_ base: String, _ id: String) -> String {
        switch self {
        case .github: "\(base)/commit/\(id)"
        case .gitlab: "\(base)/-/commit/\(id)"
        case .stash: "\(base)/commits/\(id)"
        case .cgit: "\(base)/commit/?id=\(id)"
        }
    }

    /// nil where the forge has no issue tracker of its own (Bitbucket Server, cgit): the reference stays plain text.
    public func issue(_ base: String, _ reference: Reference) -> String? {
        let target = reference.repository.map { Self.sibling(of: base, named: $0) } ?? base
        switch (self, reference.kind) {
        case (.github, .issue): return "\(target)/issues/\(reference.issue)"
        case (.github, .mergeRequest): return "\(target)/pull/\(reference.issue)"
        case (.gitlab, .issue): return "\(target)/-/issues/\(reference.issue)"
        case (.gitlab, .mergeRequest): return "\(target)/-/merge_requests/\(reference.issue)"
        case (.stash, _), (.cgit, _): return nil
        }
    }

    public func compare(_ base: String, from: String, to: String) -> String {
        switch self {
        case .github: "\(base)/compare/\(from)...\(to)"
        case .gitlab: "\(base)/-/compare/\(from)...\(to)"
        case .stash: "\(base)/compare/diff?targetBranch=refs%2Ftags%2F\(from)&sourceBranch=refs%2Ftags%2F\(to)"
        case .cgit: "\(base)/diff/?id=\(to)&id2=\(from)"
        }
    }

    /// A tag's own page: keep-a-changelog links the first release there (nothing to compare it with).
    public func tagPage(_ base: String, _ tag: String) -> String {
        switch self {
        case .github: "\(base)/releases/tag/\(tag)"
        case .gitlab: "\(base)/-/tags/\(tag)"
        case .stash: "\(base)/browse?at=refs%2Ftags%2F\(tag)"
        case .cgit: "\(base)/tag/?h=\(tag)"
        }
    }

    /// `https://host/o/r` with `other/repo` gives `https://host/other/repo`: a cross-repository
    /// reference names its repository from the host's root, whatever the depth of groups here.
    private static func sibling(of base: String, named repository: String) -> String {
        guard let scheme = base.firstRange(of: "://") else { return base }
        let afterScheme = base[scheme.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }
        return base[..<scheme.upperBound] + host + "/" + repository
    }
}
