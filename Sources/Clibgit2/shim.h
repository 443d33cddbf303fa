#ifndef CHANGELOG_CLIBGIT2_SHIM_H
#define CHANGELOG_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/commit.h>
#include <zlib.h>

/* An object database backend with room for its owner's state after libgit2's part, which must come
   first: libgit2 hands the callbacks a pointer to `parent`. */
typedef struct {
    git_odb_backend parent;
    void *context;
} changelog_odb_backend;

/* inflateInit is a macro over inflateInit_, which Swift cannot expand. */
static inline int changelog_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

/* git_libgit2_opts is variadic, which Swift cannot call: these wrappers give it fixed signatures. */

/* Turns off the repository ownership check (GIT_EOWNER), as git's safe.directory=* would. */
static inline int changelog_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

static inline int changelog_git_enable_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

/* The largest object of one type the cache keeps (GIT_OPT_SET_CACHE_OBJECT_LIMIT); 0 keeps none. */
static inline int changelog_git_set_cache_object_limit(git_object_t type, size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/* The most the cache holds in all (GIT_OPT_SET_CACHE_MAX_SIZE). */
static inline int changelog_git_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

/* Turns off hashing every object read to check it against its id (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION). */
static inline int changelog_git_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Makes libgit2 fsync objects, references and the index it writes (GIT_OPT_ENABLE_FSYNC_GITDIR). */
static inline int changelog_git_enable_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

static inline int changelog_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

#endif
