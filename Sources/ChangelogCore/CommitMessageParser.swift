/// Reads commit messages by the Conventional Commits 1.0.0 rules, and recognises the messages git
/// and the forges write themselves (merges, reverts, `fixup!`/`squash!`/`amend!`).
///
/// Pure and fast: it scans the message's UTF-8 bytes once to clean it, then works on byte ranges;
/// Strings are made only for the parts it returns. Columns in diagnostics are counted in Characters.
public enum CommitMessageParser {
    /// Parses a commit message.
    ///
    /// - Parameters:
    ///   - parentCount: more than 1 means a merge commit, whatever the message says.
    ///   - stripComments: drop lines starting with `#`, and everything from git's scissors line
    ///     `# ------------------------ >8 ------------------------` on: true for the file a
    ///     commit-msg hook receives, false for messages read from history (git cleaned them already).
    public static func parse(_ message: String, parentCount: Int = 1, stripComments: Bool = false) -> ParsedMessage {
        if parentCount > 1 { return .merge }
        return parse(MessageText(message, stripComments: stripComments), parentCount: parentCount)
    }

    /// `parse` on a message already cleaned, for callers that need the cleaned text too.
    static func parse(_ text: MessageText, parentCount: Int) -> ParsedMessage {
        if parentCount > 1 { return .merge }
        guard !text.isEmpty else {
            return .invalid([
                Diagnostic(
                    rule: .emptyMessage,
                    message: "the commit message is empty; write a header such as 'feat: add the export command'",
                    line: 1, column: 1)
            ])
        }
        if let kind = autosquashKind(text) { return .autosquash(kind) }
        if isMergeHeader(text) { return .merge }
        if let revert = revertHeader(text) {
            var reverted: ConventionalCommit?
            if !revert.reapply, !revert.inner.isEmpty,
                case .success(let header) = parseHeader(MessageText(cleanBytes: Array(text.bytes[revert.inner])))
            {
                reverted = ConventionalCommit(
                    type: header.type, scope: header.scope, isBreaking: header.bang, subject: header.subject,
                    body: nil, footers: [], breakingNote: nil, references: [])
            }
            return .revert(Revert(revertedHeader: revert.revertedHeader, revertedIDs: revertedIDs(text), revertedCommit: reverted))
        }
        switch parseHeader(text) {
        case .failure(let error):
            return .invalid([error.diagnostic])
        case .success(let header):
            return .conventional(conventionalCommit(header, text))
        }
    }

    /// The cleaned message the diagnostics' line numbers refer to: CR LF and lone CR become LF,
    /// trailing whitespace is removed from every line (ASCII blanks and Unicode spaces), comments
    /// are removed when asked, and leading and trailing blank lines are removed.
    public static func clean(_ message: String, stripComments: Bool) -> String {
        MessageText(message, stripComments: stripComments).string
    }

    /// Problems with the body and footers that do not stop a message from parsing:
    /// `.bodyBlankLine` (no blank line after the header), `.footerFormat` (footers glued to the
    /// body, `Token:value`, `Reviewed by: X`, `BREAKING CHANGES:` and other near misses, an empty
    /// breaking-change note) and `.breakingChangeCase` (`breaking change: x`). Lines and columns
    /// refer to `clean(message, stripComments:)`. The header is not checked: `parse` does that.
    public static func structuralDiagnostics(_ message: String, stripComments: Bool) -> [Diagnostic] {
        structuralDiagnostics(MessageText(message, stripComments: stripComments))
    }

    /// The ids named by `This reverts commit <id>` (git's revert body; also written by hand in
    /// conventional `revert:` commits), in order, without duplicates.
    public static func revertedIDs(in message: String) -> [String] {
        revertedIDs(MessageText(message, stripComments: false))
    }

    /// False when `message` has no `(cherry picked from commit ` anywhere, so `cherryPickedFrom`
    /// finds nothing in it: most messages, told without splitting them into lines.
    public static func mayHaveCherryPickLine(_ message: String) -> Bool {
        var message = message
        return message.withUTF8 { bytes in
            let words = cherryPickWords
            var start = 0
            while let open = bytes[start...].firstIndex(of: words[0]) {
                guard open + words.count <= bytes.count else { return false }
                if (1..<words.count).allSatisfy({ bytes[open + $0] == words[$0] }) { return true }
                start = open + 1
            }
            return false
        }
    }

    private static let cherryPickWords = Array("(cherry picked from commit ".utf8)

    /// The ids of `(cherry picked from commit <id>)` lines, which `git cherry-pick -x` appends.
    public static func cherryPickedFrom(in message: String) -> [String] {
        let text = MessageText(message, stripComments: false)
        var ids: [String] = []
        for line in text.lines.indices {
            if let id = cherryPickID(text, line) {
                let s = text.string(id)
                if !ids.contains(s) { ids.append(s) }
            }
        }
        return ids
    }

    // MARK: -

    private static func conventionalCommit(_ header: ParsedHeader, _ text: MessageText) -> ConventionalCommit {
        let layout = FooterLayout(text)
        var footers: [Footer] = []
        var breakingNote: String?
        var hasBreakingFooter = false
        var references: [Reference] = []
        for parsed in layout.footers {
            let footer = Footer(token: layout.token(of: parsed), value: layout.value(of: parsed), separator: parsed.match.separator)
            if parsed.match.upperBreaking {
                if !hasBreakingFooter, !footer.value.isEmpty { breakingNote = footer.value }
                hasBreakingFooter = true
            }
            if let action = referenceAction(footer.token) {
                Self.references(in: footer.value, separator: footer.separator, action: action, into: &references)
            }
            footers.append(footer)
        }
        return ConventionalCommit(
            type: header.type, scope: header.scope, isBreaking: header.bang || hasBreakingFooter,
            subject: header.subject, body: layout.body, footers: footers, breakingNote: breakingNote,
            references: references)
    }

    static func revertedIDs(_ text: MessageText) -> [String] {
        let b = text.bytes
        let phrase: StaticString = "this reverts commit "
        let n = phrase.utf8CodeUnitCount
        var ids: [String] = []
        var i = 0
        while i + n < b.count {
            // Cheap first-byte filter before the full case-insensitive comparison.
            guard Bytes.lower(b[i]) == UInt8(ascii: "t"), Bytes.hasPrefix(b, i, b.count, phrase, ignoringCase: true),
                i == 0 || !Bytes.isAlnum(b[i - 1])
            else {
                i += 1
                continue
            }
            var j = i + n
            while j < b.count, Bytes.isHex(b[j]) { j += 1 }
            if j - (i + n) >= 4, j == b.count || !(Bytes.isAlnum(b[j]) || b[j] == Bytes.underscore) {
                let id = String(decoding: b[(i + n)..<j], as: UTF8.self)
                if !ids.contains(id) { ids.append(id) }
            }
            i = j
        }
        return ids
    }
}
