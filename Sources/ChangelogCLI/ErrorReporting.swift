import ArgumentParser
import ChangelogCore
import ChangelogKit

/// Runs a command body, printing a `ChangelogError` as one line on stderr with its exit status.
func reportingErrors(_ body: () throws(ChangelogError) -> Void) throws {
    do {
        try body()
    } catch {
        if !error.message.isEmpty { Terminal.error(error.message) }
        throw ExitCode(error.exitCode)
    }
}
