import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// poll(2) on a few descriptors, each for reading or for writing.
public enum Poll {
    public enum Interest: Sendable {
        case readable, writable
    }

    public struct Readiness: Sendable {
        public let descriptor: FileDescriptor
        /// Data can be read, or written without blocking.
        public let ready: Bool
        /// POLLERR / POLLHUP / POLLNVAL: the other end is gone (for a pipe being written).
        public let hungUp: Bool
    }

    /// Waits until one of `descriptors` is ready or `deadline` (`SystemClock.monotonicSeconds`; infinity:
    /// no limit) passes; an interruption by a signal waits again for the time that is left.
    /// Only descriptors with something to report are returned; none means the deadline passed.
    public static func wait(_ descriptors: [(FileDescriptor, Interest)], until deadline: Double) throws(Errno) -> [Readiness] {
        var polled = descriptors.map { descriptor, interest in
            pollfd(fd: descriptor.rawValue, events: Int16(interest == .readable ? POLLIN : POLLOUT), revents: 0)
        }
        _ = try SystemCall.retrying { () -> Int32 in
            let remaining = deadline - SystemClock.monotonicSeconds()
            if remaining <= 0 { return 0 }
            return poll(&polled, nfds_t(polled.count), timeout(remaining))
        }
        return polled.filter { $0.revents != 0 }.map { entry in
            let wanted = entry.events
            return Readiness(
                descriptor: FileDescriptor(rawValue: entry.fd), ready: entry.revents & wanted != 0,
                hungUp: entry.revents & wanted == 0)
        }
    }

    /// Milliseconds for poll(): rounded up, and -1 (for ever) for an infinite wait.
    static func timeout(_ seconds: Double) -> Int32 {
        guard seconds.isFinite else { return -1 }
        return Int32(min((seconds * 1000).rounded(.up), Double(Int32.max)))
    }
}
