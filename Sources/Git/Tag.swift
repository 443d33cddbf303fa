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
                    if let tag = try TagReference(reference!)?.tag(objectDatabase: odb) { tags.append(tag) }
                }
                return tags
            }
        }
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
