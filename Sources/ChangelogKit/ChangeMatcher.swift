import ChangelogCore
import Git

/// Tells which commits make the same change as commits elsewhere: the cherry-picks of a fix.
///
/// Two commits are the same change when one names the other in git's `(cherry picked from commit
/// <id>)` line, when both name the same original, when both have the same author, author date and
/// subject (what `git rebase` and `git cherry-pick` keep of a commit they copy, conflicts or not),
/// or when their patches are the same (stable patch-ids, as `git patch-id --stable` computes them)
/// and they share the subject or the author date, one of which a pick or a rebase keeps even when
/// it rewords the message or resets the author. A pick whose conflict resolution changed the patch
/// and that carries none of these is a different change: nothing in the history says otherwise.
/// Patch-ids cost a diff and a hash of it each, so they are computed only for commits nothing
/// cheaper matched, that share a subject or author date with a commit on the other side, and only
/// where that commit changes the same paths, which tree ids tell before any diff (`TreeComparer`):
/// a history of 200,000 commits compared with its maintenance releases diffs a handful of them.
/// One matcher serves a whole run (`History.changes`), so no commit is diffed twice.
final class ChangeMatcher {
    enum Evidence: String {
        case trailer
        case identity
        case patchID = "patch-id"
    }

    let repository: Repository
    private var patchIDs: [CommitID: ObjectID?] = [:]
    private var paths: [CommitID: [String]?] = [:]
    private let trees: TreeComparer

    init(repository: Repository) {
        self.repository = repository
        trees = TreeComparer(repository: repository)
    }

    /// For each of `commits` that makes a change one of `others` makes too: the first such other
    /// commit (in `others`' order) and what showed it. `patchIDs: false` looks only at what the
    /// messages and authors say, which costs no diff.
    func matches(
        of commits: [SourceCommit], in others: [SourceCommit],
        patchIDs: Bool = true
    ) throws(ChangelogError) -> [CommitID: (other: SourceCommit, evidence: Evidence)] {
        guard !commits.isEmpty, !others.isEmpty else { return [:] }
        // A commit stands for its own id and every original its cherry-pick lines name; a line
        // written by hand may abbreviate the id, which then matches as a prefix.
        var byOrigin: [String: Int] = [:]
        var byOriginID: [CommitID: Int] = [:]
        var abbreviated: [(prefix: String, index: Int)] = []
        for (index, other) in others.enumerated() {
            for origin in Self.origins(of: other) {
                if origin.utf8.count < 40 {
                    abbreviated.append((origin, index))
                } else if byOrigin[origin] == nil {
                    byOrigin[origin] = index
                    if let id = CommitID(hex: origin) { byOriginID[id] = index }
                }
            }
        }
        func match(_ origin: String) -> Int? {
            if origin.utf8.count == 40 {
                return byOrigin[origin] ?? abbreviated.first { origin.hasPrefix($0.prefix) }?.index
            }
            return byOrigin.first { $0.key.hasPrefix(origin) }?.value
                ?? abbreviated.first { $0.prefix.hasPrefix(origin) || origin.hasPrefix($0.prefix) }?.index
        }
        var byIdentity: [CopyIdentity: Int] = [:]
        var dates: Set<Int64> = []
        for (index, other) in others.enumerated() where other.parentCount <= 1 {
            let key = CopyIdentity(other)
            if byIdentity[key] == nil { byIdentity[key] = index }
            dates.insert(key.seconds)
        }
        // Its own id, as `match` finds it, without spelling every commit's id out.
        func matchOwn(_ commit: SourceCommit) -> Int? {
            if let index = byOriginID[commit.id] { return index }
            guard !abbreviated.isEmpty else { return nil }
            let hex = commit.id.hex
            return abbreviated.first { hex.hasPrefix($0.prefix) }?.index
        }
        var found: [CommitID: (other: SourceCommit, evidence: Evidence)] = [:]
        var unmatched: [SourceCommit] = []
        for commit in commits where commit.parentCount <= 1 {
            if let index = matchOwn(commit) ?? Self.pickedOrigins(of: commit).lazy.compactMap(match).first {
                found[commit.id] = (others[index], .trailer)
            } else if dates.contains(commit.date.secondsSince1970), let index = byIdentity[CopyIdentity(commit)] {
                found[commit.id] = (others[index], .identity)
            } else {
                unmatched.append(commit)
            }
        }
        guard patchIDs, !unmatched.isEmpty else { return found }
        let kin = Kinship(others.enumerated().filter { $0.element.parentCount <= 1 }.map { ($0.element, $0.offset) })
        for commit in unmatched {
            let related = kin.related(to: commit).map { others[$0] }
            if let index = try samePatch(as: commit, among: related).first { found[commit.id] = (related[index], .patchID) }
        }
        return found
    }

