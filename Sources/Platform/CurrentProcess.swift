#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
    import MachO  // _NSGetExecutablePath
#endif

/// What this process knows about itself: its environment, its user, its executable.
public enum CurrentProcess {
    /// getenv(3).
    public static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The home directory of this process's user (getpwuid), or of `user` (getpwnam), from the
    /// password database.
    public static func homeDirectory(of user: String? = nil) -> String? {
        let entry: UnsafeMutablePointer<passwd>?
        if let user { entry = getpwnam(user) } else { entry = getpwuid(getuid()) }
        guard let entry, let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// The absolute path of the running executable: /proc/self/exe on Linux,
    /// _NSGetExecutablePath() (with its links resolved) on Darwin; nil when it cannot be read.
    public static func executablePath() -> String? {
        #if canImport(Darwin)
            var size: UInt32 = 0
            _ = _NSGetExecutablePath(nil, &size)
            var buffer = [CChar](repeating: 0, count: Int(size) + 1)
            guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
            let path = String(cString: buffer)
            return (try? FileSystem.realPath(path)) ?? path
        #else
            return try? FileSystem.linkTarget("/proc/self/exe")
        #endif
    }

    /// The environment as `NAME=value` strings, for a child that inherits it.
    static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        #if canImport(Darwin)
            return _NSGetEnviron().pointee!
        #else
            return environ
        #endif
    }
}
