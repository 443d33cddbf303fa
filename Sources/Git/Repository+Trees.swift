import Clibgit2

extension Repository {
    /// The object at each of `paths` in a commit's tree (`git_tree_entry_bypath`); nil where the
    /// path does not exist. Comparing these ids tells whether two commits hold the same content.
    public func entries(of commit: ObjectID, at paths: [String]) throws(GitError) -> [ObjectID?] {
        try withTree(of: commit) { (tree: OpaquePointer) throws(GitError) -> [ObjectID?] in
            var ids: [ObjectID?] = []
            ids.reserveCapacity(paths.count)
            for path in paths {
                var entry: OpaquePointer?
                let result = git_tree_entry_bypath(&entry, tree, path)
                if result == GIT_ENOTFOUND.rawValue {
                    ids.append(nil)
                    continue
                }
                try check(result, "\(commit.hex):\(path)")
                defer { git_tree_entry_free(entry) }
                ids.append(git_tree_entry_id(entry).map { ObjectID($0) })
            }
            return ids
        }
    }

    private func withTree<T>(of commitID: ObjectID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var oid = commitID.oid
        return try withHandle(commitID.hex, create: { git_commit_lookup(&$0, pointer, &oid) }, free: git_commit_free) {
            (commit: OpaquePointer) throws(GitError) -> T in
            try withHandle(commitID.hex, create: { git_commit_tree(&$0, commit) }, free: git_tree_free, body)
        }
    }
}
