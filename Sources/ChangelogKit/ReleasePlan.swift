import ChangelogCore

/// One release to render: what its heading says and the commits it lists, sorted into sections
/// only when it is rendered, possibly on another thread.
public struct ReleasePlan: Sendable {
    public var version: SemanticVersion?
    /// The section's name as `--setversion` gave it, when it is not `version` written plainly.
    public var name: String?
    public var tag: String?
    public var previousTag: String?
    public var head: String?
    public var date: Timestamp
    /// Newest first, parsed when History read them (a range), or unparsed: a whole history's
    /// releases are parsed once each while they render, so their parsed commits are never all held.
    private var parsed: [ParsedCommit]?
    private var unparsed: [SourceCommit] = []
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
        parsed = commits
    }

    /// A release of a whole history (`--all`), whose commits are parsed when it is rendered.
    public init(version: SemanticVersion?, tag: String?, previousTag: String?, date: Timestamp, unparsed commits: [SourceCommit]) {
        self.version = version
        self.tag = tag
        self.previousTag = previousTag
        self.date = date
        unparsed = commits
    }

    /// The commits, parsed: for an unparsed release, parsed now (its rendering is where that happens).
    public var commits: [ParsedCommit] { parsed ?? unparsed.map(ParsedCommit.init) }

    /// The commits as read, for what needs no parse (changes compared, contributors).
    public var sources: [SourceCommit] { parsed?.map(\.commit) ?? unparsed }

    /// Leaves out the commits `leavesOut` names.
    mutating func removeCommits(where leavesOut: (SourceCommit) -> Bool) {
        if parsed != nil { parsed!.removeAll { leavesOut($0.commit) } } else { unparsed.removeAll(where: leavesOut) }
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
