import Clibgit2

extension Repository {
    /// The index file of this worktree (`git_index_path`): what a failed release restores.
    public func indexPath() throws(GitError) -> String {
        try withIndex { index in String(cString: git_index_path(index)) }
    }

    /// Stages the working-tree files at `paths` in the repository's index and writes the index
    /// (`git_index_read`, `git_index_add_bypath`, `git_index_write`), as `git add <paths>` does;
    /// every other entry, staged or not, stays as it was.
    public func stage(_ paths: [String]) throws(GitError) {
        try withIndex { (index: OpaquePointer) throws(GitError) in
            try check(git_index_read(index, 0), gitDirectory + "index")
            for path in paths {
                try check(git_index_add_bypath(index, path), path)
            }
            let path = String(cString: git_index_path(index))
            do throws(GitError) {
                try check(git_index_write(index), path)
            } catch  where error.kind == .locked && !error.message.contains(".lock'") {
                // libgit2 says "the index is locked" without naming the file someone has to remove.
                throw GitError(code: error.code, message: "'\(path).lock' exists: \(error.message)", kind: .locked)
            }
        }
    }
}
