import ChangelogCore
import Git

/// Tells which commits make the same change as commits elsewhere: the cherry-picks of a fix.
///
/// Two commits are the same change when one names the other in git's `(cherry picked from commit
/// <id>)` line, when both name the same original, or when their patches are the same (stable
/// patch-ids, as `git patch-id --stable` computes them). A pick whose conflict resolution changed
/// the patch and that carries no such line is a different change: nothing in the history says
/// otherwise. Patch-ids cost a diff and a hash of it each, so they are computed only for commits
/// no trailer matched, and only where a commit on the other side changes the same paths.
struct ChangeMatcher {
    enum Evidence: String {
        case trailer
        case patchID = "patch-id"
    }

    let repository: Repository
    private var patchIDs: [String: ObjectID?] = [:]
    private var paths: [String: [String]?] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    /// For each of `commits` that makes a change one of `others` makes too: the first such other
    /// commit (in `others`' order) and what showed it.
    mutating func matches(of commits: [SourceCommit], in others: [SourceCommit]) throws(ChangelogError) -> [String: (other: SourceCommit, evidence: Evidence)] {
        guard !commits.isEmpty, !others.isEmpty else { return [:] }
        // A commit stands for its own id and every original its cherry-pick lines name; a line
        // written by hand may abbreviate the id, which then matches as a prefix.
        var byOrigin: [String: Int] = [:]
        var abbreviated: [(prefix: String, index: Int)] = []
        for (index, other) in others.enumerated() {
            for origin in Self.origins(of: other) {
                if origin.utf8.count < 40 { abbreviated.append((origin, index)) }
                else if byOrigin[origin] == nil { byOrigin[origin] = index }
            }
        }
        func match(_ origin: String) -> Int? {
            if origin.utf8.count == 40 {
                return byOrigin[origin] ?? abbreviated.first { origin.hasPrefix($0.prefix) }?.index
            }
            return byOrigin.first { $0.key.hasPrefix(origin) }?.value ?? abbreviated.first { $0.prefix.hasPrefix(origin) || origin.hasPrefix($0.prefix) }?.index
        }
        var found: [String: (other: SourceCommit, evidence: Evidence)] = [:]
        var unmatched: [SourceCommit] = []
        for commit in commits where commit.parentCount <= 1 {
            if let index = Self.origins(of: commit).lazy.compactMap(match).first {
                found[commit.id] = (others[index], .trailer)
            } else {
                unmatched.append(commit)
            }
        }
        guard !unmatched.isEmpty else { return found }
        // Equal patches touch equal paths: compare the cheap path lists first, and hash patches only
        // for commits whose paths some commit on the other side also changes.
        var byPaths: [[String]: [Int]] = [:]
        for (index, other) in others.enumerated() where other.parentCount <= 1 {
            if let paths = try changedPaths(other) { byPaths[paths, default: []].append(index) }
        }
        var byPatch: [ObjectID: Int] = [:]
        var hashed: Set<Int> = []
        for commit in unmatched {
            guard let paths = try changedPaths(commit), let sameFiles = byPaths[paths] else { continue }
            for index in sameFiles where hashed.insert(index).inserted {
                if let id = try patchID(others[index]), byPatch[id] == nil { byPatch[id] = index }
            }
            if let id = try patchID(commit), let index = byPatch[id] {
                found[commit.id] = (others[index], .patchID)
            }
        }
        return found
    }

    private static func origins(of commit: SourceCommit) -> [String] {
        [commit.id] + CommitMessageParser.cherryPickedFrom(in: commit.message)
            .map { $0.lowercased() }
            .filter { $0.utf8.count >= 7 && $0.utf8.count <= 40 && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) } }
    }

    private mutating func changedPaths(_ commit: SourceCommit) throws(ChangelogError) -> [String]? {
        if let known = paths[commit.id] { return known }
        guard let id = ObjectID(hex: commit.id) else { return nil }
        let changed = try git { () throws(GitError) in try repository.changedPaths(of: id) }
        paths[commit.id] = changed
        return changed
    }

    private mutating func patchID(_ commit: SourceCommit) throws(ChangelogError) -> ObjectID? {
        if let known = patchIDs[commit.id] { return known }
        guard let id = ObjectID(hex: commit.id) else { return nil }
        let patch = try git { () throws(GitError) in try repository.patchID(of: id) }
        patchIDs[commit.id] = patch
        return patch
    }
}
