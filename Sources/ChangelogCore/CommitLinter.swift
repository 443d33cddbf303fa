/// Lints commit messages against the Conventional Commits rules and the `[check]` options.
public struct CommitLinter: Sendable {
    public var options: LintOptions

    public init(options: LintOptions = LintOptions()) {
        self.options = options
    }

    /// Lints one message.
    ///
    /// - Parameters:
    ///   - id: the full commit id, or nil for a message file.
    ///   - parentCount: more than 1 makes it a merge commit whatever the message says.
    ///   - stripComments: true for the file a commit-msg hook receives (see `CommitMessageParser.parse`).
    public func lint(message: String, id: String?, parentCount: Int, stripComments: Bool) -> LintResult {
        let text = MessageText(message, stripComments: stripComments)
        let cleaned = text.string
        let header = text.isEmpty ? "" : text.string(text.lines[0])
        let first = CommitMessageParser.parse(text, parentCount: parentCount)

        let kind: LintResult.Kind
        let ignored: Bool
        switch first {
        case .conventional: (kind, ignored) = (.conventional, false)
        case .merge: (kind, ignored) = (.merge, options.ignoreMerges)
        case .revert: (kind, ignored) = (.revert, options.ignoreReverts)
        case .autosquash: (kind, ignored) = (.fixup, options.ignoreAutosquash)
        case .invalid: (kind, ignored) = (.invalid, false)
        }
        var result = LintResult(
            id: id, header: header, kind: kind, ignored: ignored, errors: [], commit: nil, cleanedMessage: cleaned)
        if ignored { return result }

        // Not ignored: lint the text as an ordinary message, whatever git or a forge meant by it.
        let parsed: ParsedMessage
        if parentCount > 1, case .merge = first {
            parsed = CommitMessageParser.parse(text, parentCount: 1)
        } else {
            parsed = first
        }
        var errors: [Diagnostic] = []
        switch parsed {
        case .conventional(let commit):
            result.commit = commit
            errors += typeDiagnostics(commit, header: header)
            errors += scopeDiagnostics(commit, header: header)
        case .merge:
            errors.append(
                Diagnostic(
                    rule: .headerFormat,
                    message: "'\(CommitMessageParser.hint(header))' is a merge commit header, not a Conventional Commit; "
                        + "rebase instead of merging, reword the merge as 'type: description' (e.g. 'feat: merge the export command'), "
                        + "or set ignore-merges = true under [check]",
                    line: 1, column: 1))
        case .revert(let revert):
            let reverted = revert.revertedHeader.isEmpty ? "<reverted header>" : revert.revertedHeader
            errors.append(
                Diagnostic(
                    rule: .headerFormat,
                    message: "git's 'Revert \"…\"' header is not a Conventional Commit; write "
                        + "'revert: \(CommitMessageParser.hint(reverted))' and keep 'This reverts commit <id>.' in the body, "
                        + "or set ignore-reverts = true under [check]",
                    line: 1, column: 1))
        case .autosquash(let squash):
            errors.append(
                Diagnostic(
                    rule: .headerFormat,
                    message: "'\(squash.rawValue)!' commits are meant to be folded into their target before they are merged; "
                        + "run 'git rebase -i --autosquash' to squash it, or set ignore-autosquash = true under [check]",
                    line: 1, column: 1))
        case .invalid(let diagnostics):
            errors += diagnostics
        }
        if !text.isEmpty {
            if let length = lengthDiagnostic(header) { errors.append(length) }
            errors += CommitMessageParser.structuralDiagnostics(text)
        }

        // `(cherry picked from commit …)` lines are written by git itself: never an error.
        let cherryPickLines = Set(text.lines.indices.filter { CommitMessageParser.cherryPickID(text, $0) != nil }.map { $0 + 1 })
        errors.removeAll { options.disabledRules.contains($0.rule) || cherryPickLines.contains($0.line) }
        // A stable sort: the header's problems in column order, then the body's.
        result.errors = errors.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
        return result
    }

    // MARK: Rules

