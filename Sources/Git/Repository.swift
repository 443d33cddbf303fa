import Clibgit2

/// An open repository; owns libgit2's `git_repository` handle and frees it in `deinit`.
///
/// Not thread-safe, like the handle it wraps: use one `Repository` per thread.
public final class Repository {
    let pointer: OpaquePointer
    /// The object database (`git_repository_odb`), opened on first use and freed with the repository.
    private var odbHandle: OpaquePointer?
    /// Commits read so far, when a run walks overlapping ranges many times (`keepsCommits`).
    var readCommits: [ObjectID: Commit]?

    /// Keeps every commit read from now on, so walking it again reads nothing: for a run that walks
    /// overlapping ranges many times (one range per package of a monorepo). Off by default, since
    /// a single walk reads each commit once and the table would only cost.
    public func keepCommits() {
        if readCommits == nil { readCommits = [:] }
    }

    /// A history read already (`CommitGraph`), whose commits `commit(_:)` takes from memory while it is set.
    var knownCommits: CommitGraph?

    /// Runs `body` with the commits of `graph` served from memory: a whole-history run that walks
    /// from hundreds of tags into that history reads each of its commits once, not once per walk.
    /// Scoped, so the graph is not held past its use.
    public func reading<T, E: Error>(from graph: CommitGraph, _ body: () throws(E) -> T) throws(E) -> T {
        let outer = knownCommits
        knownCommits = graph
        defer { knownCommits = outer }
        return try body()
    }

    private init(pointer: OpaquePointer) throws(GitError) {
        self.pointer = pointer
        // A throw from here on runs deinit, which frees the handle.
        try guardObjectReads()
    }

    /// Puts `ObjectGuard` in front of libgit2's loose-object reader before anything is read.
    private func guardObjectReads() throws(GitError) {
        try withHandle(gitDirectory, create: { git_repository_odb(&$0, pointer) }, free: git_odb_free) {
            (odb: OpaquePointer) throws(GitError) in
            var path = git_buf()
            try check(git_repository_item_path(&path, pointer, GIT_REPOSITORY_ITEM_OBJECTS), gitDirectory)
            defer { git_buf_dispose(&path) }
            try ObjectGuard.install(on: odb, objectsDirectory: String(cString: path.ptr))
        }
    }

    deinit {
        if let odbHandle { git_odb_free(odbHandle) }
        git_repository_free(pointer)
    }

    func objectDatabase() throws(GitError) -> OpaquePointer {
        if let odbHandle { return odbHandle }
        var handle: OpaquePointer?
        try check(git_repository_odb(&handle, pointer), gitDirectory)
        odbHandle = handle
        return handle!
    }

    /// Opens the repository containing `path`, searching parent directories as git does
    /// (`git_repository_open_ext`): works from a subdirectory, a linked worktree or a bare repository.
    public convenience init(discoveringFrom path: String) throws(GitError) {
        Library.ensureInitialized()
        var handle: OpaquePointer?
        let result = git_repository_open_ext(&handle, path, 0, nil)
        // libgit2 1.5 reports a repository owned by someone else as GIT_ENOTFOUND, from its failed
        // lookup of safe.directory, rather than as GIT_EOWNER.
        let ownership =
            result == GIT_EOWNER.rawValue
            || result == GIT_ENOTFOUND.rawValue && GitError.last(result, subject: nil).message.contains("safe.directory")
        if ownership {
            throw GitError(code: .owner, message: "the repository is owned by another user", subject: path, kind: .ownedByAnotherUser)
        }
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(
                code: .notFound, message: "not a git repository (or any of its parent directories)",
                subject: path, kind: .notARepository)
        }
        try check(result, path)
        try self.init(pointer: handle!)
    }

    /// Creates a new repository (`git_repository_init_ext`) whose unborn HEAD points at `initialBranch`.
    public static func create(at path: String, initialBranch: String = "main", bare: Bool = false) throws(GitError) -> Repository {
        Library.ensureInitialized()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), path)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var handle: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, path, &options)
        }
        try check(result, path)
        return try Repository(pointer: handle!)
    }

    /// The `.git` directory (or the bare repository itself), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The working tree with a trailing slash; nil for a bare repository.
    public var workingDirectory: String? { git_repository_workdir(pointer).map { String(cString: $0) } }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// True for a shallow clone (`git_repository_is_shallow`): history stops at its boundary commits.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// True before the first commit: HEAD names a branch that does not exist yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }
}

extension Repository {
    /// The directory shared by all worktrees (`git_repository_commondir`): where hooks and refs live.
    public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }
}
