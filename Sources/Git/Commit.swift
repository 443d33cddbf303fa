import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A commit's contents, copied out of libgit2 so no handle outlives the lookup.
public struct Commit: Sendable {
    public var id: ObjectID
    /// The message as stored, without the leading newlines git_commit_message drops; decoded
    /// lossily when it is not valid UTF-8 (bad bytes become U+FFFD).
    public var message: String
    public var author: Signature
    /// When the commit was made, which orders git log; authored time may be older (rebases, cherry-picks).
    public var committerTime: Int64
    public var committerOffsetMinutes: Int
    public var parentIDs: [ObjectID]
    /// The root tree of what it records.
    public var treeID: ObjectID
}

extension Repository {
    /// Reads one commit: its raw object (`git_odb_read`) parsed here, which is most of a
    /// whole-history run and costs a third less than `git_commit_lookup`'s general parser and
    /// allocations; a commit whose header this parser does not take goes through `git_commit_lookup`.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        if let graph = knownCommits, let node = graph.index[id] { return graph.commits[Int(node)] }
        guard readCommits != nil else { return try readCommit(id) }
        if let known = readCommits?[id] { return known }
        let commit = try readCommit(id)
        readCommits?[id] = commit
        return commit
    }

    private func readCommit(_ id: ObjectID) throws(GitError) -> Commit {
        var oid = id.oid
        var object: OpaquePointer?
        if git_odb_read(&object, try objectDatabase(), &oid) == 0, let object {
            defer { git_odb_object_free(object) }
            if git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) {
                let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
                if let commit = Commit(rawObject: bytes, id: id) { return commit }
                do {
                    return try lookUpCommit(id)
                } catch {
                    // libgit2 refuses identities that git reads (`Name <>`, no `<…>` at all).
                    if let commit = Commit(rawObject: bytes, id: id, lenient: true) { return commit }
                    throw error
                }
            }
        }
        return try lookUpCommit(id)
    }

    /// The tree a commit records: the first line of its raw object, `tree <id>`.
    func treeID(of id: ObjectID) throws(GitError) -> ObjectID {
        try treeAndParents(of: id).tree
    }

    /// The tree and the parents a commit records, the first lines of its raw object (`tree <id>`,
    /// then a `parent <id>` line for each parent).
    func treeAndParents(of id: ObjectID) throws(GitError) -> (tree: ObjectID, parents: [ObjectID]) {
        if let graph = knownCommits, let node = graph.index[id] {
            let commit = graph.commits[Int(node)]
            return (commit.treeID, commit.parentIDs)
        }
        var oid = id.oid
        let odb = try objectDatabase()
        return try withHandle(
            create: { git_odb_read(&$0, odb, &oid) }, free: git_odb_object_free,
            failure: { read in
                read == GIT_ENOTFOUND.rawValue && !isShallow ? GitError.damaged(id.hex, detail: nil) : GitError.last(read, subject: id.hex)
            }
        ) { (object: OpaquePointer) throws(GitError) -> (tree: ObjectID, parents: [ObjectID]) in
            guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else {
                throw GitError.damaged(id.hex, detail: "it is not a commit that names its tree")
            }
            let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
            func objectID(after keyword: String, at start: Int) -> ObjectID? {
                let key = Array(keyword.utf8), end = start + key.count + 41
                guard bytes.count >= end, Array(bytes[start..<start + key.count]) == key, bytes[end - 1] == 0x0A else { return nil }
                return ObjectID(hex: String(decoding: bytes[start + key.count..<end - 1], as: UTF8.self))
            }
            guard let tree = objectID(after: "tree ", at: 0) else {
                throw GitError.damaged(id.hex, detail: "it is not a commit that names its tree")
            }
            var parents: [ObjectID] = []
            while let parent = objectID(after: "parent ", at: 46 + 48 * parents.count) { parents.append(parent) }
            return (tree, parents)
        }
    }

    /// Reads one commit with libgit2's own parser (`git_commit_lookup`), which also says precisely
    /// what is wrong when the object is missing or is not a commit.
    func lookUpCommit(_ id: ObjectID) throws(GitError) -> Commit {
        var oid = id.oid
        return try withHandle(
            create: { git_commit_lookup(&$0, pointer, &oid) }, free: git_commit_free,
            failure: { result in
                if result == GIT_ENOTFOUND.rawValue && isShallow {
                    return GitError(
                        code: .notFound, message: "commit is beyond the shallow clone's boundary", subject: id.hex,
                        kind: .shallowBoundary(.commit))
                }
                // Not found with no shallow boundary to blame: the repository lost it (libgit2 may not
                // even set a message here).
                if result == GIT_ENOTFOUND.rawValue { return GitError.damaged(id.hex, detail: nil) }
                return GitError.last(result, subject: id.hex)
            }
        ) { handle in Commit(handle, id: id) }
    }
}

extension Commit {
    init(_ handle: OpaquePointer, id: ObjectID) {
        self.id = id
        let encoding = git_commit_message_encoding(handle)
        message = CommitText.decode(git_commit_message(handle), encoding: encoding)
        // Names are in the commit's declared encoding too (an old Latin-1 history's authors).
        let signature = Signature(git_commit_author(handle))
        let raw = git_commit_author(handle).pointee
        author =
            encoding == nil
            ? signature
            : Signature(
                name: CommitText.decode(raw.name, encoding: encoding), email: CommitText.decode(raw.email, encoding: encoding),
                time: signature.time, offsetMinutes: signature.offsetMinutes)
        committerTime = git_commit_time(handle)
        committerOffsetMinutes = Int(git_commit_time_offset(handle))
        treeID = ObjectID(git_commit_tree_id(handle)!)
        let count = git_commit_parentcount(handle)
        var parents: [ObjectID] = []
        parents.reserveCapacity(Int(count))
        for index in 0..<count {
            parents.append(ObjectID(git_commit_parent_id(handle, index)))
        }
        parentIDs = parents
    }
}
