import ChangelogCore

/// What `changelog [generate]` was asked to do, after the command line and the configuration file
/// have been combined.
public struct GenerateRequest {
    public enum VersionChoice: Equatable {
        /// No version: the section is Unreleased.
        case unreleased
        case exact(SemanticVersion)
        /// `--setversion` text written as given: a version with its spelling kept (`v0.14.2`), or
        /// any other name clog accepts (`VERSION`, `api-v1.2.3`, `1.2`).
        case named(String)
        /// `-M/-m/-p`: the latest version tag's number, bumped.
        case bumpLatest(BumpLevel)
        /// `--bump`: what `changelog next` suggests.
        case suggested
    }

    public var version: VersionChoice = .unreleased
    public var from: String?
    public var to = "HEAD"
    public var all = false
    /// Read the existing document from here.
    public var infile: String?
    /// Write the result here; nil prints it on stdout.
    public var outfile: String?
    public var repositoryURL: String?
    public var linkStyle: LinkStyle = .github
    public var subtitle: String?
    /// `--style`, `[changelog] style`.
    public var style: ChangelogStyle = .default
    /// `[keep-a-changelog]`: where the keep-a-changelog style puts each type.
    public var categories: KeepAChangelogCategories = .standard
    public var format: OutputFormat = .markdown
    public var tagPrefix: String?
    public var layout: SectionLayout = .standard
    public var policy = VersionPolicy()
    /// `[branches] backports`: what a release does with changes a maintenance release shipped first.
    public var backports = BranchSettings.BackportMode.omit
    /// `--bump` on a patch-only branch stays a patch.
    public var patchOnly = false
    /// `--bump` on a branch with a version line or patch-only: the suggestion that chose the
    /// version, and the branch, for the one line `next` prints about commits it held back.
    public var bounded: (suggestion: VersionSuggestion, branch: String)?
    public var dryRun = false
    /// `--template` or `[changelog] template`, parsed: renders Markdown sections instead of the built-in layout.
    public var template: ChangelogTemplate?
    /// `[changelog] contributors = true`: the built-in layout lists each release's contributors.
    public var showsContributors = false
    /// Whether the releases need their contributors: always in JSON and templates, in the built-in
    /// layout when shown. Finding first-timers reads history, so other runs skip it.
    public var includesContributors = false
    /// Regenerate sections of the changelog file that differ from what would be generated (edited
    /// by hand); without it they are kept.
    public var force = false
    /// The release date for versions not tagged yet.
    public var today: Timestamp

    public init(today: Timestamp) {
        self.today = today
    }
}
