// Body and footers (Conventional Commits 1.0.0 rules 6–12 and 16).
//
// WHERE THE FOOTERS START. The specification puts footers "one blank line after the body" and
// borrows git's trailer convention, but a body is free-form, so a paragraph of prose such as
// "Note: this is prose" looks exactly like a footer. We follow git interpret-trailers: footers are
// the *last* paragraph(s) of the message, never a paragraph in the middle of the body. Precisely,
// the footer block starts at the first line of the earliest paragraph P such that
//   - P's first line is a footer line (`Token: value`, `Token #value`, `BREAKING CHANGE: value`), and
//   - every later paragraph also starts with a footer line, or continues the value of a
//     `BREAKING CHANGE` footer (a breaking-change note may have several paragraphs, as
//     conventional-changelog reads it).
// Inside the block, any line that is not a footer line continues the previous footer's value
// (rule 10: the value ends only where the next token/separator pair starts). git itself requires
// such lines to be indented; the specification does not, so we accept both.
// Where we depart from git: an upper-case `BREAKING CHANGE: ` (or `BREAKING-CHANGE: `) line at the
// start of any line after the header starts the footer block even without a blank line before it,
// and everything after it belongs to the block, as conventional-changelog and commitlint read it:
// missing a breaking change would bump the version wrongly. `structuralDiagnostics` reports the
// missing blank line. Other footer-looking lines inside prose paragraphs stay body text.
// `(cherry picked from commit <id>)` lines, which `git cherry-pick -x` appends, are neither body
// nor footer: they are skipped wherever they are.

struct FooterMatch {
    var token: Range<Int>
    var separator: Footer.Separator
    /// The value on the footer's own line; empty for `BREAKING CHANGE:` at the end of a line.
    var value: Range<Int>
    /// `BREAKING CHANGE` or `BREAKING-CHANGE` in any case.
    var breakingToken: Bool
    /// The same, upper case: only this marks a breaking change (rule 15).
    var upperBreaking: Bool
}

struct ParsedFooter {
    var line: Int
    var match: FooterMatch
    /// Continuation lines, each with the number of blank lines before it.
    var continuation: [(blanksBefore: Int, line: Int)] = []
}

extension CommitMessageParser {
    /// Reads `text`'s line `line` as a footer line, or returns nil.
    static func matchFooter(_ text: MessageText, _ line: Int) -> FooterMatch? {
        let b = text.bytes
        let r = text.lines[line]
        let s = r.lowerBound
        let e = r.upperBound
        guard s < e, Bytes.isLetter(b[s]) else { return nil }
        var tokenEnd: Int
        var breaking = false
        var upper = false
        if e - s >= 15, b[s + 8] == Bytes.space, Bytes.hasPrefix(b, s, e, "breaking change", ignoringCase: true) {
            tokenEnd = s + 15
            breaking = true
            upper = Bytes.hasPrefix(b, s, e, "BREAKING CHANGE")
        } else {
            tokenEnd = s
            while tokenEnd < e, Bytes.isAlnum(b[tokenEnd]) || b[tokenEnd] == Bytes.dash { tokenEnd += 1 }
            if Bytes.equals(b, s, tokenEnd, "breaking-change", ignoringCase: true) {
                breaking = true
                upper = Bytes.equals(b, s, tokenEnd, "BREAKING-CHANGE")
            }
        }
        guard tokenEnd < e else { return nil }
        if b[tokenEnd] == Bytes.colon {
            if tokenEnd + 1 == e {
                // `BREAKING CHANGE:` with the note on the following lines.
                guard breaking else { return nil }
                return FooterMatch(token: s..<tokenEnd, separator: .colon, value: e..<e, breakingToken: true, upperBreaking: upper)
            }
            guard b[tokenEnd + 1] == Bytes.space else { return nil }
            var v = tokenEnd + 2
            while v < e, Bytes.isBlank(b[v]) { v += 1 }
            return FooterMatch(token: s..<tokenEnd, separator: .colon, value: v..<e, breakingToken: breaking, upperBreaking: upper)
        }
        // `Token #value`; rule 12 gives a breaking change only the ': ' form.
        if !breaking, b[tokenEnd] == Bytes.space, tokenEnd + 2 < e, b[tokenEnd + 1] == Bytes.hash, !Bytes.isBlank(b[tokenEnd + 2]) {
            return FooterMatch(token: s..<tokenEnd, separator: .hash, value: (tokenEnd + 2)..<e, breakingToken: false, upperBreaking: false)
        }
        return nil
    }

