/// A correction of a commit's entry kept as a git note (`refs/notes/changelog`), so a shared
/// history is never rewritten: the note's text replaces the message wherever a changelog reads
/// it, or, as the single line `[changelog hide]`, drops the commit from changelogs.
public enum CommitAmendment: Sendable, Equatable {
    case message(String)
    case hide

    /// The note text that hides a commit: a line no commit message would start a header with.
    public static let hideMarker = "[changelog hide]"

    /// A note's text ends at its first NUL byte, as git ends a commit message there (libgit2 hands
    /// messages out as C strings), so `amend --show`, Markdown and JSON all read the same words.
    public init(note: String) {
        let text = note.unicodeScalars.firstIndex(of: "\0").map { String(note.unicodeScalars[..<$0]) } ?? note
        // The marker alone on its line, whatever spaces or CR (a note written on Windows) follow it.
        var marker = text.trimmingBlankLines().unicodeScalars[...]
        while let last = marker.last, last == " " || last == "\t" || last == "\r" { marker.removeLast() }
        self = String(marker) == Self.hideMarker ? .hide : .message(text)
    }

    /// The note's text, as written to the notes history.
    public var note: String {
        switch self {
        case .hide: Self.hideMarker + "\n"
        case .message(let text): text.hasSuffix("\n") ? text : text + "\n"
        }
    }

    /// `commit` as changelogs read it: its message replaced, marked amended; nil when hidden.
    public func applied(to commit: SourceCommit) -> SourceCommit? {
        switch self {
        case .hide:
            return nil
        case .message(let text):
            var amended = commit
            amended.message = text
            amended.isAmended = true
            return amended
        }
    }
}
