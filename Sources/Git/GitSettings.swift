import Clibgit2

/// Process-wide libgit2 settings a command sets before it opens a repository.
public enum GitSettings {
    /// libgit2 refuses repositories owned by another user (GIT_EOWNER), as git does without
    /// `safe.directory`. CI containers run as root over a checkout owned by someone else, so a user
    /// who names the repository explicitly must be able to turn the check off
    /// (`git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION)`).
    public static func setOwnerValidation(_ enabled: Bool) {
        Library.ensureInitialized()
        _ = changelog_git_set_owner_validation(enabled ? 1 : 0)
    }

    /// Turns libgit2's object cache on or off (`GIT_OPT_ENABLE_CACHING`).
    public static func setObjectCaching(_ enabled: Bool) {
        Library.ensureInitialized()
        _ = changelog_git_enable_caching(enabled ? 1 : 0)
    }

    /// Keeps only trees of at most `treeLimit` bytes in libgit2's object cache, `maxSize` bytes in
    /// all (`GIT_OPT_SET_CACHE_OBJECT_LIMIT`, `GIT_OPT_SET_CACHE_MAX_SIZE`): walks read each commit
    /// once, where caching only costs, but diffs of neighbouring commits read the same subtrees, which
    /// an aggressively packed repository stores as long delta chains.
    public static func cacheTreesOnly(treeLimit: Int, maxSize: Int) {
        Library.ensureInitialized()
        _ = changelog_git_enable_caching(1)
        for type in [GIT_OBJECT_COMMIT, GIT_OBJECT_BLOB, GIT_OBJECT_TAG] { _ = changelog_git_set_cache_object_limit(type, 0) }
        _ = changelog_git_set_cache_object_limit(GIT_OBJECT_TREE, treeLimit)
        _ = changelog_git_set_cache_max_size(maxSize)
    }

    /// Turns libgit2's check of every object it reads against its id on or off
    /// (`GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION`). git does not check on reads either (only
    /// `git fsck` does); the check is SHA-1 with collision detection over every byte read.
    public static func setStrictHashVerification(_ enabled: Bool) {
        Library.ensureInitialized()
        _ = changelog_git_enable_strict_hash_verification(enabled ? 1 : 0)
    }

    /// Makes libgit2 flush every object, reference and index it writes to disk before it returns
    /// (`GIT_OPT_ENABLE_FSYNC_GITDIR`, git's `core.fsync`): a release journal that names an object
    /// must never survive a power loss that the object itself did not.
    public static func setFsync(_ enabled: Bool) {
        Library.ensureInitialized()
        _ = changelog_git_enable_fsync(enabled ? 1 : 0)
    }

    /// Points libgit2's global, XDG and system configuration lookups at `path` (`GIT_OPT_SET_SEARCH_PATH`),
    /// so tests never read the machine's own git configuration.
    public static func setConfigSearchPath(_ path: String) {
        Library.ensureInitialized()
        for level in [GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM] {
            _ = changelog_git_set_search_path(level.rawValue, path)
        }
    }
}