    /// The id in a `(cherry picked from commit <id>)` line, as `git cherry-pick -x` writes it.
    static func cherryPickID(_ text: MessageText, _ line: Int) -> Range<Int>? {
        let b = text.bytes
        let r = text.lines[line]
        var s = r.lowerBound
        while s < r.upperBound, Bytes.isBlank(b[s]) { s += 1 }
        let e = r.upperBound
        let prefix: StaticString = "(cherry picked from commit "
        let n = prefix.utf8CodeUnitCount
        guard e - s > n + 4, b[e - 1] == Bytes.closeParen, Bytes.hasPrefix(b, s, e, prefix) else { return nil }
        let id = (s + n)..<(e - 1)
        guard id.count >= 4, id.allSatisfy({ Bytes.isHex(b[$0]) }) else { return nil }
        return id
    }
}

/// The lines after the header, and where the footer block starts among them.
struct FooterLayout {
    let text: MessageText
    /// Line indices after the header, without cherry-pick lines; blank lines included.
    private(set) var content: [Int] = []
    /// `matchFooter` for each entry of `content` (nil for blank and non-footer lines).
    private(set) var matches: [FooterMatch?] = []
    /// Index into `content` of the block's first line.
    private(set) var blockStart: Int?

    init(_ text: MessageText) {
        self.text = text
        guard text.lines.count > 1 else { return }
        content.reserveCapacity(text.lines.count - 1)
        matches.reserveCapacity(text.lines.count - 1)
        var latestIsBreaking: Bool? = nil  // the token of the latest footer line seen
        var paragraphStart = true
        var pinned = false  // an upper-case BREAKING CHANGE footer was seen: the block cannot end before it
        for line in 1..<text.lines.count {
            if text.isBlank(line) {
                content.append(line)
                matches.append(nil)
                paragraphStart = true
                continue
            }
            if CommitMessageParser.cherryPickID(text, line) != nil { continue }
            let match = CommitMessageParser.matchFooter(text, line)
            let k = content.count
            content.append(line)
            matches.append(match)
            if let match {
                if blockStart == nil, paragraphStart || match.upperBreaking { blockStart = k }
                if match.upperBreaking { pinned = true }
                latestIsBreaking = match.breakingToken
            } else if paragraphStart, latestIsBreaking != true, !pinned {
                blockStart = nil  // a prose paragraph: any footers before it were body text
            }
            paragraphStart = false
        }
    }

