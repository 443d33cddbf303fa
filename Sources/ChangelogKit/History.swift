import ChangelogCore
import Git

/// A repository's history as releases see it: its version tags and the commits between them.
///
/// Every query walks by reachability, never by date, and reads each commit it needs once.
public final class History {
    public let repository: Repository
    /// Version tags in ascending version order.
    public let tags: [VersionTag]
    /// Which commits copy which, with each commit's paths and patch remembered for the whole run.
    lazy var changes = ChangeMatcher(repository: repository)
    /// The indices in `tags` of the version tags on each commit, any spelling, ascending. Built once:
    /// a walk per release tag that built its own would cost the tags squared.
    private lazy var tagIndicesByCommit: [ObjectID: [Int]] = {
        var byCommit: [ObjectID: [Int]] = [:]
        byCommit.reserveCapacity(tags.count)
        for (index, tag) in tags.enumerated() {
            for id in [tag.commitID] + tag.otherSpellings.map(\.commitID) where byCommit[id]?.last != index {
                byCommit[id, default: []].append(index)
            }
        }
        return byCommit
    }()

    /// Corrections kept as notes (`History+Amendments`), read once, when first asked for.
    var loadedAmendments: [CommitID: CommitAmendment]?

    /// The commits a package's history keeps (see `History+Packages`); nil keeps every commit.
    public internal(set) var filter: CommitFilter?

    /// `tagPrefix`, the configured one, names a release whose version is tagged in two spellings.
    public init(repository: Repository, tagPrefix: String? = nil) throws(ChangelogError) {
        self.repository = repository
        tags = try git { () throws(GitError) in try repository.versionTags(prefix: tagPrefix) }
    }

    init(repository: Repository, tags: [VersionTag], filter: CommitFilter?) {
        self.repository = repository
        self.tags = tags
        self.filter = filter
    }

    /// The local branch a revision names: HEAD's branch for `HEAD`, the branch itself for a branch
    /// name; nil for a tag or a commit id. Patch-only rules follow branches.
    public func branch(of revision: String) -> String? {
        if revision == "HEAD" { return repository.currentBranch ?? detachedBranch() }
        let name = ReferenceName.shortBranch(revision)
        return (try? repository.referenceTarget(ReferenceName.branchPrefix + name)) != nil ? name : nil
    }

    /// Where the release of `version` tagged on `target` ends: a version tagged in two spellings on
    /// two commits (`v0.9.2`, then `0.9.2` a commit later) is one release, which holds both, as
    /// `--all` lists it; its later commit when it descends from the other, else `target`.
    func releaseEnd(of version: SemanticVersion, at target: ObjectID) throws(ChangelogError) -> ObjectID {
        guard let tag = tags.first(where: { $0.version == version && $0.isOn(target) }), !tag.otherSpellings.isEmpty else { return target }
        var end = target
        for commit in [tag.commitID] + tag.otherSpellings.map(\.commitID) where commit != end {
            if try git({ () throws(GitError) in try repository.isDescendant(commit, of: end) }) { end = commit }
        }
        return end
    }

    /// The one branch a detached HEAD sits at the tip of, local or remote-tracking, as CI checks
    /// a branch out (GitLab CI, Jenkins): its version line still bounds the release. Nil when no
    /// branch or several differently named ones are there (main and release/0.24 just after the cut).
    func detachedBranch() -> String? {
        let names = detachedBranches()
        return names.count == 1 ? names[0] : nil
    }

    /// The branch names (local or remote-tracking, sorted) whose tip a detached HEAD sits at; empty
    /// when HEAD is on a branch.
    public func detachedBranches() -> [String] {
        guard case .detached(let id)? = try? repository.head() else { return [] }
        let local = (try? repository.referenceNames(matching: "refs/heads/*")) ?? []
        let remote = (try? repository.referenceNames(matching: "refs/remotes/*")) ?? []
        var names: Set<String> = []
        for reference in local + remote where (try? repository.referenceTarget(reference)) == id {
            if reference.hasPrefix(ReferenceName.branchPrefix) {
                names.insert(String(reference.dropFirst(ReferenceName.branchPrefix.count)))
            } else {
                // refs/remotes/<remote>/<branch>; the remote's HEAD names no branch of its own.
                let parts = reference.split(separator: "/", maxSplits: 3)
                if parts.count == 4, parts[3] != "HEAD" { names.insert(String(parts[3])) }
            }
        }
        return names.sorted()
    }

    /// True when `from` comes after `to` in history (`to` is its ancestor): a range written
    /// backwards, which holds no commit.
    public func isBackwards(from: ObjectID, to: ObjectID) throws(ChangelogError) -> Bool {
        guard from != to else { return false }
        return try git { () throws(GitError) in try repository.isDescendant(from, of: to) }
    }

    /// Resolves a revision to a commit, with a message that says what to do when it cannot.
    public func resolve(_ revision: String) throws(ChangelogError) -> ObjectID {
        try git { () throws(GitError) in try repository.resolveCommit(revision) }
    }

    /// The highest version tag released into `target` (see `PreviousRelease`), considering only
    /// versions below `limit` when one is given, so regenerating an already tagged release finds
    /// the one before.
    public func previousRelease(of target: ObjectID, below limit: SemanticVersion? = nil) throws(ChangelogError) -> VersionTag? {
        try previousRelease(of: target) { tag in limit.map { tag.version < $0 } ?? true }
    }

