import Clibgit2

extension Repository {
    /// Reads HEAD without resolving more than one level (`git_reference_lookup`,
    /// `git_reference_symbolic_target`, `git_reference_name_to_id`).
    public func head() throws(GitError) -> HeadState {
        let state = try withReference("HEAD") { (reference: OpaquePointer) throws(GitError) -> HeadState in
            if git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) {
                return .detached(ObjectID(target))
            }
            let name = String(cString: git_reference_symbolic_target(reference))
            guard let id = try referenceTarget(name) else { return .unborn(name) }
            return .branch(name, id)
        }
        guard let state else { throw GitError.last(GIT_ENOTFOUND.rawValue, subject: "HEAD") }
        return state
    }

    /// The branch HEAD points at (`refs/heads/` removed), or nil when HEAD is detached.
    public var currentBranch: String? {
        let branch = try? withReference("HEAD") { (reference: OpaquePointer) throws(GitError) -> String? in
            guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC,
                let target = git_reference_symbolic_target(reference)
            else { return nil }
            return ReferenceName.shortBranch(String(cString: target))
        }
        return branch ?? nil
    }

    /// The object a reference names, following symbolic references (`git_reference_name_to_id`);
    /// nil when the reference does not exist.
    public func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, name)
        return ObjectID(oid)
    }

    /// Moves a direct reference from `expected` to `target` (`git_reference_create_matching`): the
    /// update fails with `.modified` when someone else moved the reference in between, so a
    /// concurrent commit is never overwritten. `expected == nil` creates a reference that must not
    /// exist, failing with `.exists` when it does.
    ///
    /// A creation is a compare and swap from the zero id, made under the reference's lock:
    /// `git_reference_create` without force checks that the name is free before taking the lock,
    /// so two processes creating one reference at once could both succeed, the second overwriting
    /// the first (two `changelog amend` writing the first note each lost one of them).
    public func moveReference(_ name: String, to target: ObjectID, expecting expected: ObjectID?, logMessage: String) throws(GitError) {
        var oid = target.oid
        var current = expected?.oid ?? git_oid()
        try withHandle(
            create: { reference in
                git_reference_create_matching(&reference, pointer, name, &oid, 1, &current, logMessage)
            }, free: git_reference_free,
            failure: { result in
                guard result == GIT_EMODIFIED.rawValue else { return GitError.last(result, subject: name) }
                if expected == nil {
                    return GitError(code: .exists, message: "a reference with that name already exists", subject: name)
                }
                var error = GitError.last(result, subject: name)
                error.kind = .referenceMoved
                return error
            }
        ) { _ in }
    }

    /// Deletes a reference (`git_reference_remove`); a missing one is not an error.
    public func deleteReference(_ name: String) throws(GitError) {
        let result = git_reference_remove(pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return }
        try check(result, name)
    }

    /// Deletes a reference only while it still names `expected` (`git_reference_lookup`,
    /// `git_reference_delete`, which refuses a reference changed since it was read): undoing a
    /// release never removes a tag someone else made. Returns false when the reference is missing
    /// or names another object, and leaves it alone.
    @discardableResult
    public func deleteReference(_ name: String, expecting expected: ObjectID) throws(GitError) -> Bool {
        let deleted = try withReference(name) { (reference: OpaquePointer) throws(GitError) -> Bool in
            guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference),
                ObjectID(target) == expected
            else { return false }
            let result = git_reference_delete(reference)
            if result == GIT_EMODIFIED.rawValue { return false }
            try check(result, name)
            return true
        }
        return deleted ?? false
    }
}
