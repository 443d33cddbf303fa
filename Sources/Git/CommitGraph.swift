/// Every commit reachable from a head (and from the heads it is extended with), read once each,
/// with parent links as indices: the in-memory history that whole-history questions (`--all`)
/// are answered from.
public struct CommitGraph {
    /// Node of each commit id.
    public private(set) var index: [ObjectID: Int32] = [:]
    /// Commits by node; node 0 is the head.
    public private(set) var commits: [Commit] = []
    /// Nodes in git log's order: newest commit time first.
    public private(set) var order: [Int32] = []
    private var parentIndices: [[Int32]] = []

    public var count: Int { commits.count }

    /// Reads the history (`git_commit_lookup` once per commit). In a shallow clone the whole history
    /// is not there, which is an error that says how to fetch it.
    public init(repository: Repository, head: ObjectID) throws(GitError) {
        order = try read([head], from: repository)
    }

    /// Adds the commits reachable from `heads` that the graph does not hold yet, each read once;
    /// the new nodes come after the existing ones, and `order` stays newest commit time first.
    public mutating func extend(with heads: [ObjectID], from repository: Repository) throws(GitError) {
        let added = try read(heads.filter { index[$0] == nil }, from: repository)
        guard !added.isEmpty else { return }
        // Both orders are newest first: merge them by commit time, existing nodes first on ties.
        var merged: [Int32] = []
        merged.reserveCapacity(order.count + added.count)
        var a = 0, b = 0
        while a < order.count || b < added.count {
            if b == added.count || (a < order.count && commits[Int(order[a])].committerTime >= commits[Int(added[b])].committerTime) {
                merged.append(order[a])
                a += 1
            } else {
                merged.append(added[b])
                b += 1
            }
        }
        order = merged
    }

    /// Reads every commit reachable from `heads` not in the graph yet, in date order, and returns
    /// the new nodes in that order. Each node's parents are linked as it is visited, when they
    /// have just been found or added: looking them up again afterwards would cost a lookup each.
    private mutating func read(_ heads: [ObjectID], from repository: Repository) throws(GitError) -> [Int32] {
        let shallow = repository.shallowRoots()
        var queue = DateQueue()
        var visited: [Int32] = []
        func add(_ id: ObjectID) throws(GitError) {
            let commit = try repository.commit(id)
            if shallow.contains(id) && !commit.parentIDs.isEmpty {
                throw GitError(
                    code: .generic, message: "history stops at the shallow clone's boundary", subject: id.hex,
                    kind: .shallowBoundary(.wholeHistory))
            }
            let node = commits.count
            index[id] = Int32(node)
            parentIndices.append([])
            queue.push(time: commit.committerTime, node: node)
            // The commit's last use, so it moves in: a copy would retain each of its strings.
            commits.append(commit)
        }
        for head in heads where index[head] == nil { try add(head) }
        while let node = queue.pop() {
            visited.append(Int32(node))
            // Only the parents, not a copy of the whole commit with its strings.
            let parentIDs = commits.withUnsafeBufferPointer { $0[node].parentIDs }
            var linked: [Int32] = []
            linked.reserveCapacity(parentIDs.count)
            for parent in parentIDs {
                if let known = index[parent] {
                    linked.append(known)
                } else {
                    linked.append(Int32(commits.count))
                    try add(parent)
                }
            }
            parentIndices[node] = linked
        }
        return visited
    }

    public func parents(of node: Int32) -> [Int32] { parentIndices[Int(node)] }

    /// Each node's generation: 1 for a root, else one more than its highest parent. A commit
    /// whose generation is above another's cannot be its ancestor, which answers most
    /// "is this before the fork point?" questions without a search.
    public func generations(_ parentsFirst: [Int32]? = nil) -> [Int32] {
        var generation = [Int32](repeating: 0, count: count)
        for node in parentsFirst ?? parentsFirstOrder() {
            var highest: Int32 = 0
            for parent in parentIndices[Int(node)] { highest = max(highest, generation[Int(parent)]) }
            generation[Int(node)] = highest + 1
        }
        return generation
    }

    /// True when `node` is `ancestor` or reaches it. `generation` (from `generations()`) bounds the
    /// search to commits that could lie between them.
    public func reaches(_ ancestor: Int32, from node: Int32, generation: [Int32]) -> Bool {
        if node == ancestor { return true }
        let floor = generation[Int(ancestor)]
        guard generation[Int(node)] > floor else { return false }
        var seen: Set<Int32> = [node]
        var stack = [node]
        while let next = stack.popLast() {
            for parent in parentIndices[Int(next)]
            where parent == ancestor || (generation[Int(parent)] > floor && seen.insert(parent).inserted) {
                if parent == ancestor { return true }
                stack.append(parent)
            }
        }
        return false
    }

    /// A topological order with every parent before its children (Kahn's algorithm on child counts),
    /// correct even when commit times are skewed.
    public func parentsFirstOrder() -> [Int32] {
        var children = [Int32](repeating: 0, count: count)
        for parents in parentIndices { for parent in parents { children[Int(parent)] += 1 } }
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
