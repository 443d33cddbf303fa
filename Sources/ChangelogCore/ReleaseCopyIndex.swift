/// The commits of a branch indexed by what a copy of another branch's commit keeps: its id named
/// in a `(cherry picked from commit …)` line, its author and date (rebase and cherry-pick keep
/// them), its subject (a squash merge's subject is the branch's commit subject with ` (#123)`
/// appended, and its body lists the squashed subjects as `* subject`), and versions named in
/// subjects (`chore: release 1.4.0`).
///
/// It answers cheaply whether a release tagged on another branch may have come back to this one,
/// before anything costlier (a merge base, diffs) is computed: a release whose tagged commit left
/// no such trace here did not come back.
public struct ReleaseCopyIndex {
    private var origins: Set<String> = []
    private var identities: Set<Identity> = []
    private var subjects: Set<Substring> = []
    private var versions: Set<SemanticVersion> = []

    public init(_ commits: [SourceCommit]) {
        for commit in commits {
            origins.insert(commit.id)
            for origin in CommitMessageParser.cherryPickedFrom(in: commit.message) { origins.insert(origin.lowercased()) }
            identities.insert(Identity(commit))
            let subject = Self.key(commit.subjectLine)
            subjects.insert(subject)
            for line in commit.message.split(separator: "\n").dropFirst() {
                if let item = Self.listItem(line) { subjects.insert(Self.key(item)) }
            }
            for word in subject.split(whereSeparator: { " ()[],:;'\"".contains($0) }) {
                if let (version, _) = SemanticVersion.parseTag(word) { versions.insert(version) }
            }
        }
    }

    /// True when some commit here could be a copy of `commit`, the commit a release's tag names.
    public func mayHoldCopy(of commit: SourceCommit, version: SemanticVersion) -> Bool {
        if origins.contains(commit.id) || identities.contains(Identity(commit)) || versions.contains(version) { return true }
        if subjects.contains(Self.key(commit.subjectLine)) { return true }
        return CommitMessageParser.cherryPickedFrom(in: commit.message).contains { origins.contains($0.lowercased()) }
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
