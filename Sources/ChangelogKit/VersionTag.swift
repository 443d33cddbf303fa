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
    /// The same version's other spellings (`v0.9.2` beside `0.9.2`): one release, whichever
    /// commit each names, so reaching any of them reaches the release.
    public var otherSpellings: [Tag] = []

    /// True when this release is tagged on `commit`, in any spelling.
    public func isOn(_ commit: ObjectID) -> Bool {
        commitID == commit || otherSpellings.contains { $0.commitID == commit }
    }
}

extension Repository {
    /// Every tag that is a semantic version, ordered by version; other tags are ignored.
    /// When two tags spell the same version (`v1.2.0` and `1.2.0`), they are one release named by
    /// the spelling `prefix` gives, else by the prefix most version tags use (`v` on a tie).
    func versionTags(prefix preferred: String? = nil) throws(GitError) -> [VersionTag] {
        var candidates: [VersionTag] = []
        for tag in try tags() {
            guard let (version, prefix) = SemanticVersion.parseTag(tag.name) else { continue }
            candidates.append(VersionTag(name: tag.name, version: version, prefix: prefix, commitID: tag.commitID, tag: tag))
        }
        // Every command lists the tags first, so with thousands of them this sort is on the critical
        // path: it orders indices by plain integer triples and compares whole versions (pre-release
        // identifiers, strings) only on ties, instead of moving large values through a dictionary.
        let triples = candidates.map { ($0.version.major, $0.version.minor, $0.version.patch) }
        let order = candidates.indices.sorted { a, b in
            if triples[a] != triples[b] { return triples[a] < triples[b] }
            let x = candidates[a].version, y = candidates[b].version
            if x < y { return true }
            if y < x { return false }
            return candidates[a].name < candidates[b].name
        }
        let bare = candidates.count { $0.prefix.isEmpty }
        let winner = preferred ?? (bare > candidates.count - bare ? "" : "v")
        var result: [VersionTag] = []
        result.reserveCapacity(order.count)
        for index in order {
            var candidate = candidates[index]
            guard let last = result.last, last.version == candidate.version else {
                result.append(candidate)
                continue
            }
            if last.prefix != winner && candidate.prefix == winner {
                candidate.otherSpellings = last.otherSpellings + [last.tag]
                result[result.count - 1] = candidate
            } else {
                result[result.count - 1].otherSpellings.append(candidate.tag)
            }
        }
        return result
    }
}

extension Array where Element == VersionTag {
    /// The prefix new tags should use: the newest tag's spelling, `v` when there is none.
    var preferredPrefix: String { last?.prefix ?? "v" }
}

extension Repository {
    /// A package's version tags: those named `prefix` followed by a semantic version (no `v` of
    /// its own: `api-v1.2.0` is `1.2.0` of prefix `api-v`), ordered by version.
    func versionTags(packagePrefix prefix: String) throws(GitError) -> [VersionTag] {
        VersionTag.packageTags(try tags(), prefix: prefix)
    }
}

extension VersionTag {
    /// The tags of `tags` that name a version of the package tagged `prefix`, ordered by version;
    /// the same version tagged twice (`api-v1.0.0` and `api-v1.0.0+b`) is one release.
    static func packageTags(_ tags: [Tag], prefix: String) -> [VersionTag] {
        var found: [VersionTag] = []
        for tag in tags where tag.name.hasPrefix(prefix) {
            guard let version = SemanticVersion(tag.name.dropFirst(prefix.count)) else { continue }
            found.append(VersionTag(name: tag.name, version: version, prefix: prefix, commitID: tag.commitID, tag: tag))
        }
        found.sort { $0.version < $1.version || ($0.version == $1.version && $0.name < $1.name) }
        var result: [VersionTag] = []
        for tag in found {
            if let last = result.last, last.version == tag.version {
                result[result.count - 1].otherSpellings.append(tag.tag)
            } else {
                result.append(tag)
            }
        }
        return result
    }
}
