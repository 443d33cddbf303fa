import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calls on paths. Each takes the path byte for byte as given (see `FileDescriptor.open`) and
/// throws the call's `Errno`, EINTR retried.
public enum FileSystem {
    /// stat(2), or lstat(2) when `followingLinks` is false.
    public static func status(_ path: String, followingLinks: Bool = true) throws(Errno) -> Stat {
        let result = path.withCString { pointer in
            Result { () throws(Errno) -> Stat in try Stat(pointer, followTargetSymlink: followingLinks) }
        }
        return try result.get()
    }

    /// rename(2): atomic within a file system.
    public static func rename(_ source: String, to destination: String) throws(Errno) {
        _ = try SystemCall.retrying { systemRename(source, destination) }
    }

    /// unlink(2).
    public static func remove(_ path: String) throws(Errno) {
        _ = try SystemCall.retrying { unlink(path) }
    }

    /// mkdir(2).
    public static func makeDirectory(_ path: String, permissions: FilePermissions) throws(Errno) {
        _ = try SystemCall.retrying { mkdir(path, permissions.rawValue) }
    }

    /// rmdir(2).
    public static func removeDirectory(_ path: String) throws(Errno) {
        _ = try SystemCall.retrying { rmdir(path) }
    }

    /// What access(2) checks, with the real user's permissions.
    public struct Access: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let write = Access(rawValue: W_OK)
        public static let search = Access(rawValue: X_OK)
    }

    /// access(2): throws why `path` cannot be used so; an empty `access` only checks it exists.
    public static func check(_ path: String, allows access: Access = []) throws(Errno) {
        _ = try SystemCall.retrying { systemAccess(path, access.isEmpty ? F_OK : access.rawValue) }
    }

    /// Throws why the existing file at `path` must not be overwritten: access(2) denies writing it,
    /// or nobody may (no write bit), which access(2) lets root ignore: such a file was made
    /// read-only on purpose.
    public static func checkWritableFile(_ path: String) throws(Errno) {
        try check(path, allows: .write)
        if try status(path).permissions.rawValue & 0o222 == 0 { throw Errno.permissionDenied }
    }

    /// Whether something (a dangling link included) is at `path`.
    public static func exists(_ path: String) -> Bool {
        (try? check(path)) != nil
    }

    /// readlink(2): the target of the symbolic link `path`, as written in it.
    public static func linkTarget(_ path: String) throws(Errno) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = try SystemCall.retrying { readlink(path, &buffer, buffer.count - 1) }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// realpath(3): absolute, without `.`, `..` or symbolic links; the path must exist.
    public static func realPath(_ path: String) throws(Errno) -> String {
        guard let resolved = realpath(path, nil) else { throw Errno.current }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a directory, without `.` and `..`, in the order readdir(3) gives them; nil
    /// when it cannot be opened.
    public static func entries(of path: String) -> [String]? {
        guard let stream = opendir(path) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// mkstemp(3) on `prefix` + `XXXXXX`: a new file, mode 0600, opened read-write and
    /// close-on-exec, and its path.
    public static func makeTemporaryFile(prefix: String) throws(Errno) -> (descriptor: FileDescriptor, path: String) {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let number = try SystemCall.retrying { template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) } }
        let descriptor = FileDescriptor(rawValue: number)
        try? descriptor.setCloseOnExec()
        return (descriptor, template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// The process's umask, which a new file's permissions are cut by. Reading it means setting
    /// it for an instant, as umask(2) offers no other way.
    public static func creationMask() -> FilePermissions {
        let mask = umask(0)
        umask(mask)
        return FilePermissions(rawValue: mask)
    }

    /// fnmatch(3) without flags: a shell glob against one name.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}

// The C functions whose names this type's own methods shadow.
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
private func systemAccess(_ path: String, _ mode: Int32) -> Int32 { access(path, mode) }
