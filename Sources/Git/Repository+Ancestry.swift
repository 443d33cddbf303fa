import Clibgit2

extension Repository {
    /// The best common ancestor of two commits (`git_merge_base`): where a branch forked. nil when
    /// the histories share nothing. In a shallow clone the fork point may lie beyond the boundary,
    /// where no answer is possible: that is a `.shallowBoundary(.forkPoint)` error.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
        var out = git_oid()
        var first = a.oid, second = b.oid
        let result = git_merge_base(&out, pointer, &first, &second)
        // libgit2 reports the boundary as a missing object (GIT_ERROR), or finds no base at all.
        if result < 0 && isShallow
            && (result == GIT_ENOTFOUND.rawValue
                || {
                    let error = GitError.last(result, subject: nil)
                    return error.kind == .missingObject || error.message.contains("not found")
                }())
        {
            throw GitError(
                code: GitError.Code(rawValue: result), message: "the fork point is beyond the shallow clone's boundary",
                subject: "\(a.hex.prefix(8))...\(b.hex.prefix(8))", kind: .shallowBoundary(.forkPoint))
        }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "\(a.hex)...\(b.hex)")
        return ObjectID(out)
    }

    /// True when `commit` has `ancestor` in its history (`git_graph_descendant_of`); false for the
    /// commit itself.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        var a = commit.oid, b = ancestor.oid
        let result = git_graph_descendant_of(pointer, &a, &b)
        try check(result, commit.hex)
        return result == 1
    }
}
