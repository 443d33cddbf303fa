import Platform
import SystemPackage

/// One release at a time per repository: `changelog-release.lock` in the git directory, created
/// with O_EXCL as git creates its own locks, and held with flock(2) for as long as the process
/// lives. The kernel drops the flock when its holder dies, even by SIGKILL, so a lock file nobody
/// holds is a stale one and is taken over instead of blocking releases until someone removes it.
final class ReleaseLock {
    let path: String
    private let descriptor: FileDescriptor

    /// Takes the lock, or fails at once (never waits) when another release holds it.
    init(gitDirectory: String) throws(ChangelogError) {
        path = gitDirectory + "changelog-release.lock"
        // A few attempts: the file can vanish or be replaced between open and flock when the
        // holder finishes at that very moment.
        for _ in 0..<5 {
            let descriptor: FileDescriptor
            var created = true
            do throws(Errno) {
                descriptor = try FileDescriptor.open(
                    path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec],
                    permissions: FilePermissions(rawValue: 0o644))
            } catch {
                guard error == .fileExists else {
                    throw ChangelogError("cannot create \(path): \(AtomicFile.describe(error)); check that the git directory is writable")
                }
                created = false
                do throws(Errno) {
                    descriptor = try FileDescriptor.open(path, .readWrite, options: .closeOnExec)
                } catch {
                    if error == .noSuchFileOrDirectory { continue }
                    throw ChangelogError("cannot open \(path): \(AtomicFile.describe(error)); check that the git directory is writable")
                }
            }
            let locked: Bool
            do throws(Errno) {
                locked = try descriptor.tryLockExclusively()
            } catch {
                // Without flock (some network file systems) a file we created is still ours.
                locked = created
            }
            if !locked {
                let holder = Self.holder(descriptor)
                descriptor.closeQuietly()
                let process = holder.map { " (process \($0))" } ?? ""
                throw ChangelogError(
                    "another changelog release is running in this repository\(process); "
                        + "wait for it to finish, then run the command again")
            }
            guard let opened = try? descriptor.status(), let current = try? FileSystem.status(path),
                opened.inode == current.inode, opened.deviceID == current.deviceID
            else {
                descriptor.closeQuietly()
                continue
            }
            try? descriptor.truncate(to: 0)
            try? descriptor.writeEverything(Array("\(ProcessID.current.rawValue)\n".utf8), atOffset: 0)
            self.descriptor = descriptor
            return
        }
        throw ChangelogError("another changelog release is running in this repository; wait for it to finish, then run the command again")
    }

    /// Removes the file before letting go of the flock, so nobody can take over a removed file.
    func release() {
        try? FileSystem.remove(path)
        descriptor.closeQuietly()
    }

    private static func holder(_ descriptor: FileDescriptor) -> String? {
        guard let bytes = try? descriptor.read(count: 32, atOffset: 0), !bytes.isEmpty else { return nil }
        let digits = String(decoding: bytes.prefix(while: { $0 >= 48 && $0 <= 57 }), as: UTF8.self)
        return Int32(digits).map(String.init)
    }
}
