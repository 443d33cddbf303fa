/// One release of the changelog: a version (or Unreleased) and its commits, sorted into sections.
public struct Release: Sendable, Equatable {
    /// nil for the Unreleased section.
    public var version: SemanticVersion?
    /// The section's name when it is not `version` as written by default: `--setversion` text kept
    /// as typed (`v0.14.2`, `VERSION`, `api-v1.2.3`). nil names it by `version` (or Unreleased).
    public var name: String?
    /// The tag name this release has or will have (`v1.4.0`); nil when unreleased.
    public var tag: String?
    /// The tag of the release before it, the left side of the compare link.
    public var previousTag: String?
    /// The right side of the compare link when there is no tag yet (`HEAD` for Unreleased).
    public var head: String?
    /// The tag's date, or today's for a release being cut; shown as a day only when rendered.
    public var date: Timestamp
    public var sections: [Section]
    /// Who wrote or co-wrote its commits, sorted; empty when the run did not ask for them.
    public var contributors: [Contributor]

    public init(
        version: SemanticVersion?, tag: String?, previousTag: String?, head: String? = nil, date: Timestamp, sections: [Section],
        name: String? = nil, contributors: [Contributor] = []
    ) {
        self.version = version
        self.name = name
        self.tag = tag
        self.previousTag = previousTag
        self.head = head
        self.date = date
        self.sections = sections
        self.contributors = contributors
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        public var entries: [Entry]
        /// The breaking changes, listed by their notes: a kind, whatever the title says, so a
        /// configured section that happens to share the title is still a list of commits.
        public var isBreaking: Bool

        public init(title: String, entries: [Entry], isBreaking: Bool = false) {
            self.title = title
            self.entries = entries
            self.isBreaking = isBreaking
        }
    }

    /// A commit as it appears in one section.
    public struct Entry: Sendable, Equatable {
        public var commit: SourceCommit
        public var conventional: ConventionalCommit
        /// The scope's display name after `[components]` aliases; nil for unscoped entries.
        public var component: String?
        /// Earlier maintenance releases (on other branches) that shipped the same change first.
        public var alsoIn: [SemanticVersion]
        /// False for a commit listed under `[changelog] other`: its message is not a Conventional
        /// Commit, so `conventional` holds only its first line as the subject and the rest as the body.
        public var isConventional: Bool

        public init(
            commit: SourceCommit, conventional: ConventionalCommit, component: String?, alsoIn: [SemanticVersion] = [],
            isConventional: Bool = true
        ) {
            self.commit = commit
            self.conventional = conventional
            self.component = component
            self.alsoIn = alsoIn
            self.isConventional = isConventional
        }
    }

    /// True when no section lists anything.
    public var isEmpty: Bool { sections.allSatisfy { $0.entries.isEmpty } }

    /// What the heading calls the release: its name, its version, or `Unreleased`.
    public var displayName: String { name ?? version?.description ?? "Unreleased" }

    /// The name of its `<a name="…">` anchor: `displayName`, with `unreleased` in lower case.
    public var anchorName: String { name ?? version?.description ?? "unreleased" }
}
