/// The settings read from `.changelog.toml` (or, for clog users, `.clog.toml`).
///
/// Every setting is optional: nil means "not set in the file", so the caller can layer command-line
/// options over the file and defaults under it. Parsing is strict: an unknown table or key, a wrong
/// type or an unknown value is a `ConfigurationError` that names the file and the dotted key.
public struct Configuration: Sendable, Equatable {
    /// `repository`: the forge URL used for commit, issue and compare links.
    public var repositoryURL: String?
    /// `link-style`: github, gitlab, stash or cgit.
    public var linkStyle: LinkStyle?
    /// `changelog`: a file updated in place (like `-C`).
    public var changelog: String?
    /// `outfile`: where the changelog is written.
    public var outfile: String?
    /// `infile`: an earlier changelog appended after the new section.
    public var infile: String?
    /// `from-latest-tag`.
    public var fromLatestTag: Bool?
    /// `subtitle`: a constant release title; an empty string counts as unset.
    public var subtitle: String?
    /// `output-format`: markdown (clog's `md` is accepted too) or json.
    public var outputFormat: OutputFormat?
    /// `tag-prefix` (`.changelog.toml` only): `"v"` or `""`.
    public var tagPrefix: String?
    /// `[sections]`: `Title = ["alias", ...]`, in file order.
    public var sections: [SectionAliases]
    /// `[components]`: `DisplayName = ["scope", ...]`, in file order.
    public var components: [SectionAliases]

    public init() {
        sections = []
        components = []
    }

    /// Which file the text came from; it decides the name of the settings table and its keys.
    public enum Flavor: Sendable {
        /// `.changelog.toml`: settings under `[changelog]`.
        case changelog
        /// `.clog.toml`: settings under `[clog]`, as clog wrote them (no `tag-prefix`; enum values
        /// are case-insensitive, as clog read them).
        case clog

        var settingsTable: String {
            switch self {
            case .changelog: "changelog"
            case .clog: "clog"
            }
        }
    }

    /// Parses the text of a configuration file. `file` is the name shown in error messages.
    /// An empty file (or one with only comments) gives the default `Configuration()`.
    public static func parse(_ text: String, file: String, flavor: Flavor) throws(ConfigurationError) -> Configuration {
        let document = try TOMLDocument(text, file: file)
        var root = document.rootReader()
        var configuration = Configuration()

        let settingsName = flavor.settingsTable
        if var settings = try root.table(settingsName) {
            let caseInsensitive = flavor == .clog
            configuration.repositoryURL = try settings.string("repository", allowEmpty: false)
            configuration.linkStyle = try settings.choice(
                "link-style", LinkStyle.allCases.map { ($0.rawValue, $0) }, caseInsensitive: caseInsensitive)
            configuration.changelog = try settings.string("changelog", allowEmpty: false)
            configuration.outfile = try settings.string("outfile", allowEmpty: false)
            configuration.infile = try settings.string("infile", allowEmpty: false)
            configuration.fromLatestTag = try settings.bool("from-latest-tag")
            configuration.subtitle = try settings.string("subtitle").flatMap { $0.isEmpty ? nil : $0 }
            configuration.outputFormat = try settings.choice(
                "output-format", OutputFormat.allCases.map { ($0.rawValue, $0) },
                aliases: [("md", .markdown)], caseInsensitive: caseInsensitive)
            if flavor == .changelog {
                configuration.tagPrefix = try settings.choice("tag-prefix", [("v", "v"), ("", "")])
            }
            try settings.finish { key in
                switch (flavor, key) {
                case (.clog, "git-dir"), (.clog, "git-work-tree"):
                    "clog's '\(key)' is not supported; run changelog inside the repository or pass --repo PATH"
                case (.clog, "tag-prefix"):
                    "'tag-prefix' exists only in .changelog.toml"
                default: nil
                }
            }
        }
        configuration.sections = try root.aliasTable("sections", entry: "section", alias: "commit type")
        configuration.components = try root.aliasTable("components", entry: "component", alias: "scope")

        let settingsKeys: Set<String> = [
            "repository", "link-style", "changelog", "outfile", "infile", "from-latest-tag", "subtitle",
            "output-format", "tag-prefix",
        ]
        try root.finish { key in
            if settingsKeys.contains(key) {
                return "settings belong in the [\(settingsName)] table"
            }
            if key == "changelog" || key == "clog" {
                return "the settings table of this file is [\(settingsName)]"
            }
            return nil
        }
        return configuration
    }
}

/// A section title (or a component's display name) and the commit types (or scopes) that map to it.
public struct SectionAliases: Sendable, Equatable {
    public var title: String
    public var aliases: [String]

    public init(title: String, aliases: [String]) {
        self.title = title
        self.aliases = aliases
    }
}

/// A configuration file that cannot be used: a TOML syntax error, an unknown table or key, a value
/// of the wrong type or out of range. `description` is one line: `<file>: <message>`.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file's display name, as given to `Configuration.parse`.
    public var file: String
    /// The dotted key at fault (`changelog.link-style`, `sections."Bug Fixes"`); nil for syntax errors.
    public var key: String?
    /// What is wrong and what was expected, without the file name.
    public var message: String

    public init(file: String, key: String?, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
