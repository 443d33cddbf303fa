import ArgumentParser
import ChangelogCore

/// `-T`: `md` is accepted for markdown, as clog spells it.
extension OutputFormat: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "markdown", "md": self = .markdown
        case "json": self = .json
        default: return nil
        }
    }
}
