/// The commits of a branch indexed by what a copy of another branch's commit keeps: its id named
/// in a `(cherry picked from commit …)` line, its author and date (rebase and cherry-pick keep
/// them), its subject (a squash merge's subject is the branch's commit subject with ` (#123)`
/// appended, and its body lists the squashed subjects as `* subject`), and versions named in
/// subjects (`chore: release 1.4.0`).
///
/// It answers cheaply whether a release tagged on another branch may have come back to this one,
/// before anything costlier (a merge base, diffs) is computed: a release whose tagged commit left
/// no such trace here, committed after it, did not come back. Each trace keeps the latest commit
/// time it was seen at: a fix picked from here into a maintenance branch shares its author and
/// subject with the original here, but the original was committed before the pick.
public struct ReleaseCopyIndex {
    private var origins: [String: Int64] = [:]
    private var identities: [Identity: Int64] = [:]
    private var subjects: [Substring: Int64] = [:]
    private var versions: [SemanticVersion: Int64] = [:]

    /// `committed[i]` is when `commits[i]` was committed (committer time, seconds since 1970).
    public init(_ commits: [SourceCommit], committed: [Int64]) {
        func note<Key: Hashable>(_ table: inout [Key: Int64], _ key: Key, _ time: Int64) {
            if table[key].map({ $0 < time }) ?? true { table[key] = time }
        }
        for (commit, time) in zip(commits, committed) {
            for origin in CommitMessageParser.cherryPickedFrom(in: commit.message) { note(&origins, origin.lowercased(), time) }
            note(&identities, Identity(commit), time)
            let subject = Self.key(commit.subjectLine)
            note(&subjects, subject, time)
            for line in commit.message.split(separator: "\n").dropFirst() {
                if let item = Self.listItem(line) { note(&subjects, Self.key(item), time) }
            }
            for word in subject.split(whereSeparator: { " ()[],:;'\"".contains($0) }) {
                if let (version, _) = SemanticVersion.parseTag(word) { note(&versions, version, time) }
            }
        }
    }

    /// True when some commit here, committed no earlier than `committed`, could be a copy of
    /// `commit`, the commit a release's tag names: it names it in a cherry-pick line, has its
    /// author, date and subject, its subject (as a squash merge), or names `version`.
    public func mayHoldCopy(of commit: SourceCommit, committed: Int64, version: SemanticVersion) -> Bool {
        func after(_ time: Int64?) -> Bool { time.map { $0 >= committed } ?? false }
        return after(origins[commit.id]) || after(identities[Identity(commit)]) || after(versions[version])
            || after(subjects[Self.key(commit.subjectLine)])
    }

    /// True when `message` names the release whose tagged commit has `subject`: as a squash merge
    /// writes it (`subject (#123)`, or `* subject` in its body), or by naming `version`.
    public static func message(_ message: String, names subject: String, version: SemanticVersion) -> Bool {
        let wanted = key(subject)
        let lines = message.split(separator: "\n")
        guard let first = lines.first else { return false }
        if key(first) == wanted { return true }
        if lines.dropFirst().contains(where: { listItem($0).map(key) == wanted }) { return true }
        return key(first).split(whereSeparator: { " ()[],:;'\"".contains($0) }).contains { word in
            SemanticVersion.parseTag(word)?.version == version
        }
    }

    /// A subject without surrounding spaces and without the ` (#123)` a forge appends on merging.
    static func key(_ subject: some StringProtocol) -> Substring {
        var text = Substring(subject).drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        guard text.hasSuffix(")") else { return text }
        let number = text.dropLast().reversed().prefix { $0.isASCII && $0.isNumber }
        let head = text.dropLast(number.count + 1)
        if !number.isEmpty && head.hasSuffix(" (#") { return head.dropLast(3) }
        return text
    }

    /// The text of a `* item` or `- item` line, as forges list squashed commits.
    static func listItem(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("* ") || trimmed.hasPrefix("- ") else { return nil }
        return trimmed.dropFirst(2)
    }

    private struct Identity: Hashable {
        var author: Person
        var seconds: Int64
        var subject: String

        init(_ commit: SourceCommit) {
            author = commit.author
            seconds = commit.date.secondsSince1970
            subject = commit.subjectLine
        }
    }
}
