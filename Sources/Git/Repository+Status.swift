import Clibgit2

extension Repository {
    /// Tracked paths whose index or working-tree version differs from HEAD (`git_status_list_new`
    /// over HEAD, the index and the working tree), sorted. Untracked and ignored files are not
    /// listed: a release commits only the files it writes, so they cannot leak into it.
    public func uncommittedChanges() throws(GitError) -> [String] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "status")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        // HEAD's tree as the baseline, read here: libgit2 takes a HEAD commit it cannot find for an
        // unborn branch (every file "changed"), and cannot parse identities git reads (`Name <>`).
        func changes(against baseline: OpaquePointer?) throws(GitError) -> [String] {
            options.baseline = baseline
            return try withHandle(
                workingDirectory ?? gitDirectory, create: { git_status_list_new(&$0, pointer, &options) },
                free: git_status_list_free
            ) { list in
                var paths: [String] = []
                for index in 0..<git_status_list_entrycount(list) {
                    guard let entry = git_status_byindex(list, index)?.pointee else { continue }
                    let delta = entry.head_to_index ?? entry.index_to_workdir
                    guard let delta else { continue }
                    let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
                    paths.append(CommitText.decodeLossily(file))
                }
                return paths.sorted()
            }
        }
        if isHeadUnborn { return try changes(against: nil) }
        return try withTree(treeID(of: resolveCommit("HEAD")), subject: "HEAD") { (tree: OpaquePointer) throws(GitError) in
            try changes(against: tree)
        }
    }
}
