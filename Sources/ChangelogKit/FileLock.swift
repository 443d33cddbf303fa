#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// git's `<file>.lock` convention: whoever creates `<target>.lock` (O_CREAT|O_EXCL) owns the target
/// until the lock is renamed over it (the new content is written into the lock file itself) or
/// removed. A run that finds the lock refuses at once instead of waiting.
///
/// A lock left by a killed process must not block every later run, yet a live one must never be
/// taken away. So the owner also holds an flock() on the lock file for as long as it exists: the
/// kernel drops it when the process dies, however it dies. A lock file is provably stale when
/// nobody holds its flock and it was last modified more than `staleAge` ago. The age covers the
/// instant between the owner's O_EXCL create and its flock(), and lock files made by tools that do
/// not flock (git's own) while they are young; callers that may meet a long-lived lock of such a
/// tool (git's index.lock) do not remove stale locks at all.
///
/// Removing a stale lock is done holding its flock, after checking that the path still names the
/// very file that is locked: two runs cleaning up at once cannot both unlink, and neither can
/// unlink a fresh lock another run created after the stale one was gone.
struct FileLock {
    /// `<target>.lock`.
    let path: String
    let descriptor: Int32

    static let staleAge: time_t = 2

    /// Creates and flocks `<target>.lock`; `displayName` is the path as the user gave it.
    static func acquire(for target: String, displayName: String, removingStale: Bool) throws(ChangelogError) -> FileLock {
        let path = target + ".lock"
        for _ in 0..<3 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                // Another run may hold the flock for an instant while it checks whether this file is
                // stale (it is not: it is new); wait that instant out, boundedly.
                var attempts = 0
                while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                    attempts += 1
                    if attempts > 2_000 || (errno != EWOULDBLOCK && errno != EINTR) {
                        close(descriptor)
                        unlink(path)
                        throw busy(path, displayName: displayName)
                    }
                    var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
                    nanosleep(&pause, nil)
                }
                return FileLock(path: path, descriptor: descriptor)
            }
            guard errno == EEXIST else {
                throw ChangelogError("cannot write \(displayName): \(AtomicFile.describe(errno)) creating its lock file \(path)")
            }
            guard removingStale, removeIfStale(path) else { break }
        }
        throw busy(path, displayName: displayName)
    }

    private static func busy(_ path: String, displayName: String) -> ChangelogError {
        ChangelogError("cannot write \(displayName): \(path) exists, so another changelog run is writing it; "
            + "run again when it is done, or remove \(path) if no other run is going on")
    }

    /// Removes the lock file at `path` when it is provably stale; true when the path may be free now.
    private static func removeIfStale(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if descriptor < 0 { return errno == ENOENT }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        var locked = stat()
        var named = stat()
        guard fstat(descriptor, &locked) == 0, (locked.st_mode & S_IFMT) == S_IFREG else { return false }
        guard lstat(path, &named) == 0 else { return errno == ENOENT }
        // Another run removed the stale file and made a fresh lock meanwhile: try that one.
        guard named.st_dev == locked.st_dev && named.st_ino == locked.st_ino else { return true }
        guard time(nil) - locked.st_mtim.tv_sec > staleAge else { return false }
        return unlink(path) == 0 || errno == ENOENT
    }

    /// A temporary file beside `target` (`.changelog-XXXXXX`) that stages the new content like a
    /// lock file but locks nothing, for writers that must not wait for git's own lock (a rollback
    /// that puts the index back while another process holds index.lock).
    static func temporary(for target: String, displayName: String) throws(ChangelogError) -> FileLock {
        let directory = target.lastIndex(of: "/").map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        var template = Array((directory + "/.changelog-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ChangelogError("cannot write \(displayName): \(AtomicFile.describe(errno)) creating a temporary file in \(directory)")
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return FileLock(path: String(cString: template), descriptor: descriptor)
    }

    /// Renames the lock file over `target`; the flock goes with the descriptor.
    func commit(to target: String, displayName: String) throws(ChangelogError) {
        if rename(path, target) != 0 {
            let code = errno
            release()
            throw ChangelogError("cannot replace \(displayName): \(AtomicFile.describe(code))")
        }
        close(descriptor)
    }

    /// Removes the lock file, leaving the target as it was.
    func release() {
        unlink(path)
        close(descriptor)
    }
}
