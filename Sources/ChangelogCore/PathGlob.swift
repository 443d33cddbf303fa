/// A glob over repository paths, as git-cliff's `--include-path`/`--exclude-path` read them (the
/// Rust `glob` crate's defaults): `*` and `**` match any run of characters, `/` included, `?` one
/// character, `[abc]`, `[a-z]` and `[!abc]` one of a set. A pattern that names a directory
/// (`packages/api/`) matches everything under it. Paths are relative to the repository root.
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    /// nil when the pattern is blank or an unclosed `[` (`problem(in:)` says which).
    public init?(_ pattern: String) {
        guard Self.problem(in: pattern) == nil else { return nil }
        self.pattern = pattern
        scalars = Array(Self.normalised(pattern).unicodeScalars)
    }

    /// Why `pattern` is no glob, to end an error's sentence (`names no path`); nil when it is one.
    public static func problem(in pattern: String) -> String? {
        let text = normalised(pattern)
        if text.allSatisfy(\.isWhitespace) { return "names no path" }
        return bracketsClose(Array(text.unicodeScalars)) ? nil : "has an unclosed '['"
    }

    /// Without leading `./`; a directory (`packages/api/`) as everything under it.
    private static func normalised(_ pattern: String) -> String {
        var text = pattern
        while text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        return text
    }

    public var description: String { pattern }

    /// The directory every match lies in: the components before the first with a wildcard
    /// (`packages/api` for `packages/api/**`, `.` for `**/*.toml`), or the whole path when the
    /// pattern has none.
    public var literalPrefix: String {
        let components = String(String.UnicodeScalarView(scalars)).split(separator: "/", omittingEmptySubsequences: true)
        let literal = components.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        return literal.isEmpty ? "." : literal.joined(separator: "/")
    }

    public static func == (a: PathGlob, b: PathGlob) -> Bool { a.pattern == b.pattern }

    public func matches(_ path: String) -> Bool {
        let t = Array(path.unicodeScalars)
        var pi = 0, ti = 0
        var star: Int?, resume = 0
        while ti < t.count {
            if pi < scalars.count, scalars[pi] == "*" {
                while pi < scalars.count, scalars[pi] == "*" { pi += 1 }
                star = pi
                resume = ti
                continue
            }
            if pi < scalars.count, let width = matchOne(at: pi, t[ti]) {
                pi += width
                ti += 1
                continue
            }
            guard let star else { return false }
            pi = star
            resume += 1
            ti = resume
        }
        while pi < scalars.count, scalars[pi] == "*" { pi += 1 }
        return pi == scalars.count
    }

    /// The pattern's length at `index` when the element there matches `c`, nil when it does not.
    private func matchOne(at index: Int, _ c: Unicode.Scalar) -> Int? {
        let p = scalars[index]
        if p == "?" { return 1 }
        guard p == "[" else { return p == c ? 1 : nil }
        var i = index + 1
        let negated = i < scalars.count && (scalars[i] == "!" || scalars[i] == "^")
        if negated { i += 1 }
        var found = false
        var first = true
        while i < scalars.count, first || scalars[i] != "]" {
            first = false
            if i + 2 < scalars.count, scalars[i + 1] == "-", scalars[i + 2] != "]" {
                if scalars[i].value <= c.value && c.value <= scalars[i + 2].value { found = true }
                i += 3
            } else {
                if scalars[i] == c { found = true }
                i += 1
            }
        }
        return found != negated ? i + 1 - index : nil
    }

    private static func bracketsClose(_ scalars: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < scalars.count {
            if scalars[i] == "[" {
                var j = i + 1
                if j < scalars.count, scalars[j] == "!" || scalars[j] == "^" { j += 1 }
                j += 1  // a `]` right after the opening one is a member
                while j < scalars.count, scalars[j] != "]" { j += 1 }
                guard j < scalars.count else { return false }
                i = j
            }
            i += 1
        }
        return true
    }
}
