import ChangelogKit
import Platform
import SystemPackage

/// One line on stderr that a long run redraws in place (`\r`, then erase to the end of the line),
/// and erases when done, so nothing of it stays in the scrollback or reaches stdout.
final class ProgressLine {
    private var lastShown: (done: Int, total: Int)?
    private var drawn = false

    /// A reporter when `ProgressPolicy` allows one here, else nil.
    static func forThisProcess() -> ProgressLine? {
        let show = ProgressPolicy.shows(
            stderrIsTerminal: FileDescriptor.standardError.isTerminal, environment: CurrentProcess.environmentValue)
        return show ? ProgressLine() : nil
    }

    func report(_ event: Generate.Progress) {
        switch event {
        case .readingHistory:
            draw("changelog: reading the history…")
        case .rendered(let done, let total):
            // Redrawn at each whole percent: a 2,000-release history is 100 writes, not 2,000.
            let percent = total == 0 ? 100 : done * 100 / total
            if let last = lastShown, last.total == total, last.done * 100 / max(total, 1) == percent, done != total { return }
            lastShown = (done, total)
            draw("changelog: rendering releases \(done)/\(total) (\(percent)%)")
        case .finished:
            clear()
        }
    }

    /// Erases the line, before a result goes to stdout on the same terminal.
    func clear() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func draw(_ text: String) {
        write("\r\u{1B}[K" + text)
        drawn = true
    }

    private func write(_ text: String) {
        try? FileDescriptor.standardError.writeEverything(Array(text.utf8))
    }
}
