import Clibgit2

/// Every libgit2 handle has one owner: the call that makes it, which frees it however its user
/// ends. Lookups go through these instead of each spelling out `var x: OpaquePointer?`, the call,
/// `check` and `defer { git_*_free(x) }`.
///
/// Runs `body` on the handle `create` makes (a failure throws libgit2's error about `subject`),
/// then frees it with `free`.
@inline(__always)
func withHandle<T>(
    _ subject: @autoclosure () -> String?,
    create: (inout OpaquePointer?) -> Int32,
    free: (OpaquePointer?) -> Void,
    _ body: (OpaquePointer) throws(GitError) -> T
) throws(GitError) -> T {
    try withHandle(create: create, free: free, failure: { GitError.last($0, subject: subject()) }, body)
}

/// `withHandle(_:create:free:_:)` for a call whose failure means more than libgit2 says (a shallow
/// boundary, a missing object): `failure` turns its negative result into the error to throw.
@inline(__always)
func withHandle<T>(
    create: (inout OpaquePointer?) -> Int32,
    free: (OpaquePointer?) -> Void,
    failure: (Int32) -> GitError,
    _ body: (OpaquePointer) throws(GitError) -> T
) throws(GitError) -> T {
    var handle: OpaquePointer?
    let result = create(&handle)
    if result < 0 { throw failure(result) }
    defer { free(handle) }
    return try body(handle!)
}

extension Repository {
    /// Runs `body` on tree `id` (`git_tree_lookup`); a failure names `subject`, or the tree.
    @inline(__always)
    func withTree<T>(
        _ id: ObjectID, subject: @autoclosure () -> String? = nil,
        _ body: (OpaquePointer) throws(GitError) -> T
    ) throws(GitError) -> T {
        var oid = id.oid
        return try withHandle(subject() ?? id.hex, create: { git_tree_lookup(&$0, pointer, &oid) }, free: git_tree_free, body)
    }

    /// Runs `body` on this worktree's index (`git_repository_index`).
    func withIndex<T>(_ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try withHandle(gitDirectory + "index", create: { git_repository_index(&$0, pointer) }, free: git_index_free, body)
    }

    /// Runs `body` on the configuration, all levels (`git_repository_config`), or on a read-only
    /// snapshot of it (`git_repository_config_snapshot`).
    func withConfiguration<T>(snapshot: Bool, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try withHandle(
            gitDirectory + "config",
            create: {
                snapshot ? git_repository_config_snapshot(&$0, pointer) : git_repository_config(&$0, pointer)
            }, free: git_config_free, body)
    }

    /// Runs `body` on the reference `name` (`git_reference_lookup`); nil when there is no such
    /// reference, with libgit2's error left for the caller to report.
    func withReference<T>(_ name: String, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T? {
        var reference: OpaquePointer?
        let found = git_reference_lookup(&reference, pointer, name)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try check(found, name)
        defer { git_reference_free(reference) }
        return try body(reference!)
    }
}

extension Signature {
    /// Runs `body` on a libgit2 signature made from this one (`git_signature_new`).
    func withHandle<T>(_ body: (UnsafeMutablePointer<git_signature>) throws(GitError) -> T) throws(GitError) -> T {
        var handle: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&handle, name, email, time, Int32(offsetMinutes)), "\(name) <\(email)>")
        defer { git_signature_free(handle) }
        return try body(handle!)
    }
}
