import ChangelogCore
import Platform
import SystemPackage

/// stdout for results, stderr for diagnostics, written without buffering surprises.
enum Terminal {
    /// A result on stdout; a reader that went away (a closed pipe) ends the writing quietly.
    static func write(_ text: String) {
        try? FileDescriptor.standardOutput.writeEverything(Array(text.utf8))
    }

    static func error(_ message: String) {
        diagnose("changelog: error: \(message)\n")
    }

    static func warning(_ message: String) {
        diagnose("changelog: warning: \(message)\n")
    }

    static func note(_ message: String) {
        diagnose("changelog: \(message)\n")
    }

    private static func diagnose(_ line: String) {
        try? FileDescriptor.standardError.writeEverything(Array(line.utf8))
    }

    /// Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
    static var wantsColor: Bool {
        FileDescriptor.standardOutput.isTerminal && CurrentProcess.environmentValue("NO_COLOR").map(\.isEmpty) ?? true
    }

    /// This executable's absolute path, for the hook to call back.
    static var executablePath: String {
        CurrentProcess.executablePath() ?? CommandLine.arguments[0]
    }

    /// "Today" for release dates: the clock in the machine's own UTC offset, or
    /// `SOURCE_DATE_EPOCH` in UTC, as reproducible builds define it.
    static func today() -> Timestamp {
        if let epoch = CurrentProcess.environmentValue("SOURCE_DATE_EPOCH"), let seconds = Int64(epoch) {
            return Timestamp(secondsSince1970: seconds, offsetMinutes: 0)
        }
        let now = SystemClock.wallTime()
        return Timestamp(secondsSince1970: now.secondsSince1970, offsetMinutes: now.offsetMinutes)
    }
}