    /// Content indices of the body, without leading and trailing blank lines.
    var bodyRange: Range<Int> {
        var lo = 0
        var hi = blockStart ?? content.count
        while lo < hi, text.isBlank(content[lo]) { lo += 1 }
        while hi > lo, text.isBlank(content[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    var body: String? {
        let range = bodyRange
        guard !range.isEmpty else { return nil }
        var out: [UInt8] = []
        for k in range {
            if k > range.lowerBound { out.append(Bytes.lf) }
            out.append(contentsOf: text.bytes[text.lines[content[k]]])
        }
        return String(decoding: out, as: UTF8.self)
    }

    var footers: [ParsedFooter] {
        guard let start = blockStart else { return [] }
        var result: [ParsedFooter] = []
        var blanks = 0
        for k in start..<content.count {
            let line = content[k]
            if text.isBlank(line) {
                blanks += 1
            } else if let match = matches[k] {
                result.append(ParsedFooter(line: line, match: match))
                blanks = 0
            } else if !result.isEmpty {
                result[result.count - 1].continuation.append((blanks, line))
                blanks = 0
            }
        }
        return result
    }

    /// The footer's value: its own line, then continuation lines with their common indentation
    /// removed, keeping line breaks and inner blank lines.
    func value(of footer: ParsedFooter) -> String {
        let b = text.bytes
        var out = Array(b[footer.match.value])
        var indent = Int.max
        for (_, line) in footer.continuation {
            let r = text.lines[line]
            var k = r.lowerBound
            while k < r.upperBound, Bytes.isBlank(b[k]) { k += 1 }
            indent = min(indent, k - r.lowerBound)
        }
        for (blanks, line) in footer.continuation {
            let r = text.lines[line]
            if !out.isEmpty { out.append(contentsOf: repeatElement(Bytes.lf, count: blanks + 1)) }
            out.append(contentsOf: b[(r.lowerBound + indent)..<r.upperBound])
        }
        var lead = 0
        while lead < out.count, Bytes.isBlank(out[lead]) { lead += 1 }
        if lead > 0 { out.removeFirst(lead) }
        return String(decoding: out, as: UTF8.self)
    }

    func token(of footer: ParsedFooter) -> String { text.string(footer.match.token) }
}

// MARK: References

extension CommitMessageParser {
    /// The canonical action for a footer token that closes or mentions issues, or nil.
    static func referenceAction(_ token: String) -> String? {
        switch token.lowercased() {
        case "close", "closes", "closed": return "Closes"
        case "fix", "fixes", "fixed": return "Fixes"
        case "resolve", "resolves", "resolved": return "Resolves"
        case "ref", "refs", "references": return "Refs"
        case "related": return "Related"
        case "see": return "See"
        default: return nil
        }
    }

    /// `#12`, `o/r#12`, `group/sub/project#12`, and GitLab merge requests `!12`, `o/r!12`, in a
    /// footer value (`Closes #12` footers have the value `12`, so `#` is put back first).
    static func references(in value: String, separator: Footer.Separator, action: String, into refs: inout [Reference]) {
        var v = Array(value.utf8)
        if separator == .hash { v.insert(Bytes.hash, at: 0) }
        let n = v.count
        var i = 0
        while i < n {
            let c = v[i]
            guard c == Bytes.hash || c == Bytes.bang else {
                i += 1
                continue
            }
            var j = i + 1
            while j < n, Bytes.isDigit(v[j]) { j += 1 }
            defer { i = max(i + 1, j) }
            guard j > i + 1, j == n || !(Bytes.isAlnum(v[j]) || v[j] == Bytes.underscore) else { continue }
            var k = i
            while k > 0, isRepositoryByte(v[k - 1]) { k -= 1 }
            var repository: String?
            if k < i {
                let segment = v[k..<i]
                guard segment.contains(Bytes.slash), segment.first != Bytes.slash, segment.last != Bytes.slash else { continue }
                repository = String(decoding: segment, as: UTF8.self)
            }
            let ref = Reference(
                action: action, issue: String(decoding: v[(i + 1)..<j], as: UTF8.self),
                kind: c == Bytes.hash ? .issue : .mergeRequest, repository: repository)
            if !refs.contains(ref) { refs.append(ref) }
        }
    }

    private static func isRepositoryByte(_ b: UInt8) -> Bool {
        Bytes.isAlnum(b) || b == Bytes.dash || b == Bytes.underscore || b == UInt8(ascii: ".") || b == Bytes.slash
    }
}

// MARK: Structural diagnostics

extension CommitMessageParser {
    static func structuralDiagnostics(_ text: MessageText) -> [Diagnostic] {
        guard text.lines.count > 1 else { return [] }
        var out: [Diagnostic] = []
        func add(_ rule: Diagnostic.Rule, _ line: Int, _ message: String, column: Int = 1) {
            out.append(Diagnostic(rule: rule, message: message, line: line + 1, column: column))
        }
        if !text.isBlank(1), cherryPickID(text, 1) == nil {
            add(.bodyBlankLine, 1, "the body must begin one blank line after the header; insert an empty line after line 1")
        }
        let layout = FooterLayout(text)
        let content = layout.content
        if let start = layout.blockStart, start > 0, !text.isBlank(content[start - 1]) {
            add(
                .footerFormat, content[start],
                "footers must be separated from the body by a blank line; insert an empty line before line \(content[start] + 1)")
        }
        for footer in layout.footers {
            let token = layout.token(of: footer)
            if footer.match.breakingToken, !footer.match.upperBreaking {
                add(
                    .breakingChangeCase, footer.line,
                    "'\(token)' must be upper case to mark a breaking change; write '\(token.uppercased()): …'")
            }
            if footer.match.breakingToken, layout.value(of: footer).isEmpty {
                add(
                    .footerFormat, footer.line,
                    "the \(token) footer has no description; say what breaks and how to migrate, e.g. '\(token): the --foo option is removed; use --bar'"
                )
            }
            if let problem = breakingLookalike(text, footer.line) { add(.footerFormat, footer.line, problem) }
            if !footer.match.breakingToken {
                for (_, line) in footer.continuation {
                    if let problem = malformedFooter(text, line) ?? breakingLookalike(text, line) {
                        add(.footerFormat, line, problem)
                    }
                }
            }
        }
        let body = layout.bodyRange
        for k in body {
            let line = content[k]
            if text.isBlank(line) { continue }
            if let match = layout.matches[k], match.breakingToken, !match.upperBreaking {
                let token = text.string(match.token)
                add(
                    .breakingChangeCase, line,
                    "'\(token)' must be upper case to mark a breaking change, and a footer goes after a blank line at the end; write '\(token.uppercased()): …'"
                )
            } else if let problem = breakingLookalike(text, line) {
                add(.footerFormat, line, problem)
            }
        }
        // Footer lines glued to the end of the last body paragraph: they are read as body text.
        if layout.blockStart == nil, !body.isEmpty {
            var first = body.upperBound - 1
            while first > body.lowerBound, !text.isBlank(content[first - 1]) { first -= 1 }
            if let problem = malformedFooter(text, content[first]) {
                add(.footerFormat, content[first], problem)
            } else {
                var run = body.upperBound
                while run > first + 1, layout.matches[run - 1] != nil { run -= 1 }
                if run < body.upperBound, run > first, let match = layout.matches[run] {
                    add(
                        .footerFormat, content[run],
                        "'\(text.string(match.token))' is read as body text because no blank line separates the footers from the body; insert an empty line before line \(content[run] + 1)"
                    )
                }
            }
        }
        out.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return out
    }

    /// A line that was meant as a footer but is not one: `Token:value`, `Token#12`, `Reviewed by: Z`.
    static func malformedFooter(_ text: MessageText, _ line: Int) -> String? {
        let b = text.bytes
        let r = text.lines[line]
        let s = r.lowerBound
        let e = r.upperBound
        guard s < e, Bytes.isLetter(b[s]) else { return nil }
        var t = s
        var words = 1
        while t < e {
            if Bytes.isAlnum(b[t]) || b[t] == Bytes.dash {
                t += 1
            } else if b[t] == Bytes.space, t + 1 < e, Bytes.isLetter(b[t + 1]), words < 3 {
                words += 1
                t += 1
            } else {
                break
            }
        }
        guard t < e else { return nil }
        let token = text.string(s..<t)
        let value = text.string((t + 1)..<e).drop(while: { $0 == " " })
        if words > 1 {
            // Only the shapes of real trailers (`Reviewed by`, `Signed off by`, `Related to`), so
            // that prose such as "Old behaviour: ..." is left alone.
            guard b[t] == Bytes.colon, t + 1 < e, b[t + 1] == Bytes.space,
                let lastWord = token.split(separator: " ").last?.lowercased(),
                ["by", "to", "of", "with"].contains(lastWord)
            else { return nil }
            let fixed = token.replacingSpaces()
            return "a footer token uses '-' instead of spaces; write '\(fixed): \(hint(String(value)))'"
        }
        if b[t] == Bytes.colon, t + 1 < e, !Bytes.isBlank(b[t + 1]), b[t + 1] != Bytes.slash, b[t + 1] != Bytes.colon {
            return "missing space after ':' in the '\(token)' footer; write '\(token): \(hint(String(value)))'"
        }
        if b[t] == Bytes.hash, t + 1 < e, Bytes.isDigit(b[t + 1]) {
            return "missing space before '#' in the '\(token)' footer; write '\(token) #\(hint(String(value)))'"
        }
        return nil
    }

    /// Near misses of the breaking-change footer that tools other than this one may accept.
    static func breakingLookalike(_ text: MessageText, _ line: Int) -> String? {
        let b = text.bytes
        let r = text.lines[line]
        let s = r.lowerBound
        let e = r.upperBound
        guard e - s >= 9, Bytes.isLetter(b[s]), Bytes.hasPrefix(b, s, e, "breaking", ignoringCase: true) else { return nil }
        var t = s + 8
        let hasChange: Bool
        if t < e, b[t] == Bytes.space || b[t] == Bytes.dash || b[t] == Bytes.underscore,
            Bytes.hasPrefix(b, t + 1, e, "change", ignoringCase: true)
        {
            t += 7
            hasChange = true
        } else {
            hasChange = false
        }
        var plural = false
        if hasChange, t < e, Bytes.lower(b[t]) == UInt8(ascii: "s") {
            plural = true
            t += 1
        }
        guard t < e else { return nil }
        let written = text.string(s..<t)
        let rest = String(text.string(t..<e).drop(while: { $0 == ":" || $0 == " " || $0 == "#" }))
        let fix = "write 'BREAKING CHANGE: \(hint(rest.isEmpty ? "what breaks and how to migrate" : rest))'"
        if !hasChange {
            guard b[t] == Bytes.colon else { return nil }
            return "'\(written):' is not a breaking-change footer; \(fix)"
        }
        if plural || b[s + 8] == Bytes.underscore {
            guard b[t] == Bytes.colon else { return nil }
            return "'\(written)' is not a breaking-change footer; \(fix)"
        }
        if b[t] == Bytes.colon, t + 1 < e, b[t + 1] != Bytes.space {
            return "missing space after '\(written):'; \(fix)"
        }
        if b[t] == Bytes.space, t + 1 < e, b[t + 1] == Bytes.hash {
            return "a breaking change footer takes ': ', not ' #'; \(fix)"
        }
        if Bytes.isBlank(b[t]) {
            var k = t
            while k < e, Bytes.isBlank(b[k]) { k += 1 }
            if k < e, b[k] == Bytes.colon { return "remove the space before ':'; \(fix)" }
        }
        return nil
    }
}

private extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "-" : $0 }) }
}