    /// The highest version tag released into `target` among those `isEligible` accepts.
    public func previousRelease(of target: ObjectID, where isEligible: (VersionTag) -> Bool) throws(ChangelogError) -> VersionTag? {
        try releaseRange(of: target, where: isEligible, needsCommits: false).previous?.tag
    }

    /// The previous release of `target` (as `previousRelease`) and the commits since it, newest
    /// first and parsed, without the copies of that release's own commits.
    public func sincePreviousRelease(of target: ObjectID, below limit: SemanticVersion? = nil) throws(ChangelogError) -> (
        previous: VersionTag?, commits: [ParsedCommit]
    ) {
        let (previous, commits) = try releaseRange(of: target) { tag in limit.map { tag.version < $0 } ?? true }
        return (previous?.tag, try parsedListing(commits))
    }

    /// A release tag of another branch as that branch saw it: its previous release and the commits
    /// since, newest first. nil when the walk from the tag meets `target` (the tag is a later
    /// release of target's own line, not another branch's) or finds no release below it (an
    /// unrelated history). One walk answers both, instead of a merge-base search per tag.
    public func releaseOfAnotherBranch(_ tag: VersionTag, seenFrom target: ObjectID) throws(ChangelogError) -> (
        previous: VersionTag, commits: [ParsedCommit]
    )? {
        let walk = try frontierWalk(of: tag.commitID, stoppingAt: target) { $0.version < tag.version }
        guard !walk.metStop, let previous = walk.previous else { return nil }
        if walk.frontierSize <= 1 { return (previous, try parsedListing(walk.commits.map(SourceCommit.init))) }
        // A merged branch of lower releases: what the tag shipped since the highest of them, those
        // lower releases' changes included, as a backport shipped in them is shipped in it too.
        return (previous, try commits(from: previous.commitID, to: tag.commitID))
    }

    /// Walks from `target`, stopping at the first eligible tag on each path (and at `stop`).
    func frontierWalk(
        of target: ObjectID, stoppingAt stop: ObjectID? = nil,
        where isEligible: (VersionTag) -> Bool
    ) throws(ChangelogError) -> (previous: VersionTag?, commits: [Commit], frontierSize: Int, metStop: Bool) {
        let tagsAt = tagIndicesByCommit, tags = tags
        if target == stop { return (nil, [], 0, true) }
        // Ascending indices: the highest eligible tag on a commit wins.
        if let onTarget = tagsAt[target]?.last(where: { isEligible(tags[$0]) }) { return (tags[onTarget], [], 1, false) }
        var frontier: [Int] = []
        var metStop = false
        // The walk keeps its boundary closure only while it runs.
        let walked = try withoutActuallyEscaping(isEligible) { (isEligible) throws(ChangelogError) in
            try git { () throws(GitError) in
                try repository.walk(including: [target]) { id in
                    if id == stop {
                        metStop = true
                        return true
                    }
                    guard let index = tagsAt[id]?.last(where: { isEligible(tags[$0]) }) else { return false }
                    frontier.append(index)
                    return true
                }
            }
        }
        return (frontier.max().map { tags[$0] }, walked, frontier.count, metStop)
    }

    /// The highest release that is not a pre-release reachable from `target`; `latest` when it already is one.
    public func previousStableRelease(of target: ObjectID, latest: VersionTag?) throws(ChangelogError) -> VersionTag? {
        guard let latest else { return nil }
        if !latest.version.isPrerelease { return latest }
        return try previousRelease(of: target) { !$0.version.isPrerelease }
    }

    /// The commits reachable from `target` but not from `base`, newest first (`git log base..target`),
    /// each parsed here once for every use the run makes of it; those of the package only for a
    /// package's history.
    public func commits(from base: ObjectID?, to target: ObjectID) throws(ChangelogError) -> [ParsedCommit] {
        try parsedListing(walk(from: base, to: target).map(SourceCommit.init))
    }

    /// The same commits unparsed, whatever they change, for comparing changes: only what a release
    /// lists is parsed.
    func sourceCommits(from base: ObjectID?, to target: ObjectID) throws(ChangelogError) -> [SourceCommit] {
        try walk(from: base, to: target).map(SourceCommit.init)
    }

    private func walk(from base: ObjectID?, to target: ObjectID) throws(ChangelogError) -> [Commit] {
        try git { () throws(GitError) in try repository.walk(including: [target], excluding: base.map { [$0] } ?? []) }
    }

    /// A tag's release date: the tagger's date, or the commit's for a lightweight tag. A caller
    /// that has read the commit already passes it, so it is not looked up again.
    public func date(of tag: VersionTag, commit known: Commit? = nil) throws(ChangelogError) -> Timestamp {
        try git { () throws(GitError) in
            if let tagger = try repository.annotation(of: tag.tag)?.tagger {
                return Timestamp(secondsSince1970: tagger.time, offsetMinutes: tagger.offsetMinutes)
            }
            let commit: Commit
            if let known { commit = known } else { commit = try repository.commit(tag.commitID) }
            return Timestamp(secondsSince1970: commit.committerTime, offsetMinutes: commit.committerOffsetMinutes)
        }
    }
}

extension ParsedCommit {
    /// The one place a commit read from the repository is parsed.
    init(_ commit: Commit) {
        self.init(SourceCommit(commit))
    }
}

extension SourceCommit {
    init(_ commit: Commit) {
        self.init(
            id: CommitID(commit.id), message: commit.message,
            author: Person(name: commit.author.name, email: commit.author.email),
            date: Timestamp(secondsSince1970: commit.author.time, offsetMinutes: commit.author.offsetMinutes),
            parentCount: commit.parentIDs.count)
    }
}
