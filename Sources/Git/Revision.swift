import Clibgit2

extension Repository {
    /// Resolves a revision (`HEAD`, a branch, a tag, an abbreviated id, `v1.2.0~3`) to the commit it
    /// names (`git_revparse_single` + `git_object_peel`).
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, pointer, revision)
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue || result == GIT_EAMBIGUOUS.rawValue {
            if revision == "HEAD" && isHeadUnborn {
                throw GitError(code: .unbornBranch, message: "the repository has no commits yet; commit something first", subject: "HEAD")
            }
            let reason = result == GIT_EAMBIGUOUS.rawValue ? "is ambiguous; use more hex digits or the full ref name" : "is not a known revision (branch, tag or commit id)"
            throw GitError(code: GitError.Code(rawValue: result), message: "'\(revision)' \(reason)", subject: nil)
        }
        try check(result, revision)
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        if peeled < 0 {
            throw GitError(code: .peel, message: "'\(revision)' does not name a commit", subject: nil)
        }
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// The branch HEAD points at (`refs/heads/` removed), or nil when HEAD is detached.
    public var currentBranch: String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name
    }
}
