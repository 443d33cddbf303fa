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
        return try withTree(treeID(of: id), subject: id.hex) { (tree: OpaquePointer) throws(GitError) -> T? in
            func diff(against parentTree: OpaquePointer?) throws(GitError) -> T? {
                try withHandle(id.hex, create: { git_diff_tree_to_tree(&$0, pointer, parentTree, tree, nil) }, free: git_diff_free) {
                    (diff: OpaquePointer) throws(GitError) -> T? in git_diff_num_deltas(diff) > 0 ? try body(diff) : nil
                }
            }
            guard let parent = commit.parentIDs.first else { return try diff(against: nil) }
            return try withTree(treeID(of: parent), subject: parent.hex) { (parentTree: OpaquePointer) throws(GitError) -> T? in
                try diff(against: parentTree)
            }
        }
    }
}
