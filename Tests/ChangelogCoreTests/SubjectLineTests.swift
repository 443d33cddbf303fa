import ChangelogCore
import Testing

/// The first line as a person reads it: up to `\n` or `\r\n`, whatever the text before it.
@Suite struct SubjectLineTests {
    @Test(arguments: [
        ("fix: one\n\nbody", "fix: one"),
        ("fix: crlf\r\n\r\nbody", "fix: crlf"),
        ("fix: lone \r inside\nbody", "fix: lone \r inside"),
        ("fix: no newline", "fix: no newline"),
        ("fix: trailing cr\r", "fix: trailing cr\r"),
        ("e\u{301}\u{301}\nnext", "e\u{301}\u{301}"),
        ("\nsecond", ""),
        ("", ""),
    ])
    func subjectLine(message: String, expected: String) {
        let commit = SourceCommit(
            id: CommitID(hex: String(repeating: "a", count: 40))!, message: message,
            author: Person(name: "A", email: "a@example.com"),
            date: Timestamp(secondsSince1970: 0, offsetMinutes: 0), parentCount: 1)
        #expect(commit.subjectLine == expected)
    }
}
