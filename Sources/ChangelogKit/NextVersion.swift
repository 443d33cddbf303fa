import ChangelogCore
import Git

/// The version the commits since the last release call for, and the commits that call for it.
public struct VersionSuggestion {
    /// The highest version tag reachable from the target; nil before the first release.
    public var current: VersionTag?
    /// nil when nothing since `current` warrants a release.
    public var next: SemanticVersion?
    public var tagPrefix: String
    public var bump: Kind
    /// The commits that decide the bump: those asking for the level that won.
    public var drivers: [ParsedCommit]
    /// Every commit since `current`, newest first.
    public var commits: [ParsedCommit]

    public enum Kind: String, Sendable {
        case major, minor, patch, prerelease, none
    }

    public var nextTag: String? { next.map { tagPrefix + $0.description } }
}

extension History {
    /// `changelog next`: DESIGN.md's version policy applied to the commits since the latest version
    /// tag reachable from `target`. `generate --bump` and `release` use this same computation.
    public func suggestVersion(at target: ObjectID, policy: VersionPolicy, prerelease: String?, tagPrefix: String?) throws(ChangelogError) -> VersionSuggestion {
        let (current, since) = try sincePreviousRelease(of: target)
        return try suggestVersion(at: target, current: current, since: since, policy: policy, prerelease: prerelease, tagPrefix: tagPrefix)
    }

    /// The same, for a caller that already walked from `current` to `target`.
    public func suggestVersion(at target: ObjectID, current: VersionTag?, since: [SourceCommit], policy: VersionPolicy,
                               prerelease: String?, tagPrefix: String?) throws(ChangelogError) -> VersionSuggestion {
        let stable = try previousStableRelease(of: target, latest: current)
        let commits = since.map(ParsedCommit.init)
        // A feature reverted before it shipped must not bump the version, as it is not listed either.
        let shipping = commits.withoutCancelledReverts
        let level = policy.bump(for: shipping)
        let prefix = tagPrefix ?? tags.preferredPrefix
        // Before the first release the initial version is due whatever the commits say.
        guard !commits.isEmpty || current == nil,
              let next = policy.next(latest: current?.version, stable: stable?.version, bump: level, prerelease: prerelease) else {
            return VersionSuggestion(current: current, next: nil, tagPrefix: prefix, bump: .none, drivers: [], commits: commits)
        }
        if let current, next <= current.version {
            // Switching to an identifier that sorts lower (rc -> beta) would go backwards.
            throw ChangelogError("--prerelease \(prerelease ?? "") would give \(next), which does not come after \(current.version); continue the \(current.version.prerelease.first ?? "current") line or release it")
        }
        let drivers = shipping.filter { commit in
            guard let entry = commit.entry, case .conventional = commit.message else { return false }
            return policy.bump(for: entry) == level && level != .none
        }
        return VersionSuggestion(current: current, next: next, tagPrefix: prefix,
                                 bump: Self.kind(from: current?.version, stable: stable?.version, to: next), drivers: drivers, commits: commits)
    }

    /// How the version moves: between two pre-releases of one line it is `prerelease`; releasing or
    /// leaving a pre-release line is measured from the last stable release, as the line was.
    private static func kind(from current: SemanticVersion?, stable: SemanticVersion?, to next: SemanticVersion) -> VersionSuggestion.Kind {
        let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
        var base = current ?? zero
        if base.isPrerelease {
            if next.isPrerelease && next.release == base.release { return .prerelease }
            base = stable ?? zero
        }
        if next.major != base.major { return .major }
        if next.minor != base.minor { return .minor }
        return .patch
    }
}
