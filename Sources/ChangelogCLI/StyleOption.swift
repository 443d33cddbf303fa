import ArgumentParser
import ChangelogCore
import ChangelogKit

/// `--style`, for every command that writes changelog Markdown.
///
/// Read as text, not as `ChangelogStyle`: an unknown style is a configuration mistake like one in
/// the file, reported in one line with exit status 2, not as a usage error.
struct StyleOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How sections look: default, clog, keep-a-changelog or conventional (default: [changelog] style).", valueName: "style"))
    var style: String?

    /// The style asked for; nil leaves the choice to the configuration.
    func chosen() throws(ChangelogError) -> ChangelogStyle? {
        guard let style else { return nil }
        guard let known = ChangelogStyle(rawValue: style.lowercased()) else {
            throw ChangelogError("unknown style '\(style)'; use one of \(ChangelogStyle.names)")
        }
        return known
    }

    /// The style to write in: `--style`, else the configuration's, else `default`.
    func resolved(_ configuration: Configuration) throws(ChangelogError) -> ChangelogStyle {
        try chosen() ?? configuration.style ?? .default
    }
}
