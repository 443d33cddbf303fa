/// Every commit reachable from one head, read once each, with parent links as indices: the
/// in-memory history that whole-history questions (`--all`) are answered from.
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
        let shallow = repository.shallowRoots()
        var queue = DateQueue()
        func add(_ id: ObjectID) throws(GitError) {
            let commit = try repository.commit(id)
            if shallow.contains(id) && !commit.parentIDs.isEmpty {
                throw GitError(code: .shallow, message: "this shallow clone does not have the whole history; run `git fetch --unshallow --tags` (in CI: fetch-depth: 0)", subject: id.hex)
            }
            let node = commits.count
            index[id] = Int32(node)
            commits.append(commit)
            queue.push(time: commit.committerTime, node: node)
        }
        try add(head)
        while let node = queue.pop() {
            order.append(Int32(node))
            for parent in commits[node].parentIDs where index[parent] == nil {
                try add(parent)
            }
        }
        parentIndices = commits.map { $0.parentIDs.map { index[$0]! } }
    }

    public func parents(of node: Int32) -> [Int32] { parentIndices[Int(node)] }

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
