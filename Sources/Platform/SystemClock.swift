#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Time as the tool reads and waits for it.
public enum SystemClock {
    /// Seconds on CLOCK_MONOTONIC, so a change of the wall clock cannot stretch or cut a timeout.
    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    /// Sleeps for `seconds` (nanosleep); a signal may cut it short, which every caller tolerates
    /// since each waits in a loop that looks again.
    public static func pause(seconds: Double) {
        let whole = seconds.rounded(.down)
        var pause = timespec(tv_sec: time_t(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000))
        nanosleep(&pause, nil)
    }

    /// Seconds since 1970 and the machine's UTC offset now, in minutes (localtime_r's tm_gmtoff).
    public static func wallTime() -> (secondsSince1970: Int64, offsetMinutes: Int) {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return (Int64(now), Int(local.tm_gmtoff / 60))
    }
}
