import Clibgit2

/// A tree object's entries scanned from its stored bytes. The comparers want a few names from a
/// great many trees (a monorepo's membership reads two a commit), and libgit2's parsed, cached
/// trees cost several times the read itself.
enum RawTree {
    /// The mode as git reads it (`canon_mode`): an old tree's `100664` is a `100644` file.
    static func canonical(_ mode: UInt32) -> UInt32 {
        switch mode & 0o170000 {
        case 0o040000, 0o120000, 0o160000: mode & 0o170000
        default: mode & 0o111 != 0 ? 0o100755 : 0o100644
        }
    }

    /// Calls `visit` with each entry's mode (as written), its name's bytes and a way to its id, in
    /// the tree's order; the bytes are valid only during the call.
    static func forEachEntry(
        of tree: ObjectID, in repository: Repository,
        _ visit: (_ mode: UInt32, _ name: UnsafeBufferPointer<UInt8>, _ id: () -> ObjectID) throws(GitError) -> Void
    ) throws(GitError) {
        var oid = tree.oid
        let odb = try repository.objectDatabase()
        var object: OpaquePointer?
        try check(git_odb_read(&object, odb, &oid), tree.hex)
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE, let data = git_odb_object_data(object) else {
            throw GitError.damaged(tree.hex, detail: "it is not a tree")
        }
        let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: git_odb_object_size(object))
        var position = 0
        while position < bytes.count {
            var mode: UInt32 = 0
            while position < bytes.count, bytes[position] != 0x20 {
                mode = mode &* 8 &+ UInt32(bytes[position] &- 0x30)
                position += 1
            }
            let nameStart = position + 1
            var nul = nameStart
            while nul < bytes.count, bytes[nul] != 0 { nul += 1 }
            guard nameStart < bytes.count, nul + 21 <= bytes.count else {
                throw GitError.damaged(tree.hex, detail: "a tree entry runs past the end of the tree")
            }
            try visit(mode, UnsafeBufferPointer(rebasing: bytes[nameStart..<nul])) {
                var entryID = git_oid()
                withUnsafeMutableBytes(of: &entryID) { raw in
                    raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[(nul + 1)..<(nul + 21)]))
                }
                return ObjectID(entryID)
            }
            position = nul + 21
        }
    }
}
