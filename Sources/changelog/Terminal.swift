#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChangelogCore

/// stdout for results, stderr for diagnostics, written without buffering surprises.
enum Terminal {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    static func error(_ message: String) {
        var line = "changelog: error: \(message)\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    static func note(_ message: String) {
        var line = "changelog: \(message)\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// "Today" for release dates: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the
    /// clock, in the machine's own UTC offset.
    static func today() -> Timestamp {
        var now = time(nil)
        if let epoch = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let seconds = Int(epoch) {
            now = time_t(seconds)
        }
        var local = tm()
        localtime_r(&now, &local)
        return Timestamp(secondsSince1970: Int64(now), offsetMinutes: Int(local.tm_gmtoff / 60))
    }
}
