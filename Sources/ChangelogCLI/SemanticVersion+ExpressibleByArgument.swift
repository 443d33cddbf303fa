import ArgumentParser
import ChangelogCore

/// A version on the command line: `1.4.0`, `v1.4.0` (a tag's spelling), `2.0.0-rc.1`.
extension SemanticVersion: ExpressibleByArgument {
    public init?(argument: String) {
        guard let (version, _) = SemanticVersion.parseTag(argument) else { return nil }
        self = version
    }
}
