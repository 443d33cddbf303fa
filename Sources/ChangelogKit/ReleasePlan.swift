import ChangelogCore

/// One release to render: what its heading says and the commits it lists, parsed when History read
/// them and sorted into sections only when it is rendered, possibly on another thread.
public struct ReleasePlan: Sendable {
    public var version: SemanticVersion?
    /// The section's name as `--setversion` gave it, when it is not `version` written plainly.
    public var name: String?
    public var tag: String?
    public var previousTag: String?
    public var head: String?
    public var date: Timestamp
    /// Newest first.
    public var commits: [ParsedCommit]
    /// Commits whose change a maintenance release shipped first, with those releases' versions.
    public var alsoIn: [CommitID: [SemanticVersion]] = [:]
    /// Filled only when the output shows them (`ContributorIndex`).
    public var contributors: [Contributor] = []

    public init(
        version: SemanticVersion?, tag: String?, previousTag: String?, head: String? = nil, date: Timestamp, commits: [ParsedCommit]
    ) {
        self.version = version
        self.tag = tag
        self.previousTag = previousTag
        self.head = head
        self.date = date
        self.commits = commits
    }

    var key: SectionKey { version.map { .version($0) } ?? name.map { .named($0) } ?? .unreleased }

    /// How the run reports it: the name, the version, or Unreleased.
    var displayName: String { name ?? version?.description ?? "Unreleased" }

    public func release(_ composer: ReleaseComposer) -> Release {
        Release(
            version: version, tag: tag, previousTag: previousTag, head: head, date: date,
            sections: composer.sections(for: commits, alsoIn: alsoIn), name: name, contributors: contributors)
    }
}
