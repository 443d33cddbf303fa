import Git

/// The visible changes a release makes, each with how to take it back: if a later step fails, the
/// repository returns to where it started (files, index, branch and tags), newest change undone first.
struct ReleaseTransaction {
    private enum Change {
        /// A working-tree file and its bytes before (nil: it did not exist).
        case file(path: String, original: [UInt8]?)
        /// A reference moved from `original` to `current`.
        case reference(name: String, original: ObjectID, current: ObjectID)
        /// A reference that did not exist before.
        case created(name: String)
    }

    private var changes: [Change] = []
    let repository: Repository

    init(repository: Repository) {
        self.repository = repository
    }

    /// Replaces a file atomically, remembering what it held.
    mutating func write(_ bytes: [UInt8], to path: String) throws(ChangelogError) {
        let original = try AtomicFile.read(path)
        try AtomicFile.write(bytes, to: path)
        changes.append(.file(path: path, original: original))
    }

    /// Remembers a file (the index) before something else rewrites it.
    mutating func snapshot(_ path: String) throws(ChangelogError) {
        changes.append(.file(path: path, original: try AtomicFile.read(path)))
    }

    mutating func moveReference(_ name: String, from original: ObjectID, to target: ObjectID, logMessage: String) throws(ChangelogError) {
        try git { () throws(GitError) in
            try repository.moveReference(name, to: target, expecting: original, logMessage: logMessage)
        }
        changes.append(.reference(name: name, original: original, current: target))
    }

    mutating func createTag(_ text: [UInt8], name: String) throws(ChangelogError) -> ObjectID {
        let id = try git { () throws(GitError) in try repository.createTag(fromText: text, name: name) }
        changes.append(.created(name: "refs/tags/\(name)"))
        return id
    }

    /// Undoes every recorded change, newest first, and says which could not be undone.
    func rollBack() -> [String] {
        var failures: [String] = []
        for change in changes.reversed() {
            do throws(ChangelogError) {
                switch change {
                case .file(let path, let original?):
                    try AtomicFile.write(original, to: path)
                case .file(let path, nil):
                    try AtomicFile.remove(path)
                case .reference(let name, let original, let current):
                    try git { () throws(GitError) in
                        try repository.moveReference(name, to: original, expecting: current, logMessage: "changelog: undo a failed release")
                    }
                case .created(let name):
                    try git { () throws(GitError) in try repository.deleteReference(name) }
                }
            } catch {
                failures.append(error.message)
            }
        }
        return failures
    }
}
