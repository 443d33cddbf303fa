extension Repository {
    /// Visits the commits reachable from `starts`, newest commit time first, each once, until
    /// `visit` returns false; a caller looking for a few commits stops long before the root.
    /// In a shallow clone the walk ends at the boundary: what lies beyond is not there to visit.
    public func visitAncestors(of starts: [ObjectID], _ visit: (Commit) throws(GitError) -> Bool) throws(GitError) {
        let shallow = shallowRoots()
        var queue = DateQueue()
        // Each commit is held only from its discovery until its visit.
        var commits: [Commit?] = []
        var seen = Set<ObjectID>()
        func enqueue(_ id: ObjectID) throws(GitError) {
            guard seen.insert(id).inserted else { return }
            let commit = try self.commit(id)
            queue.push(time: commit.committerTime, node: commits.count)
            commits.append(commit)
        }
        for id in starts { try enqueue(id) }
        while let index = queue.pop() {
            guard let commit = commits[index] else { continue }
            commits[index] = nil
            guard try visit(commit) else { return }
            guard !shallow.contains(commit.id) else { continue }
            for parent in commit.parentIDs { try enqueue(parent) }
        }
    }
}
