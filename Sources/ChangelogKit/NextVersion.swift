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
    /// On a patch-only branch or a version line: the commits that would have bumped higher.
    public var heldBack: [ParsedCommit] = []
    /// The version line the branch's name carries, which bounded `next`.
    public var line: VersionLine?
    /// Versions the policy asked for first, passed over because other branches had tagged them.
    public var skipped: [VersionTag] = []

    public enum Kind: String, Sendable {
        case major, minor, patch, prerelease, none
    }

    public var nextTag: String? { next.map { tagPrefix + $0.description } }
}

extension History {
    /// `changelog next`: docs/contract.md's version policy applied to the commits since the latest version
    /// tag reachable from `target`. `generate --bump` and `release` use this same computation.
    /// On a patch-only branch (`patchOnly`) the bump never goes above patch; on a branch that carries
    /// a version line (`line`) the version stays on the line. The commits that asked for more are
    /// returned in `heldBack`.
    public func suggestVersion(at target: ObjectID, policy: VersionPolicy, prerelease: String?, tagPrefix: String?,
                               patchOnly: Bool = false, line: VersionLine? = nil) throws(ChangelogError) -> VersionSuggestion {
        let (current, since) = try sincePreviousRelease(of: target)
        return try suggestVersion(at: target, current: current, since: since, policy: policy, prerelease: prerelease,
                                  tagPrefix: tagPrefix, patchOnly: patchOnly, line: line)
    }

    /// The same, for a caller that already walked from `current` to `target`.
    public func suggestVersion(at target: ObjectID, current: VersionTag?, since: [SourceCommit], policy: VersionPolicy,
                               prerelease: String?, tagPrefix: String?, patchOnly: Bool = false,
                               line: VersionLine? = nil) throws(ChangelogError) -> VersionSuggestion {
        let stable = try previousStableRelease(of: target, latest: current)
        let commits = since.map(ParsedCommit.init)
        // A feature reverted before it shipped must not bump the version, as it is not listed either.
        let shipping = commits.withoutCancelledReverts
        var level = policy.bump(for: shipping)
        var heldBack: [ParsedCommit] = []
        if let line {
            let held = try Self.heldBack(shipping, current: current?.version, line: line, policy: policy)
            if !held.commits.isEmpty { (heldBack, level) = (held.commits, held.cap) }
        } else if patchOnly, current != nil, level > .patch {
            heldBack = shipping.filter { commit in commit.entry.map { policy.bump(for: $0) > .patch } ?? false }
            level = .patch
        }
        let prefix = tagPrefix ?? tags.preferredPrefix
        // A pre-release line can be released as it stands (rc -> final) when nothing after it asks
        // for more: no commit at all, or only commits that bump nothing (docs, chores).
        if let current, current.version.isPrerelease, prerelease == nil, level == .none {
            var next = current.version.release
            if let line {
                guard let placed = line.place(next, after: current.version) else { throw Self.offTheLine(next, line: line) }
                next = placed
            }
            let bump = Self.kind(from: current.version, stable: stable?.version, to: next)
            var suggestion = VersionSuggestion(current: current, next: next, tagPrefix: prefix, bump: bump, drivers: [], commits: commits)
            suggestion.line = line
            return suggestion
        }
        // Before the first release the initial version is due whatever the commits say.
        guard !commits.isEmpty || current == nil,
              var next = policy.next(latest: current?.version, stable: stable?.version, bump: level, prerelease: prerelease) else {
            var suggestion = VersionSuggestion(current: current, next: nil, tagPrefix: prefix, bump: .none, drivers: [], commits: commits)
            suggestion.line = line
            return suggestion
        }
        if let line {
            // Capped at what the line allows, so short of it at worst: a jump into the line.
            guard let placed = line.place(next, after: current?.version) else { throw Self.offTheLine(next, line: line) }
            next = placed
        }
        // A maintenance branch may have taken the number already (main's 1.3.1 when 1-3-stable
        // released it): a version is never released twice, so the line moves on past it. A
        // pre-release line whose release is taken would lead to it again, so it starts above it.
        var skipped: [VersionTag] = []
        let released = current.flatMap { $0.version.isPrerelease ? nil : $0.version }
        // On a version line the next free number is the next patch: the line is all there is.
        let from = next.isPrerelease ? stable?.version ?? released : released
        if let bumpLevel = line != nil ? BumpLevel.patch : Self.level(from: from, to: next.release) {
            while let taken = tags.first(where: { $0.version == next.release }) {
                skipped.append(taken)
                let moved = next.release.bumped(bumpLevel)
                next = next.isPrerelease ? VersionPolicy.start(moved, line: next.prerelease[0]) : moved
            }
        }
        if let current, next <= current.version {
            // Switching to an identifier that sorts lower (rc -> beta) would go backwards.
            let cause = prerelease.map { "--prerelease \($0) would give \(next)" } ?? "the next version would be \(next)"
            throw ChangelogError("\(cause), which does not come after \(current.version); continue the \(current.version.prerelease.first ?? "current") line or release it")
        }
        let drivers = shipping.filter { commit in
            guard let entry = commit.entry, case .conventional = commit.message else { return false }
            let asked = policy.bump(for: entry)
            return level != .none && (asked == level || (!heldBack.isEmpty && asked > level))
        }
        var suggestion = VersionSuggestion(current: current, next: next, tagPrefix: prefix,
                                           bump: Self.kind(from: current?.version, stable: stable?.version, to: next), drivers: drivers, commits: commits)
        suggestion.heldBack = heldBack
        suggestion.skipped = skipped
        suggestion.line = line
        return suggestion
    }

    /// The commits that ask for more than `line` allows after `current`, and the bump it allows;
    /// measured as the policy measures them (on 0.x a breaking change is a minor bump).
    static func heldBack(_ commits: [ParsedCommit], current: SemanticVersion?, line: VersionLine,
                         policy: VersionPolicy) throws(ChangelogError) -> (commits: [ParsedCommit], cap: BumpLevel) {
        guard let cap = line.allowedBump(after: current) else {
            let latest = current?.description ?? ""
            throw ChangelogError("this branch carries the version line \(line), but its latest release \(latest) is above the line; release from a branch of \(latest)'s line")
        }
        let base = current?.release ?? line.first
        let held = commits.filter { commit in commit.entry.map { policy.effective(policy.bump(for: $0), on: base) > cap } ?? false }
        return (held, cap)
    }

    private static func offTheLine(_ next: SemanticVersion, line: VersionLine) -> ChangelogError {
        ChangelogError("the next version, \(next), is not on the branch's \(line) line; release it from another branch, or pass a \(line).z version")
    }

    /// Which number moved from `current` to a release `next`, for stepping past taken versions.
    private static func level(from current: SemanticVersion?, to next: SemanticVersion) -> BumpLevel? {
        guard let current, !current.isPrerelease else { return nil }
        if next.major != current.major { return .major }
        if next.minor != current.minor { return .minor }
        return .patch
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

extension [ParsedCommit] {
    /// The first three as `id 'subject'`, then how many more: a warning about commits is one line.
    public var summary: String {
        let listed = prefix(3).map { "\($0.commit.shortID) '\($0.commit.subjectLine)'" }.joined(separator: ", ")
        return count > 3 ? "\(listed) and \(count - 3) more" : listed
    }
}
