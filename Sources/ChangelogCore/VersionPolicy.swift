/// docs/contract.md's version policy: which commits bump what, the 0.x rules, and pre-release lines.
public struct VersionPolicy: Sendable, Equatable {
    /// The first version when nothing has been released yet.
    public var initial = SemanticVersion(major: 0, minor: 1, patch: 0)
    public var majorTypes: Set<String> = []
    public var minorTypes: Set<String> = ["feat"]
    public var patchTypes: Set<String> = ["fix", "perf"]
    /// On 0.x a breaking change bumps the minor number: 1.0.0 is a decision, never an accident.
    public var breakingBumpsMinorBelowOne = true

    public init() {}

    /// The bump one commit asks for.
    public func bump(for commit: ConventionalCommit) -> BumpLevel {
        if commit.isBreaking || majorTypes.contains(commit.type) { return .major }
        if minorTypes.contains(commit.type) { return .minor }
        if patchTypes.contains(commit.type) { return .patch }
        return .none
    }

    /// The largest bump any of the commits asks for.
    public func bump(for commits: [ParsedCommit]) -> BumpLevel {
        var level = BumpLevel.none
        for commit in commits {
            guard case .conventional(let conventional) = commit.message else { continue }
            level = max(level, bump(for: conventional))
            if level == .major { break }
        }
        return level
    }

    /// The next version after `latest` (the highest version tag, possibly a pre-release) given the
    /// bump its new commits ask for. `stable` is the highest release that is not a pre-release: a
    /// pre-release line is measured from it. Without one (only pre-releases so far) the line's own
    /// release version is the base, so `0.1.1-rc.1` + feat moves to the 0.2.0 line, never back to 0.1.0.
    /// Returns nil when the bump is `.none`.
    public func next(latest: SemanticVersion?, stable: SemanticVersion?, bump: BumpLevel, prerelease: String? = nil) -> SemanticVersion? {
        guard let latest else {
            return prerelease.map { Self.start(initial, line: $0) } ?? initial
        }
        guard bump != .none else { return nil }
        guard latest.isPrerelease else {
            let target = latest.bumped(effective(bump, on: latest))
            return prerelease.map { Self.start(target, line: $0) } ?? target
        }
        let line = latest.release
        let base = stable.flatMap { $0 < line ? $0 : nil } ?? line
        let level = effective(bump, on: base)
        let fits = level <= Self.level(of: line)
        var target = line
        if !fits {
            // A higher line; from the stable release when that lands above this line, else from the line itself.
            let fromBase = base.bumped(level)
            target = fromBase > line ? fromBase : line.bumped(level)
        }
        guard let prerelease else { return target }
        if fits, let number = Self.number(of: latest, line: prerelease) {
            return SemanticVersion(major: line.major, minor: line.minor, patch: line.patch, prerelease: [prerelease, String(number + 1)])
        }
        return Self.start(target, line: prerelease)
    }

    /// What `bump` amounts to from `version`: on 0.x a breaking change is a minor bump (as configured).
    public func effective(_ bump: BumpLevel, on version: SemanticVersion) -> BumpLevel {
        if version.major == 0 && bump == .major && breakingBumpsMinorBelowOne { return .minor }
        return bump
    }

    /// x.0.0 is a major line, x.y.0 a minor line, anything else a patch line.
    static func level(of line: SemanticVersion) -> BumpLevel {
        if line.minor == 0 && line.patch == 0 { return .major }
        if line.patch == 0 { return .minor }
        return .patch
    }

    public static func start(_ version: SemanticVersion, line identifier: String) -> SemanticVersion {
        SemanticVersion(major: version.major, minor: version.minor, patch: version.patch, prerelease: [identifier, "1"])
    }

    /// N of `x.y.z-<identifier>.N`, or nil when the pre-release is of another line (`beta` vs `rc`).
    static func number(of version: SemanticVersion, line identifier: String) -> Int? {
        guard version.prerelease.count == 2, version.prerelease[0] == identifier else { return nil }
        return Int(version.prerelease[1])
    }
}

extension SemanticVersion {
    /// The version one `level` up, with pre-release and build dropped; `.none` returns the release itself.
    public func bumped(_ level: BumpLevel) -> SemanticVersion {
        switch level {
        case .major: SemanticVersion(major: major + 1, minor: 0, patch: 0)
        case .minor: SemanticVersion(major: major, minor: minor + 1, patch: 0)
        case .patch: SemanticVersion(major: major, minor: minor, patch: patch + 1)
        case .none: release
        }
    }
}
