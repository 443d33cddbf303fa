import Clibgit2

extension Repository {
    /// The names of the references matching `glob` (`refs/heads/*`), in full, sorted; the names
    /// only, so nothing is peeled or read.
    public func referenceNames(matching glob: String) throws(GitError) -> [String] {
        try withHandle(
            glob, create: { git_reference_iterator_glob_new(&$0, pointer, glob) }, free: git_reference_iterator_free
        ) { (iterator: OpaquePointer) throws(GitError) -> [String] in
            var names: [String] = []
            var name: UnsafePointer<CChar>?
            while true {
                let result = git_reference_next_name(&name, iterator)
                if result == GIT_ITEROVER.rawValue { break }
                try check(result, glob)
                if let name { names.append(String(cString: name)) }
            }
            return names.sorted()
        }
    }
}
