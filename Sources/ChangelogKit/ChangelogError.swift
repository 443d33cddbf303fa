import ChangelogCore
import Git

/// A failure the user can act on, printed as one line on stderr.
public struct ChangelogError: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// The exit status docs/contract.md gives this kind of failure.
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    /// A failure already explained on stderr: only its exit status is left to report.
    public static func silent(exitCode: Int32) -> ChangelogError {
        ChangelogError("", exitCode: exitCode)
    }

    init(_ error: GitError) {
        self.init(error.description)
    }

    init(_ error: ConfigurationError) {
        self.init(error.description)
    }
}

/// Runs a libgit2-backed step, turning its typed error into one the command line prints.
func git<T>(_ body: () throws(GitError) -> T) throws(ChangelogError) -> T {
    do {
        return try body()
    } catch {
        throw ChangelogError(error)
    }
}
