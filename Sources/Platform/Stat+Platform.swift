import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Stat {
    /// When the file's content last changed, in whole seconds since 1970 (`st_mtim.tv_sec`).
    public var modificationSeconds: Int64 {
        Int64(st_mtim.tv_sec)
    }
}
