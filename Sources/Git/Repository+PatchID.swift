import Clibgit2

extension Repository {
    /// The stable patch-id of a commit's change against its first parent (`git_diff_tree_to_tree`,
    /// `git_diff_patchid`), as `git patch-id --stable` computes it for that diff (without rename
    /// detection, which `git show` adds). Two commits with the same patch-id make the same change,
    /// whatever their messages and parents. A root commit is diffed against the empty tree; nil for
    /// a merge, which has no single change, and for a commit that changes nothing.
    public func patchID(of id: ObjectID) throws(GitError) -> ObjectID? {
        try withDiff(of: id) { diff throws(GitError) in
            var patchID = git_oid()
            try check(git_diff_patchid(&patchID, diff, nil), id.hex)
            return ObjectID(patchID)
        }
    }

    /// Runs `body` on the diff of a commit against its first parent (or the empty tree); nil for a
    /// merge or an empty diff.
    private func withDiff<T>(of id: ObjectID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T? {
        // Commits are read raw (`commit`, `treeID`): git_commit_lookup refuses identities git reads.
        let commit = try self.commit(id)
        guard commit.parentIDs.count <= 1 else { return nil }
        var tree: OpaquePointer?
        var treeOID = try treeID(of: id).oid
        try check(git_tree_lookup(&tree, pointer, &treeOID), id.hex)
        defer { git_tree_free(tree) }
        var parentTree: OpaquePointer?
        defer { git_tree_free(parentTree) }
        if let parent = commit.parentIDs.first {
            var parentTreeOID = try treeID(of: parent).oid
            try check(git_tree_lookup(&parentTree, pointer, &parentTreeOID), parent.hex)
        }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, pointer, parentTree, tree, nil), id.hex)
        defer { git_diff_free(diff) }
        guard let diff, git_diff_num_deltas(diff) > 0 else { return nil }
        return try body(diff)
    }

    /// The best common ancestor of two commits (`git_merge_base`): where a branch forked. nil when
    /// the histories share nothing. In a shallow clone the fork point may lie beyond the boundary,
    /// where no answer is possible: that is a `.shallow` error saying how to fetch the history.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
        var out = git_oid()
        var first = a.oid, second = b.oid
        let result = git_merge_base(&out, pointer, &first, &second)
        // libgit2 reports the boundary as a missing object (GIT_ERROR), or finds no base at all.
        if result < 0 && isShallow && (result == GIT_ENOTFOUND.rawValue || {
            let error = GitError.last(result, subject: nil)
            return error.code == .missingObject || error.message.contains("not found")
        }()) {
            throw GitError(code: .shallow, message: "this shallow clone does not reach back to where the two branches forked; run `git fetch --unshallow` (in CI: fetch-depth: 0)", subject: "\(a.hex.prefix(8))...\(b.hex.prefix(8))")
        }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "\(a.hex)...\(b.hex)")
        return ObjectID(out)
    }
}

extension Repository {
    /// True when `commit` has `ancestor` in its history (`git_graph_descendant_of`); false for the
    /// commit itself.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        var a = commit.oid, b = ancestor.oid
        let result = git_graph_descendant_of(pointer, &a, &b)
        try check(result, commit.hex)
        return result == 1
    }
}
