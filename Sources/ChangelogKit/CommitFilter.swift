import ChangelogCore

/// The commits one run keeps: those of one rule of a (possibly shared) membership.
public struct CommitFilter {
    public let membership: PackageMembership
    public let rule: Int

    public init(membership: PackageMembership, rule: Int) {
        self.membership = membership
        self.rule = rule
    }

    public func keeps(_ commit: SourceCommit, parsed: ParsedMessage? = nil) throws(ChangelogError) -> Bool {
        try membership.packages(of: commit, parsed: parsed).contains(rule)
    }
}
