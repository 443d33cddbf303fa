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

    static func warning(_ message: String) {
        var line = "changelog: warning: \(message)\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    static func note(_ message: String) {
        var line = "changelog: \(message)\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
    static var wantsColor: Bool {
        isatty(1) == 1 && getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true
    }

    /// This executable's absolute path (`/proc/self/exe` on Linux), for the hook to call back.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }

    /// "Today" for release dates: the clock in the machine's own UTC offset, or
    /// `SOURCE_DATE_EPOCH` in UTC, as reproducible builds define it.
    static func today() -> Timestamp {
        if let epoch = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), let seconds = Int64(epoch) {
            return Timestamp(secondsSince1970: seconds, offsetMinutes: 0)
        }
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return Timestamp(secondsSince1970: Int64(now), offsetMinutes: Int(local.tm_gmtoff / 60))
    }
}
