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
            buckets[owner[Int(node)], default: []].append(graph.commits[Int(node)])
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
            let date = tag.taggerDate ?? graph.committerDates[Int(node)]
            entries.append(.init(tag: tag, previous: previous >= 0 ? tags[Int(previous)] : nil,
                                 commits: buckets[Int32(tagIndex)] ?? [], date: date))
        }
        return ReleaseHistory(entries: entries)
    }
}

/// The commits reachable from one head, read once each, with their parent links as indices.
struct CommitGraph {
    var index: [ObjectID: Int32] = [:]
    var commits: [SourceCommit] = []
    var committerDates: [Timestamp] = []
    /// Parent ids as read, replaced by node indices once every commit has one.
    private var parentIDs: [[ObjectID]] = []
    private var parentIndices: [[Int32]] = []
    /// Nodes in git log's order: newest commit time first, a commit never before one of its children
    /// unless clocks are skewed.
    var order: [Int32] = []

    var count: Int { commits.count }

    init(repository: Repository, head: ObjectID) throws(GitError) {
        var heap = CommitHeap()
        var sequence: Int64 = 0
        func add(_ id: ObjectID) throws(GitError) -> Int32 {
            let commit = try repository.commit(id)
            let node = Int32(commits.count)
            index[id] = node
            commits.append(SourceCommit(commit))
            committerDates.append(Timestamp(secondsSince1970: commit.committerTime, offsetMinutes: commit.committerOffsetMinutes))
            parentIDs.append(commit.parentIDs)
            heap.push(time: commit.committerTime, sequence: sequence, node: node)
            sequence += 1
            return node
        }
        _ = try add(head)
        order.reserveCapacity(1024)
        while let node = heap.pop() {
            order.append(node)
            for parent in parentIDs[Int(node)] where index[parent] == nil {
                _ = try add(parent)
            }
        }
        parentIndices = parentIDs.map { $0.map { index[$0]! } }
        parentIDs = []
    }

    func parents(of node: Int32) -> [Int32] { parentIndices[Int(node)] }

    /// A topological order with every parent before its children (Kahn's algorithm on child counts),
    /// correct even when commit times are skewed.
    func parentsFirstOrder() -> [Int32] {
        var children = [Int32](repeating: 0, count: count)
        for node in 0..<count { for parent in parentIndices[node] { children[Int(parent)] += 1 } }
        var ready = (0..<Int32(count)).filter { children[Int($0)] == 0 }
        var result: [Int32] = []
        result.reserveCapacity(count)
        while let node = ready.popLast() {
            result.append(node)
            for parent in parentIndices[Int(node)] {
                children[Int(parent)] -= 1
                if children[Int(parent)] == 0 { ready.append(parent) }
            }
        }
        return result.reversed()
    }
}

/// A binary max-heap on (commit time, -discovery order): git log's date order with stable ties.
struct CommitHeap {
    private var items: [(time: Int64, sequence: Int64, node: Int32)] = []

    private static func before(_ a: (time: Int64, sequence: Int64, node: Int32), _ b: (time: Int64, sequence: Int64, node: Int32)) -> Bool {
        a.time != b.time ? a.time > b.time : a.sequence < b.sequence
    }

    mutating func push(time: Int64, sequence: Int64, node: Int32) {
        items.append((time, sequence, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int32? {
        guard !items.isEmpty else { return nil }
        let top = items[0].node
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count, Self.before(items[left], items[best]) { best = left }
                if right < items.count, Self.before(items[right], items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
