import Clibgit2

/// A tag peeled to the commit it names.
public struct Tag: Sendable {
    /// The short name, without `refs/tags/`.
    public var name: String
    public var commitID: ObjectID
    /// For an annotated tag: the tagger and the tag message. Nil for a lightweight tag.
    public var annotation: Annotation?

    public struct Annotation: Sendable {
        public var tagger: Signature?
        public var message: String
    }
}

extension Repository {
    /// Every tag that peels to a commit (`git_tag_foreach` + `git_object_peel`). Tags of trees or
    /// blobs and broken tags are skipped, not fatal: one odd tag must not stop a release.
    public func tags() throws(GitError) -> [Tag] {
        var references: [(name: String, target: ObjectID)] = []
        let result = withUnsafeMutablePointer(to: &references) { list in
            git_tag_foreach(pointer, { name, oid, payload in
                guard let name, let oid, let payload else { return 0 }
                let list = payload.assumingMemoryBound(to: [(name: String, target: ObjectID)].self)
                var short = String(cString: name)
                if short.hasPrefix("refs/tags/") { short.removeFirst(10) }
                list.pointee.append((short, ObjectID(oid)))
                return 0
            }, list)
        }
        try check(result, "refs/tags")
        var tags: [Tag] = []
        tags.reserveCapacity(references.count)
        for reference in references {
            if let tag = peel(name: reference.name, target: reference.target) { tags.append(tag) }
        }
        return tags
    }

    private func peel(name: String, target: ObjectID) -> Tag? {
        var oid = target.oid
        var object: OpaquePointer?
        guard git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY) == 0, let object else { return nil }
        defer { git_object_free(object) }
        var annotation: Tag.Annotation?
        if git_object_type(object) == GIT_OBJECT_TAG {
            let tagger = git_tag_tagger(object).map { Signature($0) }
            annotation = Tag.Annotation(tagger: tagger, message: decodeLossily(git_tag_message(object)))
        }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else { return nil }
        defer { git_object_free(commit) }
        return Tag(name: name, commitID: ObjectID(git_object_id(commit)), annotation: annotation)
    }
}
