import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How this layer turns a C call into Swift: a failure (-1 and errno) becomes a thrown `Errno`,
/// and EINTR is retried here, the one place for calls swift-system does not wrap; its own calls
/// get the same from their `retryOnInterrupt: true`.
enum SystemCall {
    /// Runs `call` until it returns something other than -1 with EINTR; -1 with any other errno throws.
    static func retrying<T: BinaryInteger>(_ call: () -> T) throws(Errno) -> T {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = Errno.current
            if code != .interrupted { throw code }
        }
    }

    /// swift-system's calls throw `any Error` in their signatures but only ever `Errno`.
    static func typed<T>(_ body: () throws -> T) throws(Errno) -> T {
        do {
            return try body()
        } catch let error as Errno {
            throw error
        } catch {
            throw Errno.ioError
        }
    }
}

extension Errno {
    /// errno as left by the last failed call on this thread.
    public static var current: Errno { Errno(rawValue: errno) }
}
