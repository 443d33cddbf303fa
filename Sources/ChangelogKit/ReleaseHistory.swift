import ChangelogCore
import Git

/// Every release reachable from a commit, each with the commits it first shipped: the data behind `--all`.
public struct ReleaseHistory {
    public struct Entry {
        /// nil for the commits after the last tag.
        public var tag: VersionTag?
        /// The highest version tag reachable from this release's commit, excluding itself.
        public var previous: VersionTag?
        /// Newest first, in `git log` order.
        public var commits: [SourceCommit]
        public var date: Timestamp?
    }

    /// Newest release first; the unreleased commits, if any, come first with `tag == nil`.
    public var entries: [Entry]
    /// Version tags outside this history: releases of other branches, in ascending version order.
    public var unreachableTags: [VersionTag]
}

extension History {
    /// Reads every commit reachable from `head` once and assigns each to the lowest version tag
    /// that contains it (`git tag --merged head --contains <id>`, lowest version first).
    ///
    /// One walk in git log's order (newest commit time first) reads the commits; the assignment and
    /// the previous-release links are then computed in memory, so the cost is one read per commit
    /// however many tags there are.
    public func releaseHistory(head: ObjectID) throws(ChangelogError) -> ReleaseHistory {
        let graph = try git { () throws(GitError) in try CommitGraph(repository: repository, head: head) }
        let commits = parallelMap(graph.commits, SourceCommit.init)
        var tagsAt: [Int32: [Int]] = [:]
        for (tagIndex, tag) in tags.enumerated() {
            if let node = graph.index[tag.commitID] { tagsAt[node, default: []].append(tagIndex) }
        }
        let reachableTags = tagsAt.values.flatMap { $0 }.sorted()

        // Lowest version first: each tag takes the commits no lower tag has taken.
        var owner = [Int32](repeating: -1, count: graph.count)
        var stack: [Int32] = []
        for tagIndex in reachableTags {
            let start = graph.index[tags[tagIndex].commitID]!
            guard owner[Int(start)] == -1 else { continue }
            stack.append(start)
            owner[Int(start)] = Int32(tagIndex)
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
            highest[Int(node)] = best
        }

        var buckets: [Int32: [SourceCommit]] = [:]
        for node in graph.order {
            buckets[owner[Int(node)], default: []].append(commits[Int(node)])
        }
        var entries: [ReleaseHistory.Entry] = []
        if let unreleased = buckets[-1] {
            let previous = highest[0] >= 0 ? tags[Int(highest[0])] : nil
            entries.append(.init(tag: nil, previous: previous, commits: unreleased, date: nil))
        }
        for tagIndex in reachableTags.reversed() {
            let tag = tags[tagIndex]
            let node = graph.index[tag.commitID]!
            var previous: Int32 = -1
            for parent in graph.parents(of: node) { previous = max(previous, highest[Int(parent)]) }
            for other in tagsAt[node] ?? [] where other < tagIndex { previous = max(previous, Int32(other)) }
            let date = try self.date(of: tag, commit: graph.commits[Int(node)])
            entries.append(.init(tag: tag, previous: previous >= 0 ? tags[Int(previous)] : nil,
                                 commits: buckets[Int32(tagIndex)] ?? [], date: date))
        }
        let unreachable = tags.filter { graph.index[$0.commitID] == nil }
        return ReleaseHistory(entries: entries, unreachableTags: unreachable)
    }
}
