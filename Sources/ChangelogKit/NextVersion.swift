import ChangelogCore
import Git

/// The version the commits since the last release call for, and the commits that call for it.
public struct VersionSuggestion {
    /// The highest version tag reachable from the target; nil before the first release.
    public var current: VersionTag?
    /// nil when nothing since `current` warrants a release.
    public var next: SemanticVersion?
    public var tagPrefix: String
    public var bump: VersionChoice.Kind
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

    public typealias Kind = VersionChoice.Kind

    public var nextTag: String? { next.map { tagPrefix + $0.description } }
}

extension History {
    /// `changelog next`: docs/contract.md's version policy applied to the commits since the latest version
    /// tag reachable from `target`. `generate --bump` and `release` use this same computation.
    /// On a patch-only branch (`patchOnly`) the bump never goes above patch; on a branch that carries
    /// a version line (`line`) the version stays on the line. The commits that asked for more are
    /// returned in `heldBack`.
    public func suggestVersion(
        at target: ObjectID, policy: VersionPolicy, prerelease: String?, tagPrefix: String?,
        patchOnly: Bool = false, line: VersionLine? = nil
    ) throws(ChangelogError) -> VersionSuggestion {
        let (current, since) = try sincePreviousRelease(of: target)
        return try suggestVersion(
            at: target, current: current, since: since, policy: policy, prerelease: prerelease,
            tagPrefix: tagPrefix, patchOnly: patchOnly, line: line)
    }

    /// The same, for a caller that already walked from `current` to `target`.
    public func suggestVersion(
        at target: ObjectID, current: VersionTag?, since: [ParsedCommit], policy: VersionPolicy,
        prerelease: String?, tagPrefix: String?, patchOnly: Bool = false,
        line: VersionLine? = nil, atLeast: BumpLevel = .none
    ) throws(ChangelogError) -> VersionSuggestion {
        let stable = try previousStableRelease(of: target, latest: current)
        let commits = since
        let tagged = Set(tags.map(\.version))
        let choice: VersionChoice
        do {
            choice = try VersionChoice(
                current: current?.version, stable: stable?.version, commits: commits, policy: policy,
                prerelease: prerelease, patchOnly: patchOnly, line: line, atLeast: atLeast,
                isTagged: tagged.contains)
        } catch {
            throw ChangelogError(error)
        }
        var suggestion = VersionSuggestion(
            current: current, next: choice.next, tagPrefix: tagPrefix ?? tags.preferredPrefix,
            bump: choice.bump, drivers: choice.drivers, commits: commits)
        suggestion.heldBack = choice.heldBack
        suggestion.skipped = choice.skipped.compactMap { version in tags.first { $0.version == version } }
        suggestion.line = line
        return suggestion
    }
}

extension ChangelogError {
    /// What to do when no version can be chosen, in the user's words.
    init(_ failure: VersionChoice.Failure) {
        switch failure {
        case .notAfterCurrent(let next, let current, let prerelease):
            // Switching to an identifier that sorts lower (rc -> beta) would go backwards.
            let cause = prerelease.map { "--prerelease \($0) would give \(next)" } ?? "the next version would be \(next)"
            self.init(
                "\(cause), which does not come after \(current); continue the \(current.prerelease.first ?? "current") line or release it")
        case .lineBelowRelease(let line, let latest):
            let latest = latest?.description ?? ""
            self.init(
                "this branch carries the version line \(line), but its latest release \(latest) is above the line; release from a branch of \(latest)'s line"
            )
        case .offTheLine(let next, let line):
            self.init(
                "the next version, \(next), is not on the branch's \(line) line; release it from another branch, or pass a \(line).z version"
            )
        }
    }
}

extension [ParsedCommit] {
    /// The first three as `id 'subject'`, then how many more: a warning about commits is one line.
    public var summary: String {
        let listed = prefix(3).map { "\($0.commit.shortID) '\($0.commit.subjectLine)'" }.joined(separator: ", ")
        return count > 3 ? "\(listed) and \(count - 3) more" : listed
    }
}
