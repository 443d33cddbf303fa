import ChangelogCore
import FuzzSupport

// Any bytes as a commit message. The first byte picks the parser's options (merge parent count,
// comment stripping); the rest is the message. Crashes, traps and broken invariants abort.

runFuzzer { data, size in
    let input = bytes(data, size)
    guard let options = input.first else { return 0 }
    let message = String(decoding: input.dropFirst(), as: UTF8.self)
    let parentCount = options & 1 == 0 ? 1 : 2
    let stripComments = options & 2 != 0
    check(message, parentCount: parentCount, stripComments: stripComments)
    return 0
}

private func check(_ message: String, parentCount: Int, stripComments: Bool) {
    let cleaned = CommitMessageParser.clean(message, stripComments: stripComments)
    let lines = cleaned.isEmpty ? [] : cleaned.split(separator: "\n", omittingEmptySubsequences: false)

    // Cleaning is a fixed point, and the parser reads the cleaned text, so parsing it gives the same result.
    require(CommitMessageParser.clean(cleaned, stripComments: false) == cleaned, "clean is not idempotent")
    let parsed = CommitMessageParser.parse(message, parentCount: parentCount, stripComments: stripComments)
    require(CommitMessageParser.parse(cleaned, parentCount: parentCount) == parsed, "parse differs on the cleaned message")
    if parentCount > 1 { require(parsed == .merge, "a commit with two parents is a merge") }
    if case .conventional(let commit) = parsed {
        require(!commit.type.isEmpty && commit.type == commit.type.lowercased(), "type '\(commit.type)' not lower-cased")
        require(!commit.isBreaking ? commit.breakingNote == nil : true, "a breaking note on a non-breaking commit")
    }

    let linter = CommitLinter()
    let result = linter.lint(message: message, id: nil, parentCount: parentCount, stripComments: stripComments)
    require(result.cleanedMessage == cleaned, "the linter cleaned differently")
    for diagnostic in result.errors + CommitMessageParser.structuralDiagnostics(message, stripComments: stripComments) {
        // Diagnostics point into the cleaned message (line 1, column 1 for an empty one).
        if lines.isEmpty {
            require(diagnostic.line == 1 && diagnostic.column == 1, "diagnostic outside an empty message: \(diagnostic)")
            continue
        }
        require((1...lines.count).contains(diagnostic.line), "diagnostic line out of range: \(diagnostic)")
        let width = lines[diagnostic.line - 1].count
        require((1...width + 1).contains(diagnostic.column), "diagnostic column out of range (width \(width)): \(diagnostic)")
        require(!diagnostic.message.isEmpty && !diagnostic.message.contains("\n"), "diagnostic message not one line: \(diagnostic)")
    }
    if case .conventional(let commit) = parsed, !result.ignored {
        require(result.commit == commit, "the linter's commit differs from the parser's")
    }
    _ = CommitMessageParser.revertedIDs(in: message)
    _ = CommitMessageParser.cherryPickedFrom(in: message)
}
