import Clibgit2

extension Repository {
    /// Stores `bytes` as a blob (`git_blob_create_from_buffer`).
    public func writeBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let result = bytes.withUnsafeBytes { git_blob_create_from_buffer(&oid, pointer, $0.baseAddress, $0.count) }
        try check(result, "blob")
        return ObjectID(oid)
    }

    /// Stores working-tree `bytes` of `path` as a blob the way `git add` would: through the clean
    /// filters its attributes and configuration ask for (`git_filter_list_load` with
    /// `GIT_FILTER_TO_ODB`, `git_filter_list_apply_to_buffer`), so `core.autocrlf` or `eol` turn
    /// CRLF into LF in the commit exactly as they do in the index.
    public func writeBlob(_ bytes: [UInt8], asWorkingFile path: String) throws(GitError) -> ObjectID {
        var filters: OpaquePointer?
        try check(git_filter_list_load(&filters, pointer, nil, path, GIT_FILTER_TO_ODB, GIT_FILTER_DEFAULT.rawValue), path)
        guard let filters else { return try writeBlob(bytes) }
        defer { git_filter_list_free(filters) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let result = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { git_filter_list_apply_to_buffer(&buffer, filters, $0.baseAddress, $0.count) }
        }
        try check(result, path)
        return try writeBlob(Array(UnsafeRawBufferPointer(start: buffer.ptr, count: buffer.size)))
    }

    /// Builds a tree from commit `base`'s tree with `changes` applied: a path maps to new contents,
    /// or to nil to delete it. Works in an in-memory index (`git_index_new`, `git_index_read_tree`,
    /// `git_index_write_tree_to`), so neither the working tree nor `.git/index` is touched.
    /// With `asWorkingFiles` the contents are what the working tree holds and go through the clean
    /// filters first, as `git add` would store them.
    public func writeTree(base: ObjectID?, changes: [(path: String, contents: [UInt8]?)], asWorkingFiles: Bool = false) throws(GitError)
        -> ObjectID
    {
        try withHandle("index", create: { git_index_new(&$0) }, free: git_index_free) {
            (index: OpaquePointer) throws(GitError) -> ObjectID in
            if let base {
                // The base's tree from its raw object: git_commit_lookup refuses identities git reads.
                try withTree(treeID(of: base), subject: base.hex) { (tree: OpaquePointer) throws(GitError) in
                    try check(git_index_read_tree(index, tree), base.hex)
                }
            }
            for change in changes {
                if let contents = change.contents {
                    let blob = asWorkingFiles ? try writeBlob(contents, asWorkingFile: change.path) : try writeBlob(contents)
                    var entry = git_index_entry()
                    // An executable script keeps its mode; a new file is a regular one.
                    entry.mode = git_index_get_bypath(index, change.path, 0)?.pointee.mode ?? 0o100644
                    entry.id = blob.oid
                    entry.file_size = UInt32(truncatingIfNeeded: contents.count)
                    let result = change.path.withCString { path in
                        entry.path = path
                        return git_index_add(index, &entry)
                    }
                    try check(result, change.path)
                } else {
                    let result = git_index_remove(index, change.path, 0)
                    if result != GIT_ENOTFOUND.rawValue { try check(result, change.path) }
                }
            }
            var tree = git_oid()
            try check(git_index_write_tree_to(&tree, index, pointer), "tree")
            return ObjectID(tree)
        }
    }

    /// Writes a commit object (`git_commit_create`) and, when `reference` is given, moves that
    /// reference to it (creating it if needed).
    public func writeCommit(
        tree: ObjectID, parents: [ObjectID], message: String,
        author: Signature, committer: Signature, updating reference: String? = nil
    ) throws(GitError) -> ObjectID {
        // Looked up only to fail early, naming it, when it is not a tree this repository has.
        try withTree(tree) { _ in }
        var treeOID = tree.oid
        // Parents by id (`git_commit_create_from_ids`, which checks they are commits from their
        // headers): git_commit_lookup would refuse a parent whose author has no email.
        for parent in parents { _ = try commit(parent) }
        let parentOIDs = UnsafeMutableBufferPointer<git_oid>.allocate(capacity: max(parents.count, 1))
        defer { parentOIDs.deallocate() }
        for (index, parent) in parents.enumerated() { parentOIDs[index] = parent.oid }
        var oid = git_oid()
        var parentPointers: [UnsafePointer<git_oid>?] = (0..<parents.count).map { UnsafePointer(parentOIDs.baseAddress! + $0) }
        let result = try author.withHandle { authorHandle throws(GitError) in
            try committer.withHandle { committerHandle throws(GitError) in
                parentPointers.withUnsafeMutableBufferPointer { buffer in
                    git_commit_create_from_ids(
                        &oid, pointer, reference, authorHandle, committerHandle, nil, message,
                        &treeOID, buffer.count, buffer.baseAddress)
                }
            }
        }
        try check(result, reference ?? "commit")
        return ObjectID(oid)
    }

    /// Creates `refs/tags/<name>`: annotated (`git_tag_create`) when `message` is given,
    /// lightweight (`git_tag_create_lightweight`) otherwise.
    @discardableResult
    public func createTag(name: String, target: ObjectID, message: String?, tagger: Signature?, force: Bool = false) throws(GitError)
        -> ObjectID
    {
        var targetOID = target.oid
        var oid = git_oid()
        try withHandle(target.hex, create: { git_object_lookup(&$0, pointer, &targetOID, GIT_OBJECT_COMMIT) }, free: git_object_free) {
            (object: OpaquePointer) throws(GitError) in
            if let message, let tagger {
                try tagger.withHandle { taggerHandle throws(GitError) in
                    try check(git_tag_create(&oid, pointer, name, object, taggerHandle, message, force ? 1 : 0), "refs/tags/\(name)")
                }
            } else {
                try check(git_tag_create_lightweight(&oid, pointer, name, object, force ? 1 : 0), "refs/tags/\(name)")
            }
        }
        return ObjectID(oid)
    }

    /// Writes a tag object from its full text, signature included, and creates `refs/tags/<name>`
    /// for it (`git_tag_create_from_buffer`). The text is what `git cat-file tag` shows; building it
    /// ourselves is how a tag gets a signature, which libgit2 cannot make. An existing tag of that
    /// name is an `.exists` error, never replaced.
    @discardableResult
    public func createTag(fromText text: [UInt8], name: String) throws(GitError) -> ObjectID {
        var oid = git_oid()
        var terminated = text
        terminated.append(0)
        let result = terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { git_tag_create_from_buffer(&oid, pointer, $0.baseAddress, 0) }
        }
        try check(result, "refs/tags/\(name)")
        return ObjectID(oid)
    }

    /// Writes a tag object from its full text, signature included, without creating a reference
    /// (`git_odb_write`): a release stores it before anything visible changes and points
    /// `refs/tags/<name>` at it last.
    public func writeTagObject(_ text: [UInt8]) throws(GitError) -> ObjectID {
        let database = try objectDatabase()
        var oid = git_oid()
        let result = text.withUnsafeBytes { git_odb_write(&oid, database, $0.baseAddress, $0.count, GIT_OBJECT_TAG) }
        try check(result, "tag object")
        return ObjectID(oid)
    }

    /// Points a direct reference at `target` (`git_reference_create`), creating or moving it.
    public func setReference(_ name: String, to target: ObjectID, logMessage: String = "changelog") throws(GitError) {
        var oid = target.oid
        try withHandle(name, create: { git_reference_create(&$0, pointer, name, &oid, 1, logMessage) }, free: git_reference_free) { _ in }
    }

    /// Makes HEAD a symbolic reference to `name` (`git_repository_set_head`), e.g. `refs/heads/main`.
    public func setHead(_ name: String) throws(GitError) {
        try check(git_repository_set_head(pointer, name), name)
    }

    /// Sets a string in the repository's own configuration file (`git_config_set_string`).
    public func setConfig(_ key: String, _ value: String) throws(GitError) {
        try withConfiguration(snapshot: false) { (config: OpaquePointer) throws(GitError) in
            try check(git_config_set_string(config, key, value), key)
        }
    }
}
