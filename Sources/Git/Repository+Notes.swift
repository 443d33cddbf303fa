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

    /// Writes `text` as the note on `id` under `reference`, replacing one there, as one compare
    /// and swap: a notes commit made on the notes history as read (`git_note_commit_create`), and
    /// the reference moved only from that commit (`moveReference`). `git_note_create` would move it
    /// whatever it pointed to by then, dropping a note another process wrote meanwhile. Throws
    /// `.referenceMoved` (or `.locked`, or code `.exists` for a reference created meanwhile) when
    /// someone else got there first: nothing was changed, and a caller may read again and retry.
    public func setNote(_ text: String, reference: String, on id: ObjectID, author: Signature, committer: Signature) throws(GitError) {
        var oid = id.oid
        _ = try updateNotes(
            reference, logMessage: "notes: Notes added by 'changelog amend'", author: author, committer: committer
        ) {
            (parent, author, committer, created) throws(GitError) -> Bool in
            try check(git_note_commit_create(&created, nil, pointer, parent, author, committer, &oid, text, 1), id.hex)
            return true
        }
    }

    /// Removes the note on `id` under `reference` (`git_note_commit_remove`), moving the reference
    /// as `setNote` does; false when there was none.
    public func removeNote(reference: String, on id: ObjectID, author: Signature, committer: Signature) throws(GitError) -> Bool {
        var oid = id.oid
        return try updateNotes(
            reference, logMessage: "notes: Notes removed by 'changelog amend'", author: author, committer: committer
        ) {
            (parent, author, committer, created) throws(GitError) -> Bool in
            guard let parent else { return false }
            let removed = git_note_commit_remove(&created, pointer, parent, author, committer, &oid)
            if removed == GIT_ENOTFOUND.rawValue { return false }
            try check(removed, id.hex)
            return true
        }
    }

    /// Reads the notes commit `reference` names (nil when there is none yet), lets `change` make
    /// the next one on it, and moves the reference from the one read to the one made; false, and
    /// nothing moved, when `change` made none.
    private func updateNotes(
        _ reference: String, logMessage: String, author: Signature, committer: Signature,
        _ change: (OpaquePointer?, UnsafeMutablePointer<git_signature>, UnsafeMutablePointer<git_signature>, inout git_oid)
            throws(GitError) -> Bool
    ) throws(GitError) -> Bool {
        let current = try referenceTarget(reference)
        var created = git_oid()
        let changed = try author.withHandle { (author) throws(GitError) -> Bool in
            try committer.withHandle { (committer) throws(GitError) -> Bool in
                guard var parentID = current?.oid else { return try change(nil, author, committer, &created) }
                return try withHandle(reference, create: { git_commit_lookup(&$0, pointer, &parentID) }, free: git_commit_free) {
                    (parent) throws(GitError) -> Bool in
                    try change(parent, author, committer, &created)
                }
            }
        }
        guard changed else { return false }
        try moveReference(reference, to: ObjectID(created), expecting: current, logMessage: logMessage)
        return true
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
