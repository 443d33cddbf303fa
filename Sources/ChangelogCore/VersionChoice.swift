/// The next version, chosen from what a history says: the pure half of `changelog next`, also
/// behind `generate --bump` and `release` (docs/contract.md, version policy).
///
/// The caller reads the history (the current release, the last stable one, the commits since,
/// which versions are tagged anywhere); this decides, so every rule is tested without a repository.
public struct VersionChoice: Sendable, Equatable {
    /// How the version moves.
    public enum Kind: String, Sendable {
        case major, minor, patch, prerelease, none
    }

    /// Why no version can be chosen: each says what the user should do.
    public enum Failure: Error, Equatable {
        /// The version the policy gives does not come after the current one (an identifier that
        /// sorts lower, `rc` then `beta`); `prerelease` is the identifier asked for, if any.
        case notAfterCurrent(next: SemanticVersion, current: SemanticVersion, prerelease: String?)
        /// The branch's version line lies below its latest release.
        case lineBelowRelease(line: VersionLine, latest: SemanticVersion?)
        /// The version the policy gives is not on the branch's version line.
        case offTheLine(next: SemanticVersion, line: VersionLine)
    }

    /// nil when nothing since the current release warrants one.
    public var next: SemanticVersion?
    public var bump: Kind
    /// The commits that decide the bump: those asking for the level that won.
    public var drivers: [ParsedCommit] = []
    /// On a patch-only branch or a version line: the commits that would have bumped higher.
    public var heldBack: [ParsedCommit] = []
    /// Versions the policy asked for first, passed over because they are tagged already.
    public var skipped: [SemanticVersion] = []

    /// - Parameters:
    ///   - current: the release the range starts at (possibly a pre-release); nil before the first.
    ///   - stable: the highest release reachable that is not a pre-release.
    ///   - commits: every commit since `current`, newest first.
    ///   - atLeast: the least bump whatever the commits say: a package released because a package it
    ///     depends on is gets at least a patch, chosen by every rule its own commits' bump follows.
    ///   - isTagged: whether a version is tagged anywhere in the repository, on any branch.
    public init(
        current: SemanticVersion?, stable: SemanticVersion?, commits: [ParsedCommit], policy: VersionPolicy,
        prerelease: String?, patchOnly: Bool = false, line: VersionLine? = nil, atLeast: BumpLevel = .none,
        isTagged: (SemanticVersion) -> Bool
    ) throws(Failure) {
        // A feature reverted before it shipped must not bump the version, as it is not listed either.
        let shipping = commits.withoutCancelledReverts
        var level = max(policy.bump(for: shipping), atLeast)
        if let line {
            let held = try Self.heldBack(shipping, current: current, line: line, policy: policy)
            if !held.commits.isEmpty { (heldBack, level) = (held.commits, held.cap) }
        } else if patchOnly, current != nil, level > .patch {
            heldBack = shipping.filter { commit in commit.entry.map { policy.bump(for: $0) > .patch } ?? false }
            level = .patch
        }
        // A pre-release line can be released as it stands (rc -> final) when nothing after it asks
        // for more: no commit at all, or only commits that bump nothing (docs, chores).
        if let current, current.isPrerelease, prerelease == nil, level == .none {
            var next = current.release
            if let line {
                guard let placed = line.place(next, after: current) else { throw .offTheLine(next: next, line: line) }
                next = placed
            }
            self.next = next
            bump = Self.kind(from: current, stable: stable, to: next)
            heldBack = []
            return
        }
        // Before the first release the initial version is due whatever the commits say, once there
        // are any: a package no commit has touched (a mistyped path) has nothing to release.
        guard !commits.isEmpty || atLeast > .none,
            var next = policy.next(latest: current, stable: stable, bump: level, prerelease: prerelease)
        else {
            self.next = nil
            bump = .none
            return
        }
        if let line {
            // Capped at what the line allows, so short of it at worst: a jump into the line.
            guard let placed = line.place(next, after: current) else { throw .offTheLine(next: next, line: line) }
            next = placed
        }
        // Another branch may have taken the number already (main's 1.3.1 when 1-3-stable released
        // it): a version is never released twice, so the line moves on past it. A pre-release line
        // whose release is taken would lead to it again, so it starts above it.
        let released = current.flatMap { $0.isPrerelease ? nil : $0 }
        // On a version line the next free number is the next patch: the line is all there is.
        let from = next.isPrerelease ? stable ?? released : released
        if let bumpLevel = line != nil ? BumpLevel.patch : Self.level(from: from, to: next.release) {
            while isTagged(next.release) {
                skipped.append(next.release)
                let moved = next.release.bumped(bumpLevel)
                next = next.isPrerelease ? VersionPolicy.start(moved, line: next.prerelease[0]) : moved
            }
        }
        if let current, next <= current {
            throw .notAfterCurrent(next: next, current: current, prerelease: prerelease)
        }
        let heldBack = self.heldBack
        drivers = shipping.filter { commit in
            guard let entry = commit.entry, case .conventional = commit.message else { return false }
            let asked = policy.bump(for: entry)
            return level != .none && (asked == level || (!heldBack.isEmpty && asked > level))
        }
        self.next = next
        bump = Self.kind(from: current, stable: stable, to: next)
    }

    /// The commits that ask for more than `line` allows after `current`, and the bump it allows;
    /// measured as the policy measures them (on 0.x a breaking change is a minor bump).
    public static func heldBack(
        _ commits: [ParsedCommit], current: SemanticVersion?, line: VersionLine,
        policy: VersionPolicy
    ) throws(Failure) -> (commits: [ParsedCommit], cap: BumpLevel) {
        guard let cap = line.allowedBump(after: current) else { throw .lineBelowRelease(line: line, latest: current) }
        let base = current?.release ?? line.first
        let held = commits.filter { commit in commit.entry.map { policy.effective(policy.bump(for: $0), on: base) > cap } ?? false }
        return (held, cap)
    }

    /// Which number moved from a release `current` to a release `next`, for stepping past taken
    /// versions; nil from a pre-release or from nothing.
    private static func level(from current: SemanticVersion?, to next: SemanticVersion) -> BumpLevel? {
        guard let current, !current.isPrerelease else { return nil }
        return Self.kind(from: current, stable: nil, to: next).level
    }

    /// How the version moves: between two pre-releases of one line it is `prerelease`; releasing or
    /// leaving a pre-release line is measured from the last stable release, as the line was.
    static func kind(from current: SemanticVersion?, stable: SemanticVersion?, to next: SemanticVersion) -> Kind {
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

extension VersionChoice.Kind {
    /// The number that moves, for a move between releases.
    var level: BumpLevel {
        switch self {
        case .major: .major
        case .minor: .minor
        case .patch, .prerelease: .patch
        case .none: .none
        }
    }
}
