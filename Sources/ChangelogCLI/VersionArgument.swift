import ArgumentParser
import ChangelogCore

/// A version option or argument, parsed once when the command line is.
///
/// It is not `SemanticVersion` itself because ArgumentParser reports a value its type rejects as
/// "The value '1.4' is invalid for '<version>'", before `validate()` runs: this way the usage error
/// says how to write a version, and the commands' other checks keep coming first.
struct VersionArgument: ExpressibleByArgument, Equatable {
    /// As the user typed it.
    var text: String
    /// nil when `text` is not a semantic version; `validate()` rejects it before `run()`.
    var version: SemanticVersion?

    init(argument: String) {
        text = argument
        version = SemanticVersion(argument: argument)
    }

    /// The version, or the usage error that says how to write one.
    func validated() throws(ValidationError) -> SemanticVersion {
        guard let version else {
            throw ValidationError("'\(text)' is not a semantic version; write it as MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1")
        }
        return version
    }
}
