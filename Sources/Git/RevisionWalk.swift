import Clibgit2

/// A walk over `git rev-list` ranges (`git_revwalk`), owned and freed here.
public final class RevisionWalk {
    private let pointer: OpaquePointer
    private let repository: Repository

    /// A walk in git log's default order: newest commit time first.
    public init(_ repository: Repository) throws(GitError) {
        var handle: OpaquePointer?
        try check(git_revwalk_new(&handle, repository.pointer), repository.gitDirectory)
        pointer = handle!
        self.repository = repository
        git_revwalk_sorting(pointer, GIT_SORT_TIME.rawValue)
    }

    private var hideCallback: Unmanaged<HideCallback>?

    deinit {
        git_revwalk_free(pointer)
        hideCallback?.release()
    }

    /// Includes `id` and its ancestors (`git_revwalk_push`).
    public func push(_ id: ObjectID) throws(GitError) {
        var oid = id.oid
        try check(git_revwalk_push(pointer, &oid), id.hex)
    }

    /// Excludes `id` and its ancestors (`git_revwalk_hide`), as `^id` does for git rev-list.
    public func hide(_ id: ObjectID) throws(GitError) {
        var oid = id.oid
        try check(git_revwalk_hide(pointer, &oid), id.hex)
    }

    /// Hides every commit for which `shouldHide` answers true, with all its ancestors
    /// (`git_revwalk_add_hide_cb`). libgit2 asks only about commits not already hidden, so the
    /// commits it hides this way are the walk's frontier: `describe` without walking past a tag.
    public func hide(where shouldHide: @escaping (ObjectID) -> Bool) throws(GitError) {
        let box = Unmanaged.passRetained(HideCallback(shouldHide))
        hideCallback?.release()
        hideCallback = box
        try check(git_revwalk_add_hide_cb(pointer, { oid, payload in
            guard let oid, let payload else { return 0 }
            let callback = Unmanaged<HideCallback>.fromOpaque(payload).takeUnretainedValue()
            return callback.body(ObjectID(oid)) ? 1 : 0
        }, box.toOpaque()), repository.gitDirectory)
    }

    /// The next commit id (`git_revwalk_next`), nil at the end.
    public func next() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_revwalk_next(&oid, pointer)
        if result == GIT_ITEROVER.rawValue { return nil }
        if result == GIT_ENOTFOUND.rawValue && repository.isShallow {
            throw GitError(code: .shallow, message: "history is cut off in this shallow clone; run `git fetch --unshallow --tags` (in CI: fetch-depth: 0)", subject: repository.gitDirectory)
        }
        try check(result, repository.gitDirectory)
        return ObjectID(oid)
    }
}

private final class HideCallback {
    let body: (ObjectID) -> Bool
    init(_ body: @escaping (ObjectID) -> Bool) { self.body = body }
}
