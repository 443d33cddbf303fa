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

/// The usage error of a revision option given as an empty string (`--to ""`, as an unset CI
/// variable makes it), which would otherwise silently mean nothing or HEAD.
func emptyRevision(_ option: String) -> String {
    "\(option) needs a revision, e.g. HEAD, a branch or a tag; an empty one names nothing"
}
