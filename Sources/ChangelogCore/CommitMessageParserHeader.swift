// The header line: `type(scope)!: description` (Conventional Commits 1.0.0 rules 1, 4, 5, 13, 15),
// and the headers git and the forges write themselves (merges, reverts, autosquash).

struct ParsedHeader: Equatable {
    var type: String
    var scope: String?
    var bang: Bool
    var subject: String
}

extension CommitMessageParser {
    /// Types that are common enough that `fix typo` is surely a `fix: typo` with a missing colon;
    /// used only to choose the better diagnostic, never to reject a type.
    private static let wellKnownTypes: Set<String> = [
        "feat", "feature", "fix", "docs", "doc", "style", "refactor", "perf", "test", "tests",
        "build", "ci", "chore", "revert", "deps",
    ]

    /// Parses line `line` of `text` as a Conventional Commits header.
    static func parseHeader(_ text: MessageText, line: Int = 0) -> Result<ParsedHeader, HeaderError> {
        let b = text.bytes
        let r = text.lines[line]
        let s = r.lowerBound
        let e = r.upperBound
        func fail(_ rule: Diagnostic.Rule, at offset: Int, _ message: String) -> Result<ParsedHeader, HeaderError> {
            .failure(HeaderError(Diagnostic(rule: rule, message: message, line: line + 1, column: text.column(offset, inLine: line))))
        }
        func str(_ from: Int, _ to: Int) -> String { from < to ? String(decoding: b[from..<to], as: UTF8.self) : "" }
        // Only error messages quote the header; a valid one is never copied.
        var whole: String { str(s, e) }

        // Type: [A-Za-z0-9_-]+ (rule 1: "a noun"; rule 15: case-insensitive, so stored lower-cased).
        var p = s
        while p < e, Bytes.isAlnum(b[p]) || b[p] == Bytes.dash || b[p] == Bytes.underscore { p += 1 }
        let typeEnd = p
        if typeEnd == s {
            if s < e, b[s] == Bytes.colon || b[s] == Bytes.openParen || b[s] == Bytes.bang {
                return fail(
                    .typeEmpty, at: s,
                    "the header has no type before '\(Character(Unicode.Scalar(b[s])))'; start it with a type such as 'feat' or 'fix', e.g. 'feat\(hint(whole))'"
                )
            }
            if s < e, Bytes.isBlank(b[s]) {
                return fail(
                    .headerFormat, at: s,
                    "the header starts with whitespace; remove it so that the header begins with the type, e.g. '\(hint(String(whole.drop(while: \.isWhitespace))))'"
                )
            }
            return fail(
                .headerFormat, at: s,
                "the header must start with a type (letters, digits, '-' or '_') followed by ': ' and a description; write 'type(scope): description', e.g. 'feat: \(hint(whole))'"
            )
        }
        var prefixEnd = typeEnd  // end of `type(scope)!`, for suggestions
        var scope: String?
        var bang = false
        var structured = false  // a scope or '!' was seen, so the writer clearly meant a conventional header

        if p < e, b[p] == Bytes.openParen {
            let open = p
            var q = p + 1
            while q < e, b[q] != Bytes.closeParen, b[q] != Bytes.openParen { q += 1 }
            if q == e {
                return fail(
                    .headerFormat, at: open,
                    "the '(' that opens the scope is never closed; write 'type(scope): description', e.g. '\(str(s, typeEnd))(scope): …'")
            }
            if b[q] == Bytes.openParen {
                return fail(
                    .headerFormat, at: q,
                    "a scope cannot contain '('; write one scope without parentheses inside it, e.g. '\(str(s, typeEnd))(parser): …'")
            }
            // Trim ASCII blanks on the bytes; most commits have a scope, so this runs for nearly every one.
            var first = open + 1, last = q
            while first < last, b[first] == Bytes.space || b[first] == Bytes.tab { first += 1 }
            while last > first, b[last - 1] == Bytes.space || b[last - 1] == Bytes.tab { last -= 1 }
            let trimmed = str(first, last)
            if trimmed.isEmpty {
                return fail(
                    .scopeEmpty, at: open + 1,
                    "the scope between '(' and ')' is empty; name the part of the code, e.g. '\(str(s, typeEnd))(parser): …', or drop the parentheses: '\(str(s, typeEnd)): …'"
                )
            }
            scope = trimmed
            p = q + 1
            prefixEnd = p
            structured = true
            if p < e, b[p] == Bytes.openParen {
                return fail(
                    .headerFormat, at: p,
                    "a header has at most one scope; write a single scope, e.g. '\(str(s, prefixEnd)): …'")
            }
        }
        if p < e, b[p] == Bytes.bang {
            bang = true
            p += 1
            prefixEnd = p
            structured = true
        }

        // Separator: exactly ':' and at least one space (rules 1 and 5).
        if p < e, b[p] == Bytes.colon {
            if p + 1 == e {
                return fail(
                    .subjectEmpty, at: e,
                    "the description after '\(str(s, p + 1))' is empty; describe the change after ': ', e.g. '\(str(s, prefixEnd)): add the export command'"
                )
            }
            guard b[p + 1] == Bytes.space else {
                return fail(
                    .separator, at: p + 1,
                    "missing space after ':'; the type must be followed by ': ' (colon and space), e.g. '\(str(s, prefixEnd)): \(hint(restAfterSeparator(b, p, e)))'"
                )
            }
            var d = p + 2
            while d < e, Bytes.isBlank(b[d]) { d += 1 }
            if d == e {
                return fail(
                    .subjectEmpty, at: p + 2,
                    "the description after '\(str(s, p + 1))' is empty; describe the change after ': ', e.g. '\(str(s, prefixEnd)): add the export command'"
                )
            }
            var subject = str(d, e)
            if b[d] >= 0x80, subject.first?.isWhitespace == true {
                // A Unicode space (U+3000, NBSP) after ': '.
                subject = String(subject.drop(while: \.isWhitespace))
                if subject.isEmpty {
                    return fail(
                        .subjectEmpty, at: p + 2,
                        "the description after '\(str(s, p + 1))' is empty; describe the change after ': ', e.g. '\(str(s, prefixEnd)): add the export command'"
                    )
                }
            }
            var type = [UInt8]()
            type.reserveCapacity(typeEnd - s)
            for k in s..<typeEnd { type.append(Bytes.lower(b[k])) }
            return .success(ParsedHeader(type: String(decoding: type, as: UTF8.self), scope: scope, bang: bang, subject: subject))
        }

        // Everything below is a malformed header; pick the diagnostic that says the most.
        var q = p
        while q < e, Bytes.isBlank(b[q]) { q += 1 }
        if q > p, q < e, b[q] == Bytes.colon {
            return fail(
                .separator, at: p,
                "expected ': ' right after the type; remove the space before ':', e.g. '\(str(s, prefixEnd)): \(hint(restAfterSeparator(b, p, e)))'"
            )
        }
        if !structured {
            // `feat- x`, `feat_ x`: the separator was typed as part of the type.
            var t = typeEnd
            while t > s, b[t - 1] == Bytes.dash || b[t - 1] == Bytes.underscore { t -= 1 }
            if t > s, t < typeEnd, p == e || Bytes.isBlank(b[p]) {
                return fail(
                    .separator, at: t,
                    "expected ': ' after the type; write '\(str(s, t)): \(hint(restAfterSeparator(b, t, e)))'")
            }
        }
        let misplacedSeparator = q < e && isSeparatorLike(b, q, e)
        if structured || misplacedSeparator || ((p == e || Bytes.isBlank(b[p])) && wellKnownTypes.contains(str(s, typeEnd).lowercased())) {
            let rest = restAfterSeparator(b, p, e)
            if p == e || rest.isEmpty {
                return fail(
                    .separator, at: p,
                    "expected ': ' and a description after '\(str(s, prefixEnd))'; write e.g. '\(str(s, prefixEnd)): add the export command'"
                )
            }
            if bang, b[p] == Bytes.openParen {
                return fail(
                    .separator, at: p - 1,
                    "'!' goes after the scope, right before ':'; write e.g. '\(str(s, typeEnd))(scope)!: \(hint(rest))'")
            }
            return fail(
                .separator, at: p,
                "expected ': ' after the type; write '\(str(s, prefixEnd)): \(hint(rest))'")
        }
        return fail(
            .headerFormat, at: p,
            "expected ': ' after the type '\(str(s, typeEnd))'; write the header as 'type(scope): description' with a type such as feat or fix, e.g. 'feat: \(hint(whole))'"
        )
    }

