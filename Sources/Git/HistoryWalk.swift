import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Repository {
    /// The commits of a shallow clone whose parents were not fetched (`.git/shallow`).
    ///
    /// libgit2 1.5 reads shallow repositories but offers no public call for their boundary, and its
    /// own walks fail at the first missing parent. The file is git's documented format, one id per line.
    public func shallowRoots() -> Set<ObjectID> {
        guard isShallow, let lines = GitTextFile.lines(at: gitDirectory + "shallow") else { return [] }
        var roots = Set<ObjectID>()
        for line in lines {
            if let id = ObjectID(hex: line) { roots.insert(id) }
        }
        return roots
    }

    /// `git log <include> --not <exclude>`: the commits reachable from `include` but not from
    /// `exclude`, newest commit time first, each read once.
    ///
    /// `boundary` hides a commit with all its ancestors, as if it were excluded (`describe` stops at
    /// the first tag on each path this way); it is asked once about each commit first reached from
    /// an included one, never about commits already known to be excluded.
    ///
    /// In a shallow clone a range that stays inside the fetched history works; one that reaches the
    /// boundary throws `.shallowBoundary(.range)`, because the commits beyond it are unknown.
    public func walk(
        including include: [ObjectID], excluding exclude: [ObjectID] = [],
        boundary: ((ObjectID) -> Bool)? = nil
    ) throws(GitError) -> [Commit] {
        var walk = Walk(repository: self, boundary: boundary, shallow: shallowRoots())
        for id in exclude { try walk.add(id, uninteresting: true) }
        for id in include { try walk.add(id, uninteresting: false) }
        return try walk.run()
    }
}

/// git's `limit_list` over a date-ordered queue: interesting commits are collected, uninteresting
/// ones spread their mark to their ancestors, and the walk ends once only uninteresting commits
/// are left to visit.
private struct Walk {
    struct Node {
        var commit: Commit
        var uninteresting: Bool
        var visited = false
        var sequence: Int
    }

    let repository: Repository
    let boundary: ((ObjectID) -> Bool)?
    let shallow: Set<ObjectID>
    var nodes: [ObjectID: Int] = [:]
    var storage: [Node] = []
    var queue = DateQueue()
    var interestingInQueue = 0

    init(repository: Repository, boundary: ((ObjectID) -> Bool)?, shallow: Set<ObjectID>) {
        self.repository = repository
        self.boundary = boundary
        self.shallow = shallow
    }

    mutating func add(_ id: ObjectID, uninteresting: Bool) throws(GitError) {
        if let index = nodes[id] {
            if uninteresting { markUninteresting(index) }
            return
        }
        let hidden = uninteresting || (boundary?(id) ?? false)
        let commit = try repository.commit(id)
        let index = storage.count
        storage.append(Node(commit: commit, uninteresting: hidden, sequence: index))
        nodes[id] = index
        queue.push(time: commit.committerTime, node: index)
        if !hidden { interestingInQueue += 1 }
    }

    /// Marks a node and, when it has been visited, its known ancestors: a later discovery that a
    /// commit is reachable from an excluded one (clock skew) still removes it and its parents.
    mutating func markUninteresting(_ start: Int) {
        var stack = [start]
        while let index = stack.popLast() {
            guard !storage[index].uninteresting else { continue }
            storage[index].uninteresting = true
            if !storage[index].visited {
                interestingInQueue -= 1
                continue
            }
            for parent in storage[index].commit.parentIDs { if let next = nodes[parent] { stack.append(next) } }
        }
    }

    /// Like git, a few more commits are visited after the last interesting one, so a commit whose
    /// clock is ahead of its descendants cannot sneak into the result.
    static let slop = 5

    mutating func run() throws(GitError) -> [Commit] {
        var output: [Int] = []
        var slop = Self.slop
        while let index = queue.pop() {
            storage[index].visited = true
            let node = storage[index]
            if !node.uninteresting {
                interestingInQueue -= 1
                if shallow.contains(node.commit.id) && !node.commit.parentIDs.isEmpty {
                    throw GitError(
                        code: .generic, message: "history stops at the shallow clone's boundary", subject: node.commit.id.hex,
                        kind: .shallowBoundary(.range))
                }
                output.append(index)
            }
            guard !shallow.contains(node.commit.id) else { continue }
            for parent in node.commit.parentIDs {
                if let existing = nodes[parent] {
                    if node.uninteresting { markUninteresting(existing) }
                } else {
                    try add(parent, uninteresting: node.uninteresting)
                }
            }
            if interestingInQueue > 0 {
                slop = Self.slop
            } else {
                slop -= 1
                if slop == 0 { break }
            }
        }
        return output.filter { !storage[$0].uninteresting }.map { storage[$0].commit }
    }
}
