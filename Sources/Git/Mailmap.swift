import Clibgit2

/// The repository's `.mailmap` (the working tree's file, `mailmap.file`, `mailmap.blob`), as git
/// reads it; owns libgit2's `git_mailmap` handle and frees it in `deinit`.
public final class Mailmap {
    private let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_mailmap_free(pointer)
    }

    /// The canonical name and address for an identity (`git check-mailmap`); the identity itself
    /// when no entry maps it.
    public func resolve(name: String, email: String) -> (name: String, email: String) {
        let resolved = lookUp(name: name, email: email)
        guard resolved == (name, email) else { return resolved }
        // git matches addresses case-insensitively; libgit2 1.5 compares them as written, so an
        // address spelled otherwise than in `.mailmap` is tried again in lower case (as entries
        // are usually written), keeping its own spelling when the entry replaces only the name.
        let lowered = email.lowercased()
        guard lowered != email else { return resolved }
        let retried = lookUp(name: name, email: lowered)
        if retried == (name, lowered) { return resolved }
        return retried.email == lowered ? (retried.name, email) : retried
    }

    private func lookUp(name: String, email: String) -> (name: String, email: String) {
        var realName: UnsafePointer<CChar>?
        var realEmail: UnsafePointer<CChar>?
        guard git_mailmap_resolve(&realName, &realEmail, pointer, name, email) == 0, let realName, let realEmail else {
            return (name, email)
        }
        // Both point into the mailmap or at the arguments: copied before either goes away.
        return (CommitText.decodeLossily(realName), CommitText.decodeLossily(realEmail))
    }
}

extension Repository {
    /// The mailmap git would use here (`git_mailmap_from_repository`); empty when there is none.
    public func mailmap() throws(GitError) -> Mailmap {
        var handle: OpaquePointer?
        try check(git_mailmap_from_repository(&handle, pointer), gitDirectory + "mailmap")
        return Mailmap(pointer: handle!)
    }
}
