#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and replacing files so that a reader never sees half a file and a failure leaves the old one.
public enum AtomicFile {
    /// The file's bytes, or nil when it does not exist. Any other failure is an error naming the path.
    public static func read(_ path: String) throws(ChangelogError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw ChangelogError("cannot read \(path): \(describe(errno)); check that it is a readable file")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ChangelogError("cannot read \(path): \(describe(errno)); check that it is a readable file")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Checks, before any work is done, that `path` can be replaced: an existing file must be
    /// writable, and its directory must exist and accept new files.
    public static func checkWritable(_ path: String) throws(ChangelogError) {
        let target = resolvingSymlinks(path)
        if access(target, F_OK) == 0 && access(target, W_OK) != 0 {
            throw ChangelogError("cannot write \(path): \(describe(errno)); make it writable (chmod u+w) or write elsewhere with -o")
        }
        let directory = directoryName(target)
        if access(directory, W_OK | X_OK) != 0 {
            throw ChangelogError("cannot write \(path): its directory \(directory) is not writable (\(describe(errno)))")
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, flushes it, gives it the old file's
    /// permissions, and renames it over `path`: the file is either all old or all new.
    /// A symbolic link is followed, so the link stays a link.
    /// `mode`, when given, sets the permissions; otherwise an existing file keeps its own.
    public static func write(_ bytes: [UInt8], to path: String, mode newMode: mode_t? = nil) throws(ChangelogError) {
        let target = resolvingSymlinks(path)
        var info = stat()
        let existingMode: mode_t? = stat(target, &info) == 0 ? info.st_mode & 0o7777 : nil
        var template = Array((directoryName(target) + "/.changelog-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ChangelogError("cannot write \(path): \(describe(errno)) creating a temporary file in \(directoryName(target))")
        }
        let temporary = String(cString: template)
        var failure: ChangelogError?
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = ChangelogError("cannot write \(path): \(describe(errno))")
                break
            }
            offset += written
        }
        let mode = newMode ?? existingMode ?? (0o666 & ~currentUmask())
        if failure == nil && fchmod(descriptor, mode) != 0 { failure = ChangelogError("cannot set permissions on \(path): \(describe(errno))") }
        if failure == nil && fsync(descriptor) != 0 { failure = ChangelogError("cannot write \(path): \(describe(errno)) while flushing") }
        close(descriptor)
        if failure == nil && rename(temporary, target) != 0 { failure = ChangelogError("cannot replace \(path): \(describe(errno))") }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Removes a file (`unlink`); one that is already gone is not an error.
    public static func remove(_ path: String) throws(ChangelogError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw ChangelogError("cannot remove \(path): \(describe(errno))")
        }
    }

    private static func resolvingSymlinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
