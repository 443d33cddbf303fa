import Clibgit2

/// Notes (`git notes --ref`): text attached to an object without changing it, kept as a history of
/// its own under a notes reference.
extension Repository {
    /// Every note under `reference` (`git_note_iterator_new`, `git_note_next`): the annotated
    /// object's id and the note's text. Empty when the reference does not exist yet.
    public func notes(reference: String) throws(GitError) -> [ObjectID: String] {
        var iterator: OpaquePointer?
        let created = git_note_iterator_new(&iterator, pointer, reference)
        if created == GIT_ENOTFOUND.rawValue { return [:] }
        try check(created, reference)
        defer { git_note_iterator_free(iterator) }
        var notes: [ObjectID: String] = [:]
        var noteID = git_oid()
        var annotated = git_oid()
        while true {
            let next = git_note_next(&noteID, &annotated, iterator)
            if next == GIT_ITEROVER.rawValue { break }
            try check(next, reference)
            notes[ObjectID(annotated)] = try blobText(ObjectID(noteID), subject: reference)
        }
        return notes
    }

    /// The note on `id` under `reference` (`git_note_read`); nil when it has none.
    public func note(reference: String, on id: ObjectID) throws(GitError) -> String? {
        var oid = id.oid
        var note: OpaquePointer?
        let found = git_note_read(&note, pointer, reference, &oid)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try check(found, id.hex)
        defer { git_note_free(note) }
        return git_note_message(note).map { CommitText.decodeLossily($0) }
    }

    /// Writes `text` as the note on `id` under `reference`, replacing one there
    /// (`git_note_create` with force), as a commit of the notes history by `author` and `committer`.
    public func setNote(_ text: String, reference: String, on id: ObjectID, author: Signature, committer: Signature) throws(GitError) {
        var oid = id.oid
        var created = git_oid()
        try author.withHandle { (author) throws(GitError) in
            try committer.withHandle { (committer) throws(GitError) in
                try check(git_note_create(&created, pointer, reference, author, committer, &oid, text, 1), id.hex)
            }
        }
    }

    /// Removes the note on `id` under `reference` (`git_note_remove`); false when there was none.
    public func removeNote(reference: String, on id: ObjectID, author: Signature, committer: Signature) throws(GitError) -> Bool {
        var oid = id.oid
        return try author.withHandle { (author) throws(GitError) -> Bool in
            try committer.withHandle { (committer) throws(GitError) -> Bool in
                let removed = git_note_remove(pointer, reference, author, committer, &oid)
                if removed == GIT_ENOTFOUND.rawValue { return false }
                try check(removed, id.hex)
                return true
            }
        }
    }

    /// A blob's bytes as text, decoded as commit messages are.
    private func blobText(_ id: ObjectID, subject: String) throws(GitError) -> String {
        var oid = id.oid
        return try withHandle(subject, create: { git_blob_lookup(&$0, pointer, &oid) }, free: git_blob_free) { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let raw = git_blob_rawcontent(blob) else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: raw, count: size), as: UTF8.self)
        }
    }
}
