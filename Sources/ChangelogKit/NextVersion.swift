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
        let stable = try previousStableRelease(of: target, latest: current)
        let commits = since.map(ParsedCommit.init)
        let level = policy.bump(for: commits)
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
        let drivers = commits.filter { commit in
            guard let entry = commit.entry, case .conventional = commit.message else { return false }
            return policy.bump(for: entry) == level && level != .none
        }
        return VersionSuggestion(current: current, next: next, tagPrefix: prefix,
                                 bump: Self.kind(from: current?.version, to: next), drivers: drivers, commits: commits)
    }

    private static func kind(from current: SemanticVersion?, to next: SemanticVersion) -> VersionSuggestion.Kind {
        let base = current ?? SemanticVersion(major: 0, minor: 0, patch: 0)
        if next.isPrerelease && base.isPrerelease && next.release == base.release { return .prerelease }
        if next.major != base.major { return .major }
        if next.minor != base.minor { return .minor }
        if next.patch != base.patch { return .patch }
        return base.isPrerelease ? .patch : .prerelease
    }
}
