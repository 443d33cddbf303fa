/// A commit as read from history, before any convention is applied.
///
/// This is the boundary between the Git module and the pure logic: ChangelogKit copies libgit2's
/// commit into this value so that parsing, classification and rendering never see a C handle.
public struct SourceCommit: Sendable, Equatable {
    public var id: CommitID
    /// The raw message, decoded lossily when it is not valid UTF-8.
    public var message: String
    public var author: Person
    /// When the author wrote it, with the author's own UTC offset.
    public var date: Timestamp
    public var parentCount: Int
    /// The message is a correction kept in a git note (`CommitAmendment`), not the commit's own.
    public var isAmended = false

    public init(id: CommitID, message: String, author: Person, date: Timestamp, parentCount: Int) {
        self.id = id
        self.message = message
        self.author = author
        self.date = date
        self.parentCount = parentCount
    }

    /// The first eight hex digits, as the Markdown and JSON outputs show them.
    public var shortID: String { id.short }

    /// The message's first line, for listing the commit to a person.
    public var subjectLine: String {
        // Found in UTF-8, not by Character: every copy index reads every commit's subject. A `\n`
        // or the `\r` of `\r\n` starts a Character, so the cut is always on a boundary.
        let utf8 = message.utf8
        guard var end = utf8.firstIndex(of: 0x0A) else { return message }
        if end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return String(message[..<end])
    }
}
