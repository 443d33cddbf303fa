#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process id (pid_t).
public struct ProcessID: RawRepresentable, Hashable, Sendable {
    public let rawValue: pid_t
    public init(rawValue: pid_t) { self.rawValue = rawValue }

    /// getpid(2).
    public static var current: ProcessID { ProcessID(rawValue: getpid()) }
}
