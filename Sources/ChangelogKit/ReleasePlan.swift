import ChangelogCore

/// One release to render: what its heading says and the commits it lists, parsed when History read
/// them and sorted into sections only when it is rendered, possibly on another thread.
public struct ReleasePlan: Sendable {
    public var version: SemanticVersion?
    public var tag: String?
    public var previousTag: String?
    public var head: String?
    public var date: String
    /// Newest first.
    public var commits: [ParsedCommit]
    /// Commits whose change a maintenance release shipped first, with those releases' versions.
    public var alsoIn: [CommitID: [SemanticVersion]] = [:]

    public init(version: SemanticVersion?, tag: String?, previousTag: String?, head: String? = nil, date: String, commits: [ParsedCommit]) {
        self.version = version
        self.tag = tag
        self.previousTag = previousTag
        self.head = head
        self.date = date
        self.commits = commits
    }

    var key: SectionKey { version.map { .version($0) } ?? .unreleased }

    public func release(_ composer: ReleaseComposer) -> Release {
        Release(
            version: version, tag: tag, previousTag: previousTag, head: head, date: date,
            sections: composer.sections(for: commits, alsoIn: alsoIn))
    }
}
