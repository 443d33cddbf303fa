/// What `git cherry-pick` and `git rebase` keep of a commit they copy, conflicts or not: its
/// author, author date and subject. Two commits with the same identity are one change copied.
public struct CopyIdentity: Hashable, Sendable {
    public var author: Person
    public var seconds: Int64
    public var subject: String

    /// `subject`, the commit's subject line, when the caller has it already.
    public init(_ commit: SourceCommit, subject: String? = nil) {
        author = commit.author
        seconds = commit.date.secondsSince1970
        self.subject = subject ?? commit.subjectLine
    }
}
