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
    /// `other` (`.changelog.toml` only): the title under which commits that are not Conventional
    /// Commits are listed; nil leaves them out.
    public var other: String?
    /// `style`: how sections look; nil is `default` (`ConfigurationLoader` makes it `clog` for a
    /// `.clog.toml`: clog users get clog's layout unasked).
    public var style: ChangelogStyle?
    /// `[keep-a-changelog]`: `Category = ["type", ...]`, on top of the standard mapping.
    public var keepAChangelog: KeepAChangelogCategories = .standard
    /// `template` (`.changelog.toml` only): a Mustache file, relative to the repository root, that
    /// renders each release section instead of the built-in layout.
    public var template: String?
    /// `contributors` (`.changelog.toml` only): a Contributors block in each Markdown section.
    public var contributors: Bool?
    /// `packages-in-root` (`.changelog.toml` only): a release of packages also writes a section
    /// gathering their sections into the repository's own changelog (`RootChangelogSection`).
    public var packagesInRoot: Bool?
    /// `[sections]`: `Title = ["alias", ...]`, in file order.
    public var sections: [SectionAliases]
    /// `[components]`: `DisplayName = ["scope", ...]`, in file order.
    public var components: [SectionAliases]
    /// `[check]`: what `changelog check` enforces; the defaults when the table is absent.
    public var check: LintOptions
    /// `[bump]`: which commits bump which part of the version; the defaults when the table is absent.
    public var bump: VersionPolicy
    /// `[release]`: version files, commit and tag messages for `changelog release`.
    public var release: ReleaseSettings
    /// `[branches]`: maintenance branches and how backported changes are listed.
    public var branches: BranchSettings
    /// `[packages.NAME]`: a monorepo's packages, in file order; empty for a one-package repository.
    public var packages: [PackageSettings] = []

    public init() {
        sections = []
        components = []
        check = LintOptions()
        bump = VersionPolicy()
        release = ReleaseSettings()
        branches = BranchSettings()
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
            configuration.style = try settings.choice(
                "style", ChangelogStyle.allCases.map { ($0.rawValue, $0) }, caseInsensitive: caseInsensitive)
            if flavor == .changelog {
                configuration.tagPrefix = try settings.choice("tag-prefix", [("v", "v"), ("", "")])
                configuration.other = try settings.string("other", allowEmpty: false)
                configuration.template = try settings.string("template", allowEmpty: false)
                configuration.contributors = try settings.bool("contributors")
                configuration.packagesInRoot = try settings.bool("packages-in-root")
            }
            try settings.finish { key in
                switch (flavor, key) {
                case (.clog, "git-dir"), (.clog, "git-work-tree"):
                    "clog's '\(key)' is not supported; run changelog inside the repository or pass --repo PATH"
                case (.clog, "tag-prefix"), (.clog, "other"), (.clog, "packages-in-root"):
                    "'\(key)' exists only in .changelog.toml"
                default: Self.misplacedKeyHint(key)
                }
            }
        }
        configuration.sections = try root.aliasTable("sections", entry: "section", alias: "commit type")
        configuration.components = try root.aliasTable("components", entry: "component", alias: "scope")
        let categories = try root.aliasTable("keep-a-changelog", entry: "category", alias: "commit type")
        switch KeepAChangelogCategories.standard.adding(categories) {
        case .success(let mapping): configuration.keepAChangelog = mapping
        case .failure(let unknown):
            throw ConfigurationError(
                file: file, key: "keep-a-changelog.\(unknown.title)",
                message:
                    "key keep-a-changelog.\(unknown.title) is not a keep-a-changelog category; use one of \(KeepAChangelogCategories.titles.joined(separator: ", "))"
            )
        }
        if var check = try root.table("check") {
            configuration.check = try LintOptions.read(&check)
            try check.finish { key in Self.misplacedKeyHint(key, besides: "check") }
        }
        if var bump = try root.table("bump") {
            configuration.bump = try VersionPolicy.read(&bump)
            try bump.finish { key in Self.misplacedKeyHint(key, besides: "bump") }
        }
        if var release = try root.table("release") {
            configuration.release = try ReleaseSettings.read(&release)
            try release.finish { key in Self.misplacedKeyHint(key, besides: "release") }
        }
        if var branches = try root.table("branches") {
            configuration.branches = try BranchSettings.read(&branches)
            try branches.finish { key in Self.misplacedKeyHint(key, besides: "branches") }
        }

        if flavor == .changelog { configuration.packages = try PackageSettings.readAll(&root) }

        let settingsKeys: Set<String> = [
            "repository", "link-style", "changelog", "outfile", "infile", "from-latest-tag", "subtitle",
            "output-format", "tag-prefix", "other", "style", "template", "contributors", "packages-in-root",
        ]
        try root.finish { key in
            if settingsKeys.contains(key) {
                return "settings belong in the [\(settingsName)] table"
            }
            if key == "changelog" || key == "clog" {
                return "the settings table of this file is [\(settingsName)]"
            }
            return Self.misplacedKeyHint(key)
        }
        return configuration
    }

    static let checkKeys: Set<String> = [
        "types", "header-max-length", "scopes", "disabled-rules", "ignore-merges", "ignore-reverts", "ignore-autosquash",
    ]
    static let bumpKeys: Set<String> = ["initial", "major", "minor", "patch", "breaking-below-one"]

    /// For a key of `[check]` or `[bump]` written in another table: where it belongs.
    private static func misplacedKeyHint(_ key: String, besides table: String? = nil) -> String? {
        if table != "check", checkKeys.contains(key) { return "'\(key)' belongs in the [check] table" }
        if table != "bump", bumpKeys.contains(key) { return "'\(key)' belongs in the [bump] table" }
        if table != "release", ReleaseSettings.keys.contains(key) { return "'\(key)' belongs in the [release] table" }
        if table != "branches", BranchSettings.keys.contains(key) { return "'\(key)' belongs in the [branches] table" }
        if ["path", "paths", "scopes", "exclude"].contains(key) { return "'\(key)' belongs in a [packages.NAME] table" }
        return nil
    }

    /// The package named `name`, with a message that lists the configured ones when there is none.
    public func package(named name: String) throws(ConfigurationError) -> PackageSettings {
        if let package = packages.first(where: { $0.name == name }) { return package }
        let known = packages.map(\.name)
        let hint =
            known.isEmpty
            ? "no [packages.NAME] table is configured; add one to .changelog.toml"
            : "configured packages: \(known.joined(separator: ", "))"
        throw ConfigurationError(file: "--package", key: nil, message: "no package named \(TOMLTableReader.quote(name)); \(hint)")
    }
}
