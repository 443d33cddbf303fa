import ChangelogCore
import Git

/// Every release reachable from a commit, each with the commits it first shipped: the data behind `--all`.
public struct ReleaseHistory {
    public struct Entry {
        /// nil for the commits after the last tag.
        public var tag: VersionTag?
        /// The highest version tag reachable from this release's commit, excluding itself.
        public var previous: VersionTag?
        /// Newest first, in `git log` order; corrected by notes, unparsed (see `ReleasePlan`).
        public var commits: [SourceCommit]
        public var date: Timestamp?
    }

    /// Newest release first; the unreleased commits, if any, come first with `tag == nil`.
    public var entries: [Entry]
    /// Version tags outside this history: releases of other branches, in ascending version order.
    public var unreachableTags: [VersionTag]
    /// Every commit read for this history, for the walks from other branches' tags that follow:
    /// they stop in it, and read it from memory (`Repository.reading(from:)`).
    let graph: CommitGraph
}

extension History {
    /// Reads every commit reachable from `head` once and assigns each to the lowest version tag
    /// that contains it (`git tag --merged head --contains <id>`, lowest version first).
    ///
    /// Releases tagged off this history whose branch came back to it (squash-merged, rebased:
    /// see `PreviousRelease`) join it: their commits are read too and assigned the same way, and
    /// the copies their homecoming made here are not listed again. A release merged back with its
    /// own fixes picked from here leaves those picks' originals to it as well. The assignment and
    /// the previous-release links are computed in memory: one read per commit, whatever the tags.
    public func releaseHistory(head: ObjectID) throws(ChangelogError) -> ReleaseHistory {
        var graph = try git { () throws(GitError) in try CommitGraph(repository: repository, head: head) }
        var commits = parallelMap(graph.commits, SourceCommit.init)
        let homecomings = try repository.reading(from: graph) { () throws(ChangelogError) in
            try releasesThatCameBack(into: head, graph: graph, commits: commits)
        }
        var copies: Set<CommitID> = []
        // Taken before the releases that came back join the graph: a release with no copy is
        // reached from its fork point's children on head's side, not on its own branch's.
        let known = graph.count
        if !homecomings.isEmpty {
            try git { () throws(GitError) in try graph.extend(with: homecomings.map(\.release.tag.commitID), from: repository) }
            commits += parallelMap(Array(graph.commits[known...]), SourceCommit.init)
            for homecoming in homecomings { copies.formUnion(homecoming.release.copies) }
        }
        // A version tagged in two spellings is one release, on each commit a spelling names.
        var tagsAt: [Int32: [Int]] = [:]
        var reachableTags: [Int] = []
        for (tagIndex, tag) in tags.enumerated() {
            let nodes = ([tag.commitID] + tag.otherSpellings.map(\.commitID)).compactMap { graph.index[$0] }
            for node in nodes where tagsAt[node]?.last != tagIndex { tagsAt[node, default: []].append(tagIndex) }
            if graph.index[tag.commitID] != nil { reachableTags.append(tagIndex) }
        }
        // A release that came back counts as reached from its newest copy on: that commit's
        // descendants start after it, as `previousRelease` finds for each of them.
        var cameBackAt: [Int32: [Int]] = [:]
        var position: [Int32: Int] = [:]
        if !homecomings.isEmpty {
            for (at, node) in graph.order.enumerated() { position[node] = at }
        }
        // Nothing but merges since the fork (git-flow tags master's merge of a hotfix branch that
        // develop merges too): head's commits after the fork start after the release. The children
        // of every such fork are found in one pass over head's history.
        var releasesAtFork: [Int32: [Int]] = [:]
        for homecoming in homecomings where homecoming.release.copies.isEmpty {
            guard let fork = graph.index[homecoming.release.base],
                let tagIndex = tags.firstIndex(where: { $0.name == homecoming.release.tag.name })
            else { continue }
            releasesAtFork[fork, default: []].append(tagIndex)
        }
        if !releasesAtFork.isEmpty {
            for node in 0..<Int32(known) {
                for parent in graph.parents(of: node) {
                    if let released = releasesAtFork[parent] { cameBackAt[node, default: []] += released }
                }
            }
        }
        for homecoming in homecomings where !homecoming.release.copies.isEmpty {
            guard let tagIndex = tags.firstIndex(where: { $0.name == homecoming.release.tag.name }) else { continue }
            let nodes = homecoming.release.copies.compactMap { graph.index[ObjectID($0)] }
            guard let newest = nodes.min(by: { position[$0]! < position[$1]! }) else { continue }
            cameBackAt[newest, default: []].append(tagIndex)
        }

        // Lowest version first: each tag takes the commits no lower tag has taken.
        var owner = [Int32](repeating: -1, count: graph.count)
        var stack: [Int32] = []
        for tagIndex in reachableTags {
            let tag = tags[tagIndex]
            for start in ([tag.commitID] + tag.otherSpellings.map(\.commitID)).compactMap({ graph.index[$0] }) where owner[Int(start)] == -1
            {
                stack.append(start)
                owner[Int(start)] = Int32(tagIndex)
            }
            while let node = stack.popLast() {
                for parent in graph.parents(of: node) where owner[Int(parent)] == -1 {
                    owner[Int(parent)] = Int32(tagIndex)
                    stack.append(parent)
                }
            }
        }

        // highest[n]: the highest version tag on n or any of its ancestors, parents computed first.
        var highest = [Int32](repeating: -1, count: graph.count)
        for node in graph.parentsFirstOrder() {
            var best: Int32 = -1
            for parent in graph.parents(of: node) { best = max(best, highest[Int(parent)]) }
            if let here = tagsAt[node]?.last { best = max(best, Int32(here)) }
            if let back = cameBackAt[node]?.max() { best = max(best, Int32(back)) }
            highest[Int(node)] = best
        }

        // Corrections kept as notes replace messages and a hidden commit is no release's; then a
        // package's history keeps only the package's commits (told from tree ids, or from the
        // corrected scope, as `History.listed` decides a range), before anything is parsed.
        let amendments = try amendments()
        var slots: [Int32]?
        var wanted = commits
        if filter != nil || !amendments.isEmpty {
            filter?.membership.remember(graph)
            var slot = [Int32](repeating: -1, count: commits.count)
            wanted = []
            for (node, original) in commits.enumerated() {
                var commit = original
                if let amendment = amendments[original.id] {
                    guard let amended = amendment.applied(to: original) else { continue }
                    commit = amended
                }
                if let filter, try !filter.keeps(commit) { continue }
                slot[node] = Int32(wanted.count)
                wanted.append(commit)
            }
            slots = slot
        }
        func listed(_ node: Int) -> SourceCommit { wanted[slots.map { Int($0[node]) } ?? node] }
        var buckets: [Int32: [Int32]] = [:]
        for node in graph.order where !copies.contains(commits[Int(node)].id) && slots.map({ $0[Int(node)] >= 0 }) ?? true {
            buckets[owner[Int(node)], default: []].append(node)
        }
        var entries: [ReleaseHistory.Entry] = []
        if let unreleased = buckets[-1], graph.index[head] != nil {
            let previous = highest[0] >= 0 ? tags[Int(highest[0])] : nil
            let kept = try withoutCopies(unreleased, owner: -1, owners: owner, after: previous, at: 0, graph: graph, commits: commits)
            entries.append(.init(tag: nil, previous: previous, commits: kept.map { listed(Int($0)) }, date: nil))
        }
        for tagIndex in reachableTags.reversed() {
            let tag = tags[tagIndex]
            let node = graph.index[tag.commitID]!
            var previous: Int32 = -1
            for parent in graph.parents(of: node) { previous = max(previous, highest[Int(parent)]) }
            for other in tagsAt[node] ?? [] where other < tagIndex { previous = max(previous, Int32(other)) }
            // A lower release that came back as a copy made by this very commit (the tag is on the pick).
            for other in cameBackAt[node] ?? [] where other < tagIndex { previous = max(previous, Int32(other)) }
            let date = try self.date(of: tag, commit: graph.commits[Int(node)])
            let before = previous >= 0 ? tags[Int(previous)] : nil
            let kept = try withoutCopies(
                buckets[Int32(tagIndex)] ?? [], owner: Int32(tagIndex), owners: owner, after: before,
                at: node, graph: graph, commits: commits)
            entries.append(.init(tag: tag, previous: before, commits: kept.map { listed(Int($0)) }, date: date))
        }
        let unreachable = tags.filter { graph.index[$0.commitID] == nil }
        return ReleaseHistory(entries: entries, unreachableTags: unreachable, graph: graph)
    }