    /// The commits of `target` that copy a commit of `branch` (a branch and the one it forked
    /// from, since the fork), each with the commit it copies. What messages and authors say is
    /// looked up for all of them; patches are compared only for target commits written no later
    /// than the branch's newest (a cherry-pick keeps its original's author date, so the original
    /// of a fix picked into the branch is among those), which keeps diffs to the release's window.
    func copies(of branch: [SourceCommit], among target: [SourceCommit]) throws(ChangelogError) -> [CommitID: SourceCommit] {
        guard !branch.isEmpty, !target.isEmpty else { return [:] }
        var found = try matches(of: target, in: branch, patchIDs: false).mapValues(\.other)
        let newest = branch.map(\.date.secondsSince1970).max()!
        let window = target.filter { found[$0.id] == nil && $0.date.secondsSince1970 <= newest }
        for (id, match) in try matches(of: window, in: branch) { found[id] = match.other }
        return found
    }

    /// Numbered groups of commits (the commits each maintenance release shipped) indexed once, so
    /// that each list of commits matched against some of them (`groups(matching:in:among:)`) reads
    /// each of its commits once, however many groups it is compared with.
    struct GroupIndex {
        /// The groups whose commits stand for each full id (`origins`), and the abbreviated ones.
        fileprivate var byOrigin: [CommitID: [Int]] = [:]
        fileprivate var abbreviated: [(prefix: String, group: Int)] = []
        /// Each group's commits that are not merges.
        fileprivate var members: [[SourceCommit]] = []
        /// Every group's members in group order, and their subjects and dates indexed once for all
        /// the lists compared with some of the groups.
        fileprivate var all: [(commit: SourceCommit, group: Int)] = []
        fileprivate var kin = Kinship([])

        /// `groups(matching:in:among:)` up to its patches (`PartialGroups`).
        func groupsWithoutPatches(matching commits: [SourceCommit], among allowed: [Int]) -> PartialGroups {
            var partial = PartialGroups()
            guard !commits.isEmpty, allowed.contains(where: { !members[$0].isEmpty }) else { return partial }
            let isAllowed = Set(allowed)
            for commit in commits where commit.parentCount <= 1 {
                var groups = Set<Int>()
                for group in byOrigin[commit.id] ?? [] where isAllowed.contains(group) { groups.insert(group) }
                if !abbreviated.isEmpty {
                    let hex = commit.id.hex
                    for entry in abbreviated where hex.hasPrefix(entry.prefix) && isAllowed.contains(entry.group) {
                        groups.insert(entry.group)
                    }
                }
                // The originals its own cherry-pick lines name, as `matches` looks them up.
                for origin in ChangeMatcher.pickedOrigins(of: commit) {
                    if origin.utf8.count == 40, let id = CommitID(hex: origin) {
                        groups.formUnion((byOrigin[id] ?? []).filter(isAllowed.contains))
                        for entry in abbreviated where origin.hasPrefix(entry.prefix) && isAllowed.contains(entry.group) {
                            groups.insert(entry.group)
                        }
                    } else {
                        for (id, owners) in byOrigin where id.hex.hasPrefix(origin) {
                            groups.formUnion(owners.filter(isAllowed.contains))
                        }
                        for entry in abbreviated
                        where (entry.prefix.hasPrefix(origin) || origin.hasPrefix(entry.prefix)) && isAllowed.contains(entry.group) {
                            groups.insert(entry.group)
                        }
                    }
                }
                let related = kin.related(to: commit).filter { isAllowed.contains(all[$0].group) }
                // The same author, author date and subject: only commits of the same date can have them.
                if kin.hasSameDate(as: commit) {
                    let identity = CopyIdentity(commit)
                    for number in related where !groups.contains(all[number].group) && CopyIdentity(all[number].commit) == identity {
                        groups.insert(all[number].group)
                    }
                }
                // Patches as `matches` compares them, for the groups nothing cheaper matched.
                let open = related.map { all[$0] }.filter { !groups.contains($0.group) }
                if groups.isEmpty && open.isEmpty { continue }
                if !open.isEmpty { partial.open.append((commit, partial.commits.count, open)) }
                partial.commits.append((commit.id, groups))
            }
            return partial
        }
    }

