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
    /// Tags of trees or blobs are skipped, not fatal: one odd tag must not stop a release. A tag
    /// whose object is missing or damaged is an error naming the tag: skipping it would make an
    /// older release look like the latest (a release then moved VERSION backwards).
    ///
    /// Packed tags carry their peeled commit in `packed-refs` (`git_reference_target_peel`), so a
    /// repository with thousands of annotated tags is listed without reading one tag object.
    public func tags() throws(GitError) -> [Tag] {
        // Its own handle on the object database: the repository's cached one is created lazily, without a lock.
        try withHandle(gitDirectory, create: { git_repository_odb(&$0, pointer) }, free: git_odb_free) {
            (odb: OpaquePointer) throws(GitError) -> [Tag] in
            try withHandle(
                "refs/tags", create: { git_reference_iterator_glob_new(&$0, pointer, "refs/tags/*") },
                free: git_reference_iterator_free
            ) { (iterator: OpaquePointer) throws(GitError) -> [Tag] in
                var tags: [Tag] = []
                var reference: OpaquePointer?
                while true {
                    let result = git_reference_next(&reference, iterator)
                    if result == GIT_ITEROVER.rawValue { break }
                    try check(result, "refs/tags")
                    // Each reference the iterator hands out is ours to free.
                    defer { git_reference_free(reference) }
                    if let tag = try tag(from: reference!, odb: odb) { tags.append(tag) }
                }
                return tags
            }
        }
    }

    private func tag(from reference: OpaquePointer, odb: OpaquePointer) throws(GitError) -> Tag? {
        var name = String(cString: git_reference_name(reference))
        if name.hasPrefix("refs/tags/") { name.removeFirst(10) }
        guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) else { return nil }
        let targetID = ObjectID(target)
        let context = "tag \(name)"
        func failure(_ result: Int32, _ object: ObjectID) -> GitError {
            result == GIT_ENOTFOUND.rawValue
                ? GitError.damaged(object.hex, detail: nil, context: context)
                : GitError.last(result, subject: context)
        }
        var size = 0
        var type = GIT_OBJECT_INVALID
        if let peeled = git_reference_target_peel(reference) {
            // packed-refs peels fully: to a commit usually, but a tag of a tree peels to the tree.
            // The tag object itself is not read, but it must be there.
            if git_oid_cmp(peeled, target) != 0 && git_odb_exists(odb, target) == 0 {
                throw GitError.damaged(targetID.hex, detail: nil, context: context)
            }
            let result = git_odb_read_header(&size, &type, odb, peeled)
            if result < 0 { throw failure(result, ObjectID(peeled)) }
            guard type == GIT_OBJECT_COMMIT else { return nil }
            return Tag(name: name, commitID: ObjectID(peeled), targetID: targetID)
        }
        // A loose tag, or a packed lightweight one: the object's header says which it is.
        let header = git_odb_read_header(&size, &type, odb, target)
        if header < 0 { throw failure(header, targetID) }
        if type == GIT_OBJECT_COMMIT { return Tag(name: name, commitID: targetID, targetID: targetID) }
        guard type == GIT_OBJECT_TAG, let commitID = try peeledCommit(ofTag: target.pointee, context: context, odb: odb, failure: failure)
        else {
            return nil
        }
        return Tag(name: name, commitID: commitID, targetID: targetID)
    }

    /// The commit an annotated tag names, from the tag object's first lines (`object <id>`,
    /// `type commit`): a loose tag is not peeled in packed-refs, and libgit2's peel parses the tag and
    /// the whole commit, which with thousands of loose tags is most of a command's time. A tag of a
    /// tag is followed; the commit's existence and type are checked from its header only. nil for a
    /// tag of a tree or a blob; a missing or unreadable object is an error, as `tags()` says.
    private func peeledCommit(
        ofTag tag: git_oid, context: String, odb: OpaquePointer,
        failure: (Int32, ObjectID) -> GitError
    ) throws(GitError) -> ObjectID? {
        var current = tag
        for _ in 0..<8 {
            let next = try withHandle(
                create: { git_odb_read(&$0, odb, &current) }, free: git_odb_object_free,
                failure: { failure($0, ObjectID(current)) }
            ) { object in
                Self.tagTarget(git_odb_object_data(object), count: git_odb_object_size(object))
            }
            guard let (id, type) = next else {
                throw GitError.damaged(
                    ObjectID(current).hex, detail: "it does not start with a tag's object and type lines", context: context)
            }
            current = id
            guard type == "tag" else {
                var size = 0
                var actual = GIT_OBJECT_INVALID
                let header = git_odb_read_header(&size, &actual, odb, &current)
                if header < 0 { throw failure(header, ObjectID(current)) }
                return type == "commit" && actual == GIT_OBJECT_COMMIT ? ObjectID(current) : nil
            }
        }
        return nil
    }

    /// `object <40 hex>\ntype <name>\n`, as every tag object begins.
    private static func tagTarget(_ data: UnsafeRawPointer?, count: Int) -> (git_oid, String)? {
        guard let data, count > 53 else { return nil }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        guard bytes.starts(with: "object ".utf8), bytes[47] == 0x0A, bytes[48..<53].elementsEqual("type ".utf8),
            let end = bytes[53...].firstIndex(of: 0x0A)
        else { return nil }
        var id = git_oid()
        guard git_oid_fromstrn(&id, data.assumingMemoryBound(to: CChar.self) + 7, 40) == 0 else { return nil }
        return (id, String(decoding: bytes[53..<end], as: UTF8.self))
    }

    /// The tagger and message of an annotated tag (`git_tag_lookup`); nil for a lightweight tag.
    public func annotation(of tag: Tag) throws(GitError) -> Tag.Annotation? {
        guard tag.isAnnotated else { return nil }
        var oid = tag.targetID.oid
        return try withHandle("refs/tags/\(tag.name)", create: { git_tag_lookup(&$0, pointer, &oid) }, free: git_tag_free) { object in
            Tag.Annotation(tagger: git_tag_tagger(object).map { Signature($0) }, message: CommitText.decodeLossily(git_tag_message(object)))
        }
    }
}
