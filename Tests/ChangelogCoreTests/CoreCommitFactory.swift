@testable import ChangelogCore

/// Builds `ParsedCommit`s the way ChangelogKit does, through the real parser, so release and
/// renderer tests read like real histories.
enum CoreCommitFactory {
    static let author = Person(name: "Ada Lovelace", email: "ada@example.com")
    /// 2026-11-21T09:30:00+01:00
    static let date = Timestamp(secondsSince1970: 1_795_249_800, offsetMinutes: 60)
    /// Filler after the 8 hex digits a test chooses, so the short id is what the test wrote.
    static let fill = "e3b0c44298fc1c149afbf4c8996fb924"

    /// `short` (8 hex digits) followed by fixed hex digits: a full 40-digit id.
    static func id(_ short: String) -> CommitID {
        precondition(short.count == 8)
        return CommitID(hex: short + fill)!
    }

    static func source(_ short: String, _ message: String, parents: Int = 1) -> SourceCommit {
        SourceCommit(id: id(short), message: message, author: author, date: date, parentCount: parents)
    }

    static func commit(_ short: String, _ message: String, parents: Int = 1) -> ParsedCommit {
        ParsedCommit(source(short, message, parents: parents))
    }
}