    func index(groups: [[SourceCommit]]) -> GroupIndex {
        var index = GroupIndex()
        for (group, commits) in groups.enumerated() {
            for commit in commits {
                for origin in Self.origins(of: commit) {
                    if origin.utf8.count < 40 {
                        index.abbreviated.append((origin, group))
                    } else if let id = CommitID(hex: origin), index.byOrigin[id]?.last != group {
                        index.byOrigin[id, default: []].append(group)
                    }
                }
            }
            index.members.append(commits.filter { $0.parentCount <= 1 })
            index.all += index.members[group].map { ($0, group) }
        }
        index.kin = Kinship(index.all.indices.map { (index.all[$0].commit, $0) })
        return index
    }

    /// For each of `commits` that makes a change some commit of the groups `allowed` makes too,
    /// those groups, ascending: for every allowed group `g`, the commits of `matches(of: commits,
    /// in: groups[g])`, found with one look at each commit for all of them. Most commits of a
    /// history copy nothing, so each is first looked up by what costs no string: its id and its
    /// author date.
    func groups(matching commits: [SourceCommit], in index: GroupIndex, among allowed: [Int]) throws(ChangelogError) -> [CommitID: [Int]] {
        try groups(completing: index.groupsWithoutPatches(matching: commits, among: allowed))
    }

    /// What `groups(matching:in:among:)` finds before comparing patches: the groups each commit's
    /// cherry-pick lines, id or identity name, and the members left to compare by patch. Reads no
    /// repository, so lists of commits are looked at on every core.
    struct PartialGroups: Sendable {
        fileprivate var commits: [(id: CommitID, groups: Set<Int>)] = []
        fileprivate var open: [(commit: SourceCommit, at: Int, others: [(commit: SourceCommit, group: Int)])] = []
    }

    /// The groups that `partial` found, with those whose members have a commit's patch.
    func groups(completing partial: PartialGroups) throws(ChangelogError) -> [CommitID: [Int]] {
        var commits = partial.commits
        for entry in partial.open {
            for number in try samePatch(as: entry.commit, among: entry.others.map(\.commit)) {
                commits[entry.at].groups.insert(entry.others[number].group)
            }
        }
        var found: [CommitID: [Int]] = [:]
        for commit in commits where !commit.groups.isEmpty { found[commit.id] = commit.groups.sorted() }
        return found
    }

    /// The positions in `related` of the commits whose patch is `commit`'s: the cheap path lists
    /// are compared first (equal patches touch equal paths), and patches hashed only where they agree.
    private func samePatch(as commit: SourceCommit, among related: [SourceCommit]) throws(ChangelogError) -> [Int] {
        guard !related.isEmpty else { return [] }
        var samePaths: [Int] = []
        for (index, other) in related.enumerated() {
            guard let theirs = try changedPaths(other) else { continue }
            // A commit changes every path the other does only if it changes the first: the probe
            // answers that from tree ids, before the commit's own diff.
            if paths[commit.id] == nil, try !mayChange(TreeComparer.Paths([theirs[0]]), commit) { continue }
            guard let mine = try changedPaths(commit), mine == theirs else { continue }
            samePaths.append(index)
        }
        guard !samePaths.isEmpty, let id = try patchID(commit) else { return [] }
        var same: [Int] = []
        for index in samePaths where try patchID(related[index]) == id { same.append(index) }
        return same
    }