    /// The release's nodes without those that copy what `previous`'s branch shipped, when that
    /// branch was merged in beside the release's first-parent line (`copiesOfMergedRelease`).
    /// The common case, `previous` on that line, is told from the graph without reading anything.
    private func withoutCopies(
        _ nodes: [Int32], owner: Int32, owners: [Int32], after previous: VersionTag?, at target: Int32,
        graph: CommitGraph, commits: [SourceCommit]
    ) throws(ChangelogError) -> [Int32] {
        guard let previous, !nodes.isEmpty else { return nodes }
        var line = target
        while owners[Int(line)] == owner, let parent = graph.parents(of: line).first { line = parent }
        if graph.commits[Int(line)].id == previous.commitID || owners[Int(line)] == owner { return nodes }
        // The walk from the previous release's branch stops in this history: read from memory.
        let copies = try repository.reading(from: graph) { () throws(ChangelogError) in
            try copiesOfMergedRelease(
                previous, range: nodes.map { graph.commits[Int($0)] }, sources: nodes.map { commits[Int($0)] },
                target: graph.commits[Int(target)].id)
        }
        return copies.isEmpty ? nodes : nodes.filter { !copies.contains(commits[Int($0)].id) }
    }

    /// The version tags off `head`'s history whose releases came back to it, highest first; a
    /// lower tag on the same branch comes with the higher one and is not tried on its own.
    ///
    /// The rule is `PreviousRelease`'s, but the target's side is never walked: the graph holds
    /// it, `ReleaseCopyIndex` names the commits that could be copies, generations tell which of
    /// them come after the fork point, and only the originals of fixes picked into the branch
    /// (written between the fork and the release) are compared by patch. A history with many
    /// release branches costs the branches, not the history once per branch.
    private func releasesThatCameBack(into head: ObjectID, graph: CommitGraph, commits: [SourceCommit]) throws(ChangelogError)
        -> [Homecoming]
    {
        let unreachable = tags.filter { graph.index[$0.commitID] == nil }
        guard !unreachable.isEmpty else { return [] }
        // Each commit's traces are its own business: worked out on every core, gathered once.
        let traces = parallelMap(commits, ReleaseCopyIndex.trace)
        let index = ReleaseCopyIndex(traces: traces, committed: graph.commits.map(\.committerTime))
        var generation: [Int32] = []
        var byTime: [Int32] = []
        var found: [Homecoming] = []
        var brought: Set<ObjectID> = []
        for tag in unreachable.reversed() where !brought.contains(tag.commitID) {
            let tip = try git { () throws(GitError) in try repository.commit(tag.commitID) }
            guard tip.parentIDs.count > 1 || index.mayHoldCopy(of: SourceCommit(tip), committed: tip.committerTime, version: tag.version)
            else {
                continue
            }
            // The release's side: the commits this history lacks, read until the walk meets it.
            var forks: [Int32] = []
            let side = try git { () throws(GitError) in
                try repository.walk(including: [tag.commitID]) { id in
                    guard let node = graph.index[id] else { return false }
                    forks.append(node)
                    return true
                }
            }
            guard !side.isEmpty, !forks.isEmpty else { continue }
            if generation.isEmpty {
                generation = graph.generations()
                byTime = graph.order.sorted { graph.commits[Int($0)].committerTime < graph.commits[Int($1)].committerTime }
            }
            let releaseSide = side.map(SourceCommit.init)
            var candidates = index.candidates(copying: releaseSide, version: tag.version)
            for commit in releaseSide {
                for origin in CommitMessageParser.cherryPickedFrom(in: commit.message) {
                    if let id = ObjectID(hex: origin.lowercased()), let node = graph.index[id] { candidates.insert(node) }
                }
            }
            // A fix picked into the branch was made here before the pick, after the fork.
            let fork = forks.max { generation[Int($0)] < generation[Int($1)] }!
            let from = graph.commits[Int(fork)].committerTime
            let start = byTime.partitionPoint { graph.commits[Int($0)].committerTime < from }
            for node in byTime[start...].prefix(while: { graph.commits[Int($0)].committerTime <= tip.committerTime }) {
                candidates.insert(node)
            }
            let afterFork = candidates.filter { node in !forks.contains { graph.reaches(node, from: $0, generation: generation) } }
            let forkID = graph.commits[Int(fork)].id
            let ordered = afterFork.sorted()
            // Only a commit whose message names the release can be its squash merge.
            let naming = releaseSide.first { $0.parentCount <= 1 }.map { index.mayName(subject: $0.subjectLine, version: tag.version) }
            guard
                let copies = try copiesIfCameBack(
                    tag, fork: forkID, releaseSide: releaseSide, candidates: ordered.map { commits[Int($0)] },
                    squashes: ordered.filter { naming?.contains($0) ?? false }.map { commits[Int($0)] })
            else { continue }
            found.append(
                Homecoming(release: PreviousRelease(tag: tag, base: forkID, copies: copies), releaseSide: releaseSide, targetSide: []))
            brought.formUnion(side.map(\.id))
        }
        return found
    }
}

private extension Collection {
    /// The index of the first element for which `isBefore` is false, in a collection where it is
    /// true for a prefix: a binary search.
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = distance(from: startIndex, to: endIndex)
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isBefore(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
