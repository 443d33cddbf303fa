import Platform
import SystemPackage

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
    let descriptor: FileDescriptor

    static let staleAge = 2

    /// Creates and flocks `<target>.lock`; `displayName` is the path as the user gave it.
    static func acquire(for target: String, displayName: String, removingStale: Bool) throws(ChangelogError) -> FileLock {
        let path = target + ".lock"
        for _ in 0..<3 {
            let descriptor: FileDescriptor
            do throws(Errno) {
                descriptor = try FileDescriptor.open(
                    path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec],
                    permissions: FilePermissions(rawValue: 0o666))
            } catch {
                guard error == .fileExists else {
                    throw ChangelogError("cannot write \(displayName): \(AtomicFile.describe(error)) creating its lock file \(path)")
                }
                guard removingStale, removeIfStale(path) else { break }
                continue
            }
            // Another run may hold the flock for an instant while it checks whether this file is
            // stale (it is not: it is new); wait that instant out, boundedly.
            var attempts = 0
            while true {
                let locked: Bool?
                do throws(Errno) { locked = try descriptor.tryLockExclusively() } catch { locked = nil }
                if locked == true { break }
                attempts += 1
                // Held by another past the bound, or flock itself failed.
                if attempts > 2_000 || locked == nil {
                    descriptor.closeQuietly()
                    try? FileSystem.remove(path)
                    throw busy(path, displayName: displayName)
                }
                SystemClock.pause(seconds: 0.001)
            }
            return FileLock(path: path, descriptor: descriptor)
        }
        throw busy(path, displayName: displayName)
    }

    private static func busy(_ path: String, displayName: String) -> ChangelogError {
        ChangelogError(
            "cannot write \(displayName): \(path) exists, so another changelog run is writing it; "
                + "run again when it is done, or remove \(path) if no other run is going on")
    }

    /// Removes the lock file at `path` when it is provably stale; true when the path may be free now.
    private static func removeIfStale(_ path: String) -> Bool {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .noFollow, .nonBlocking])
        } catch {
            return error == .noSuchFileOrDirectory
        }
        defer { descriptor.closeQuietly() }
        guard (try? descriptor.tryLockExclusively()) == true else { return false }
        guard let locked = try? descriptor.status(), locked.type == .regular else { return false }
        let named: Stat
        do throws(Errno) {
            named = try FileSystem.status(path, followingLinks: false)
        } catch {
            return error == .noSuchFileOrDirectory
        }
        // Another run removed the stale file and made a fresh lock meanwhile: try that one.
        guard named.deviceID == locked.deviceID && named.inode == locked.inode else { return true }
        guard SystemClock.wallTime().secondsSince1970 - locked.modificationSeconds > staleAge else { return false }
        do throws(Errno) {
            try FileSystem.remove(path)
            return true
        } catch {
            return error == .noSuchFileOrDirectory
        }
    }

    /// A temporary file beside `target` (`.changelog-XXXXXX`) that stages the new content like a
    /// lock file but locks nothing, for writers that must not wait for git's own lock (a rollback
    /// that puts the index back while another process holds index.lock).
    static func temporary(for target: String, displayName: String) throws(ChangelogError) -> FileLock {
        let directory = target.lastIndex(of: "/").map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        do throws(Errno) {
            let file = try FileSystem.makeTemporaryFile(prefix: directory + "/.changelog-")
            return FileLock(path: file.path, descriptor: file.descriptor)
        } catch {
            throw ChangelogError("cannot write \(displayName): \(AtomicFile.describe(error)) creating a temporary file in \(directory)")
        }
    }

    /// Renames the lock file over `target`; the flock goes with the descriptor.
    func commit(to target: String, displayName: String) throws(ChangelogError) {
        do throws(Errno) {
            try FileSystem.rename(path, to: target)
        } catch {
            release()
            throw ChangelogError("cannot replace \(displayName): \(AtomicFile.describe(error))")
        }
        descriptor.closeQuietly()
    }

    /// Removes the lock file, leaving the target as it was.
    func release() {
        try? FileSystem.remove(path)
        descriptor.closeQuietly()
    }
}