    /// The text a botched separator was meant to introduce: what follows `from` once separator-ish
    /// punctuation and blanks are skipped.
    private static func restAfterSeparator(_ b: [UInt8], _ from: Int, _ e: Int) -> String {
        var k = from
        while k < e {
            if Bytes.isBlank(b[k]) || b[k] == Bytes.bang || isSeparatorLike(b, k, e) {
                k += (b[k] == 0xE2) ? 3 : 1
            } else {
                break
            }
        }
        return k < e ? String(decoding: b[k..<e], as: UTF8.self) : ""
    }

    /// `:` `;` `.` `,` `=` `>` `-` `~` `|`, or an en or em dash: what people type instead of ': '.
    private static func isSeparatorLike(_ b: [UInt8], _ k: Int, _ e: Int) -> Bool {
        switch b[k] {
        case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "="),
            UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: "|"):
            return true
        case 0xE2:
            return k + 2 < e && b[k + 1] == 0x80 && (b[k + 2] == 0x93 || b[k + 2] == 0x94)
        default:
            return false
        }
    }

    /// Shortens a text quoted in a hint.
    static func hint(_ s: String) -> String {
        let limit = 50
        guard s.count > limit else { return s }
        return String(s.prefix(limit)) + "…"
    }

    // MARK: git's own headers

    static func autosquashKind(_ text: MessageText) -> AutosquashKind? {
        let r = text.lines[0]
        func starts(_ p: StaticString) -> Bool {
            let n = p.utf8CodeUnitCount
            return text.hasPrefix(p, line: 0) && (r.count == n || Bytes.isBlank(text.bytes[r.lowerBound + n]))
        }
        if starts("fixup!") { return .fixup }
        if starts("squash!") { return .squash }
        if starts("amend!") { return .amend }
        return nil
    }

    /// Headers that git (`merge`, `pull`) and the forges write for merge commits.
    private static let mergePrefixes: [StaticString] = [
        "Merge branch ", "Merge branches ", "Merge remote-tracking branch ", "Merge remote-tracking branches ",
        "Merge remote branch ", "Merge tag ", "Merge tags ", "Merge commit ", "Merge commits ", "Merge '",
        "Merge pull request #", "Merge pull request !",  // GitHub; some mirrors of GitLab
        "Merged in ",  // Bitbucket
        "Merged PR ",  // Azure DevOps
    ]

    static func isMergeHeader(_ text: MessageText) -> Bool {
        mergePrefixes.contains { text.hasPrefix($0, line: 0) }
    }

    /// git's `Revert "<header>"` (any nesting; a suffix after the closing quote such as GitHub's
    /// ` (#12)` is ignored), and git 2.43+'s `Reapply "<header>"`, which it writes
    /// when reverting a revert: that is reported as a revert of `Revert "<header>"`, which is what it is.
    static func revertHeader(_ text: MessageText) -> (revertedHeader: String, inner: Range<Int>, reapply: Bool)? {
        let r = text.lines[0]
        let reapply: Bool
        let start: Int
        if text.hasPrefix("Revert \"", line: 0) {
            reapply = false
            start = r.lowerBound + 8
        } else if text.hasPrefix("Reapply \"", line: 0) {
            reapply = true
            start = r.lowerBound + 9
        } else {
            return nil
        }
        // Up to the last quote, so that a forge's suffix (`Revert "feat: x" (#12)`) is left out.
        var end = r.upperBound
        while end > start, text.bytes[end - 1] != Bytes.quote { end -= 1 }
        if end > start { end -= 1 } else { end = r.upperBound }
        let inner = start..<max(start, end)
        let header = text.string(inner)
        return (reapply ? "Revert \"\(header)\"" : header, inner, reapply)
    }
}

struct HeaderError: Error {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