    /// What a copy compared by its patch keeps of the commit it copies: the subject (a forge's
    /// ` (#123)` aside) or the author date, as a cherry-pick or a rebase does even when its message
    /// was edited or its author reset. Commits that share neither are not compared: a whole history
    /// compared by patch would cost a diff per commit, where this costs a look at the message.
    fileprivate struct Kinship {
        private var bySubject: [Substring: [Int]] = [:]
        private var byDate: [Int64: [Int]] = [:]

        /// `commits` with the numbers `related(to:)` names them by, ascending.
        init(_ commits: [(SourceCommit, Int)]) {
            for (commit, number) in commits {
                bySubject[Self.subject(of: commit), default: []].append(number)
                byDate[commit.date.secondsSince1970, default: []].append(number)
            }
        }

        func hasSameDate(as commit: SourceCommit) -> Bool { byDate[commit.date.secondsSince1970] != nil }

        /// The numbers of the commits that share `commit`'s subject or author date, ascending.
        func related(to commit: SourceCommit) -> [Int] {
            let sameDate = byDate[commit.date.secondsSince1970] ?? []
            let sameSubject = bySubject[Self.subject(of: commit)] ?? []
            if sameDate.isEmpty || sameSubject.isEmpty { return sameDate.isEmpty ? sameSubject : sameDate }
            return Array(Set(sameDate).union(sameSubject)).sorted()
        }

        /// The subject as `ReleaseCopyIndex.key` compares it, cut from the message without a copy.
        private static func subject(of commit: SourceCommit) -> Substring {
            ReleaseCopyIndex.key(ReleaseCopyIndex.subjectLine(of: commit.message))
        }
    }

    /// The commit's own id and the originals its cherry-pick lines name, lower-case.
    static func origins(of commit: SourceCommit) -> [String] {
        [commit.id.hex] + pickedOrigins(of: commit)
    }

    /// The originals a commit's cherry-pick lines name, lower-case, each 7 to 40 hex digits.
    fileprivate static func pickedOrigins(of commit: SourceCommit) -> [String] {
        guard CommitMessageParser.mayHaveCherryPickLine(commit.message) else { return [] }
        return CommitMessageParser.cherryPickedFrom(in: commit.message)
            .map { $0.lowercased() }
            .filter {
                $0.utf8.count >= 7 && $0.utf8.count <= 40 && $0.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            }
    }

    /// The files that differ between two commits' trees (`TreeComparer.changedPaths(from:to:)`).
    func changedPaths(from base: ObjectID, to target: ObjectID) throws(ChangelogError) -> [String] {
        try git { () throws(GitError) in try trees.changedPaths(from: base, to: target) }
    }

    private func mayChange(_ paths: TreeComparer.Paths, _ commit: SourceCommit) throws(ChangelogError) -> Bool {
        try git { () throws(GitError) in try trees.changesAny(of: paths, commit: ObjectID(commit.id)) }
    }

    private func changedPaths(_ commit: SourceCommit) throws(ChangelogError) -> [String]? {
        if let known = paths[commit.id] { return known }
        let changed = try git { () throws(GitError) in try trees.changedPaths(of: ObjectID(commit.id)) }
        paths[commit.id] = changed
        return changed
    }

    private func patchID(_ commit: SourceCommit) throws(ChangelogError) -> ObjectID? {
        if let known = patchIDs[commit.id] { return known }
        let patch = try git { () throws(GitError) in try repository.patchID(of: ObjectID(commit.id)) }
        patchIDs[commit.id] = patch
        return patch
    }
}
