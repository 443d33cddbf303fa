/// How a release section looks (`[changelog] style`, `--style`): the sections hold the same commits
/// in every style; only their layout differs.
public enum ChangelogStyle: String, Sendable, CaseIterable {
    /// The layout docs/contract.md specifies (clog's, with compare links and breaking notes).
    case `default`
    /// Byte for byte what clog 0.9.3 writes for the same commits.
    case clog
    /// keepachangelog.com 1.1.0: `## [1.4.0] - 2026-11-21`, Added / Changed / ... and link definitions.
    case keepAChangelog = "keep-a-changelog"
    /// conventional-changelog's layout as release-please writes it.
    case conventional

    /// The names, for help and error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
