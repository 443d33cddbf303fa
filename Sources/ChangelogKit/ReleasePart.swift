import ChangelogCore

/// One package's (or the repository's) share of a release, computed before anything is written:
/// a release of several packages is several parts in one commit.
struct ReleasePart {
    var version: SemanticVersion
    var tagName: String
    var previousTag: String?
    /// The section as rendered, heading included (a root changelog gathers it).
    var section: String
    /// The section of the changelog without its heading: what the tag message carries.
    var notes: String
    /// Relative to the root: the changelog, when it changed.
    var changelogPaths: [String]
    /// Relative to the root: version files and lock files that changed.
    var versionPaths: [String]
    var files: [ReleaseReport.FileUpdate]
    var tagTitle: String
    var keptEditedSection = false
}