    private func typeDiagnostics(_ commit: ConventionalCommit, header: String) -> [Diagnostic] {
        let allowed = options.types.map { $0.lowercased() }
        guard !allowed.isEmpty, !allowed.contains(commit.type) else { return [] }
        // The type is ASCII, so its length in Characters is its length in the header.
        let written = String(header.prefix(commit.type.count))
        let rest = String(header.dropFirst(commit.type.count))
        let list = Self.uniqued(allowed).joined(separator: ", ")
        let message: String
        if let suggestion = Self.closest(to: commit.type, among: Self.uniqued(allowed), synonyms: Self.typeSynonyms) {
            message =
                "type '\(written)' is not allowed; did you mean '\(suggestion)'? "
                + "Write '\(CommitMessageParser.hint(suggestion + rest))'; allowed types: \(list)"
        } else {
            message =
                "type '\(written)' is not allowed; use one of the allowed types: \(list) "
                + "(or add '\(commit.type)' to types under [check])"
        }
        return [Diagnostic(rule: .typeAllowed, message: message, line: 1, column: 1)]
    }

    private func scopeDiagnostics(_ commit: ConventionalCommit, header: String) -> [Diagnostic] {
        guard !options.scopes.isEmpty, let scope = commit.scope, !options.scopes.contains(scope) else { return [] }
        // Where the scope starts: after `type(` and any blanks the parser trimmed.
        let afterParen = header.dropFirst(commit.type.count + 1)
        let scopeColumn = commit.type.count + 2 + afterParen.prefix(while: \.isWhitespace).count
        // `api,cli` and `api/cli` name several scopes; each must be allowed.
        var offset = 0
        var bad: (name: String, offset: Int)?
        for part in scope.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "/" || $0 == "\\" }) {
            let lead = part.prefix(while: \.isWhitespace).count
            let name = part.trimmedForLint()
            if !options.scopes.contains(name) {
                bad = (name, offset + lead)
                break
            }
            offset += part.count + 1
        }
        guard let bad else { return [] }
        let name = bad.name
        let column = scopeColumn + bad.offset
        let list = options.scopes.joined(separator: ", ")
        var message = "scope '\(name)' is not allowed; "
        if !name.isEmpty, let suggestion = Self.closest(to: name, among: options.scopes, synonyms: [:]) {
            message += "did you mean '\(suggestion)'? "
        }
        message += "Use one of the allowed scopes: \(list), or leave the scope out (or add '\(name)' to scopes under [check])"
        return [Diagnostic(rule: .scopeAllowed, message: message, line: 1, column: column)]
    }

    private func lengthDiagnostic(_ header: String) -> Diagnostic? {
        let limit = options.headerMaxLength
        let length = header.count
        guard limit > 0, length > limit else { return nil }
        let over = length - limit
        return Diagnostic(
            rule: .headerMaxLength,
            message: "the header is \(length) characters long, \(over) over the limit of \(limit); "
                + "shorten the description and move the details to the body, after a blank line",
            line: 1, column: limit + 1)
    }

    // MARK: Suggestions

    /// Words people write for the standard types.
    static let typeSynonyms: [String: String] = [
        "feature": "feat", "features": "feat", "new": "feat", "add": "feat",
        "bug": "fix", "bugfix": "fix", "hotfix": "fix", "fixes": "fix", "fixed": "fix",
        "doc": "docs", "documentation": "docs", "readme": "docs",
        "tests": "test", "testing": "test", "spec": "test",
        "performance": "perf", "optimize": "perf", "optimise": "perf",
        "refactoring": "refactor", "refacto": "refactor", "cleanup": "refactor",
        "format": "style", "formatting": "style", "lint": "style",
        "chores": "chore", "misc": "chore",
        "reverts": "revert",
    ]

    /// The candidate closest to `word`: a known synonym, one that starts with the other, or one
    /// within a small edit distance (transpositions count 1); nil when none is close enough.
    static func closest(to word: String, among candidates: [String], synonyms: [String: String]) -> String? {
        let lowered = word.lowercased()
        if let synonym = synonyms[lowered], let match = candidates.first(where: { $0.lowercased() == synonym }) {
            return match
        }
        var best: (score: Int, candidate: String)?
        for candidate in candidates {
            let c = candidate.lowercased()
            var score: Int?
            if min(c.count, lowered.count) >= 3, c.hasPrefix(lowered) || lowered.hasPrefix(c) {
                score = abs(c.count - lowered.count) <= 2 ? 1 : 2
            }
            let distance = editDistance(lowered, c)
            let limit = min(c.count, lowered.count) <= 4 ? 1 : 2
            if distance <= limit { score = min(score ?? Int.max, distance) }
            if let score, score < best?.score ?? Int.max { best = (score, candidate) }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    private static func uniqued(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

private extension StringProtocol {
    func trimmedForLint() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
