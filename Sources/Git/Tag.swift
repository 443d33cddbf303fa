import Clibgit2

/// A tag peeled to the commit it names.
public struct Tag: Sendable {
    /// The short name, without `refs/tags/`.
    public var name: String
    public var commitID: ObjectID
    /// What the reference points at: the tag object of an annotated tag, else the commit itself.
    public var targetID: ObjectID

    public var isAnnotated: Bool { targetID != commitID }

    public struct Annotation: Sendable {
        public var tagger: Signature?
        public var message: String
    }
}

extension Repository {
    /// Every tag that peels to a commit (`git_reference_iterator_glob_new` over `refs/tags/*`).
    /// Tags of trees or blobs and broken tags are skipped, not fatal: one odd tag must not stop a
    /// release.
    ///
    /// Packed tags carry their peeled commit in `packed-refs` (`git_reference_target_peel`), so a
    /// repository with thousands of annotated tags is listed without reading one tag object.
    public func tags() throws(GitError) -> [Tag] {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), gitDirectory)
        defer { git_odb_free(odb) }
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, "refs/tags/*"), "refs/tags")
        defer { git_reference_iterator_free(iterator) }
        var tags: [Tag] = []
        var reference: OpaquePointer?
        while true {
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "refs/tags")
            defer { git_reference_free(reference) }
            if let tag = tag(from: reference!, odb: odb!) { tags.append(tag) }
        }
        return tags
    }

    private func tag(from reference: OpaquePointer, odb: OpaquePointer) -> Tag? {
        var name = String(cString: git_reference_name(reference))
        if name.hasPrefix("refs/tags/") { name.removeFirst(10) }
        guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) else { return nil }
        let targetID = ObjectID(target)
        var size = 0
        var type = GIT_OBJECT_INVALID
        if let peeled = git_reference_target_peel(reference) {
            // packed-refs peels fully: to a commit usually, but a tag of a tree peels to the tree.
            guard git_odb_read_header(&size, &type, odb, peeled) == 0, type == GIT_OBJECT_COMMIT else { return nil }
            return Tag(name: name, commitID: ObjectID(peeled), targetID: targetID)
        }
        // A loose tag, or a packed lightweight one: the object's header says which it is.
        guard git_odb_read_header(&size, &type, odb, target) == 0 else { return nil }
        if type == GIT_OBJECT_COMMIT { return Tag(name: name, commitID: targetID, targetID: targetID) }
        guard type == GIT_OBJECT_TAG else { return nil }
        var object: OpaquePointer?
        guard git_object_lookup(&object, pointer, target, GIT_OBJECT_TAG) == 0 else { return nil }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else { return nil }
        defer { git_object_free(commit) }
        return Tag(name: name, commitID: ObjectID(git_object_id(commit)), targetID: targetID)
    }

    /// The tagger and message of an annotated tag (`git_tag_lookup`); nil for a lightweight tag.
    public func annotation(of tag: Tag) throws(GitError) -> Tag.Annotation? {
        guard tag.isAnnotated else { return nil }
        var oid = tag.targetID.oid
        var object: OpaquePointer?
        try check(git_tag_lookup(&object, pointer, &oid), "refs/tags/\(tag.name)")
        defer { git_tag_free(object) }
        return Tag.Annotation(tagger: git_tag_tagger(object).map { Signature($0) }, message: decodeLossily(git_tag_message(object)))
    }
}
