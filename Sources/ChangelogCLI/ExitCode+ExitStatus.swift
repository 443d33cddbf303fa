import ArgumentParser
import ChangelogCore

extension ExitCode {
    /// The status docs/contract.md names, as ArgumentParser's exit code.
    init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
