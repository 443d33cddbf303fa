import Clibgit2

extension Repository {
    /// Resolves a revision (`HEAD`, a branch, a tag, an abbreviated id, `v1.2.0~3`) to the commit it
    /// names (`git_revparse_single` + `git_object_peel`).
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        if let id = try resolveDirectly(revision) { return id }
        return try withHandle(
            create: { git_revparse_single(&$0, pointer, revision) }, free: git_object_free,
            failure: { revisionError($0, revision) }
        ) { (object: OpaquePointer) throws(GitError) in
            try withHandle(
                create: { git_object_peel(&$0, object, GIT_OBJECT_COMMIT) }, free: git_object_free,
                failure: { peeled in
                    var error = GitError.last(peeled, subject: revision)
                    // A tag whose object is missing or damaged says so, not that it names no commit.
                    if error.kind != .missingObject && error.kind != .damagedObject { error.kind = .notACommit }
                    return error
                }
            ) { commit in ObjectID(git_object_id(commit)) }
        }
    }

    /// Why `git_revparse_single` found nothing: a missing or damaged object it led to (said so, not
    /// "unknown revision"), an unborn HEAD, a revision naming nothing or too much, or libgit2's error.
    private func revisionError(_ result: Int32, _ revision: String) -> GitError {
        let error = GitError.last(result, subject: revision)
        if error.kind == .missingObject || error.kind == .damagedObject { return error }
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue || result == GIT_EAMBIGUOUS.rawValue {
            if revision == "HEAD" && isHeadUnborn {
                return GitError(code: .unbornBranch, message: "HEAD names a branch with no commit yet", subject: "HEAD", kind: .unbornHead)
            }
            var unknown = GitError.last(result, subject: revision)
            unknown.kind = result == GIT_EAMBIGUOUS.rawValue ? .ambiguousRevision : .unknownRevision
            return unknown
        }
        return error
    }

    /// A full id or a reference (`HEAD`, `main`, `v1.2.0`) peeled through tag objects read raw;
    /// nil leaves the revision to `git_revparse_single`. libgit2's revparse parses each commit it
    /// meets and refuses identities git reads (`Name <>`), which must not stop every command.
    private func resolveDirectly(_ revision: String) throws(GitError) -> ObjectID? {
        var oid: git_oid
        let isFullID = ObjectID(hex: revision) != nil
        if let id = ObjectID(hex: revision) {
            oid = id.oid
        } else {
            // `v1.0-3-gabc1234` is describe output, which revparse reads before reference names.
            guard !revision.contains("-g") else { return nil }
            var reference: OpaquePointer?
            guard git_reference_dwim(&reference, pointer, revision) == 0 else { return nil }
            defer { git_reference_free(reference) }
            var resolved: OpaquePointer?
            guard git_reference_resolve(&resolved, reference) == 0 else { return nil }
            defer { git_reference_free(resolved) }
            guard let target = git_reference_target(resolved) else { return nil }
            oid = target.pointee
        }
        let odb = try objectDatabase()
        for _ in 0..<32 {
            var size = 0
            var type = GIT_OBJECT_INVALID
            let header = git_odb_read_header(&size, &type, odb, &oid)
            if header == GIT_ENOTFOUND.rawValue {
                if isFullID { return nil }
                throw GitError.damaged(ObjectID(oid).hex, detail: nil, context: revision)
            }
            if header < 0 { throw GitError.last(header, subject: revision) }
            if type == GIT_OBJECT_COMMIT { return ObjectID(oid) }
            guard type == GIT_OBJECT_TAG else { return nil }
            guard let next = try taggedObject(oid, revision: revision) else { return nil }
            oid = next
        }
        return nil
    }

    /// The `object <id>` a tag object names, from its raw text.
    private func taggedObject(_ tag: git_oid, revision: String) throws(GitError) -> git_oid? {
        var oid = tag
        let odb = try objectDatabase()
        return try withHandle(
            create: { git_odb_read(&$0, odb, &oid) }, free: git_odb_object_free,
            failure: { read in
                read == GIT_ENOTFOUND.rawValue
                    ? GitError.damaged(ObjectID(oid).hex, detail: nil, context: revision)
                    : GitError.last(read, subject: revision)
            }
        ) { (object: OpaquePointer) -> git_oid? in
            guard let data = git_odb_object_data(object), git_odb_object_size(object) >= 47 else { return nil }
            let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: 47)
            guard Array(bytes[0..<7]) == Array("object ".utf8), bytes[46] == 0x0A,
                let id = ObjectID(hex: String(decoding: bytes[7..<46], as: UTF8.self))
            else { return nil }
            return id.oid
        }
    }
}
