import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tag reference as listed: its short name, what it points at and, for a packed one, the commit
/// `packed-refs` peeled it to.
struct TagReference {
    var name: String
    var target: ObjectID
    var peeled: ObjectID?

    /// nil for a symbolic reference.
    init?(_ reference: OpaquePointer) {
        guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) else { return nil }
        var name = String(cString: git_reference_name(reference))
        if name.hasPrefix("refs/tags/") { name.removeFirst(10) }
        self.name = name
        self.target = ObjectID(target)
        peeled = git_reference_target_peel(reference).map { ObjectID($0) }
    }

    /// The tag peeled to its commit; nil for a tag of a tree or a blob. A packed tag names its
    /// commit already; the commit must be there, and its tag object too. A loose one is read once
    /// (not its header first): a commit is a lightweight tag, a tag object names what it tags, read
    /// from its first lines (`object <id>`, `type commit`) where libgit2's peel would parse the tag
    /// and the whole commit. A missing or unreadable object is an error naming the tag.
    func tag(objectDatabase odb: OpaquePointer) throws(GitError) -> Tag? {
        let context = "tag \(name)"
        func failure(_ result: Int32, _ object: ObjectID) -> GitError {
            result == GIT_ENOTFOUND.rawValue
                ? GitError.damaged(object.hex, detail: nil, context: context)
                : GitError.last(result, subject: context)
        }
        if let peeled {
            // packed-refs peels fully: to a commit usually, but a tag of a tree peels to the tree.
            var targetOID = target.oid
            if peeled != target && git_odb_exists(odb, &targetOID) == 0 {
                throw GitError.damaged(target.hex, detail: nil, context: context)
            }
            guard try isCommit(peeled, odb: odb, failure: failure) else { return nil }
            return Tag(name: name, commitID: peeled, targetID: target)
        }
        // A tag of a tag is followed, a few levels deep as git allows in practice.
        var current = target
        for depth in 0..<8 {
            var oid = current.oid
            let (type, named) = try withHandle(
                create: { git_odb_read(&$0, odb, &oid) }, free: git_odb_object_free, failure: { failure($0, current) }
            ) { object in
                (git_odb_object_type(object), tagTarget(git_odb_object_data(object), count: git_odb_object_size(object)))
            }
            if depth == 0 && type == GIT_OBJECT_COMMIT { return Tag(name: name, commitID: current, targetID: current) }
            if depth == 0 && type != GIT_OBJECT_TAG { return nil }
            guard type == GIT_OBJECT_TAG, let (id, kind) = named else {
                throw GitError.damaged(current.hex, detail: "it does not start with a tag's object and type lines", context: context)
            }
            current = ObjectID(id)
            guard kind == "tag" else {
                // What the tag names must be there, whatever it is; only a commit makes a release.
                let named = try isCommit(current, odb: odb, failure: failure)
                return kind == "commit" && named ? Tag(name: name, commitID: current, targetID: target) : nil
            }
        }
        return nil
    }

    /// The object's type from its header: a missing commit is an error, not a tag left out.
    private func isCommit(_ id: ObjectID, odb: OpaquePointer, failure: (Int32, ObjectID) -> GitError) throws(GitError) -> Bool {
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        let result = git_odb_read_header(&size, &type, odb, &oid)
        if result < 0 { throw failure(result, id) }
        return type == GIT_OBJECT_COMMIT
    }

    /// `object <40 hex>\ntype <name>\n`, as every tag object begins.
    private func tagTarget(_ data: UnsafeRawPointer?, count: Int) -> (git_oid, String)? {
        guard let data, count > 53 else { return nil }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        guard bytes.starts(with: "object ".utf8), bytes[47] == 0x0A, bytes[48..<53].elementsEqual("type ".utf8),
            let end = bytes[53...].firstIndex(of: 0x0A)
        else { return nil }
        var id = git_oid()
        guard git_oid_fromstrn(&id, data.assumingMemoryBound(to: CChar.self) + 7, 40) == 0 else { return nil }
        return (id, String(decoding: bytes[53..<end], as: UTF8.self))
    }
}
