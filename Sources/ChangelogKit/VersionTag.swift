import ChangelogCore
import Git

/// A tag whose name is a semantic version (optionally `v`-prefixed), peeled to its commit.
public struct VersionTag: Sendable {
    public var name: String
    public var version: SemanticVersion
    /// `v` or empty, as the tag is spelled.
    public var prefix: String
    public var commitID: ObjectID
    /// The tag as git has it, for reading its annotation when a date is needed.
    public var tag: Tag
}

extension Repository {
    /// Every tag that is a semantic version, ordered by version; other tags are ignored.
    /// When two tags spell the same version (`v1.2.0` and `1.2.0`), the `v` one is kept.
    func versionTags() throws(GitError) -> [VersionTag] {
        var byVersion: [SemanticVersion: VersionTag] = [:]
        for tag in try tags() {
            guard let (version, prefix) = SemanticVersion.parseTag(tag.name) else { continue }
            let candidate = VersionTag(name: tag.name, version: version, prefix: prefix, commitID: tag.commitID, tag: tag)
            if let existing = byVersion[version], existing.prefix == "v" { continue }
            byVersion[version] = candidate
        }
        return byVersion.values.sorted { $0.version < $1.version || ($0.version == $1.version && $0.name < $1.name) }
    }
}

extension Array where Element == VersionTag {
    /// The prefix new tags should use: the newest tag's spelling, `v` when there is none.
    var preferredPrefix: String { last?.prefix ?? "v" }
}
