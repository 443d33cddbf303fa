#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One release at a time per repository: `changelog-release.lock` in the git directory, created
/// with O_EXCL as git creates its own locks, and held with flock(2) for as long as the process
/// lives. The kernel drops the flock when its holder dies, even by SIGKILL, so a lock file nobody
/// holds is a stale one and is taken over instead of blocking releases until someone removes it.
final class ReleaseLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock, or fails at once (never waits) when another release holds it.
    init(gitDirectory: String) throws(ChangelogError) {
        path = gitDirectory + "changelog-release.lock"
        // A few attempts: the file can vanish or be replaced between open and flock when the
        // holder finishes at that very moment.
        for _ in 0..<5 {
            var descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            let created = descriptor >= 0
            if !created {
                guard errno == EEXIST else {
                    throw ChangelogError("cannot create \(path): \(AtomicFile.describe(errno)); check that the git directory is writable")
                }
                descriptor = open(path, O_RDWR | O_CLOEXEC)
                if descriptor < 0 {
                    if errno == ENOENT { continue }
                    throw ChangelogError("cannot open \(path): \(AtomicFile.describe(errno)); check that the git directory is writable")
                }
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                // Without flock (some network file systems) a file we created is still ours.
                if !(created && code != EWOULDBLOCK) {
                    let holder = Self.holder(descriptor)
                    close(descriptor)
                    let process = holder.map { " (process \($0))" } ?? ""
                    throw ChangelogError("another changelog release is running in this repository\(process); "
                                         + "wait for it to finish, then run the command again")
                }
            }
            var opened = stat(), current = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &current) == 0,
                  opened.st_ino == current.st_ino, opened.st_dev == current.st_dev else {
                close(descriptor)
                continue
            }
            var text = Array("\(getpid())\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = pwrite(descriptor, &text, text.count, 0)
            self.descriptor = descriptor
            return
        }
        throw ChangelogError("another changelog release is running in this repository; wait for it to finish, then run the command again")
    }

    /// Removes the file before letting go of the flock, so nobody can take over a removed file.
    func release() {
        unlink(path)
        close(descriptor)
    }

    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let digits = String(decoding: buffer[0..<count].prefix(while: { $0 >= 48 && $0 <= 57 }), as: UTF8.self)
        return Int32(digits).map(String.init)
    }
}
