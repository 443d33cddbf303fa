import Clibgit2

/// libgit2's global state, set up once per process before the first repository is opened.
enum Library {
    /// `git_libgit2_init` must run before any other call; a lazily initialised global runs it exactly once, thread-safely.
    private static let initialized: Void = {
        git_libgit2_init()
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
