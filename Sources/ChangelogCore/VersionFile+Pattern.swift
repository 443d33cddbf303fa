/// `path:regex` entries: the one capture group of the one match is the version.
///
/// Patterns match Unicode scalars, not grapheme clusters, so `\n`, `\r` and `.` behave as in other
/// regex engines even in CRLF files (where `\r\n` is a single Swift `Character`); `^` and `$` match
/// at line ends, because a pattern is written for one line of the file (`\A` and `\z` still mean
/// the whole text).
enum PatternLocator {
    static func validate(_ pattern: String, path: String) throws(VersionFileError) {
        _ = try compile(pattern, path: path)
    }

    static func locate(_ pattern: String, in text: String, path: String) throws(VersionFileError) -> Range<Int> {
        let regex = try compile(pattern, path: path)
        let matches = text.matches(of: regex)
        let utf8 = text.utf8
        func line(_ index: String.Index) -> Int {
            utf8[..<index].count(where: { $0 == 0x0A }) + 1
        }
        guard let match = matches.first else {
            throw VersionFileError(
                path: path,
                message: "the pattern '\(pattern)' does not match; write it to match the line that holds the "
                    + "version, with one capture group around the version")
        }
        guard matches.count == 1 else {
            let lines = matches.prefix(5).map { String(line($0.range.lowerBound)) }
            throw VersionFileError(
                path: path,
                message: "the pattern '\(pattern)' matches \(matches.count) times (lines "
                    + "\(lines.joined(separator: ", "))\(matches.count > 5 ? ", …" : "")); it must match exactly once: "
                    + "make it more specific, e.g. anchor it with ^ and $")
        }
        guard match.output.count == 2 else {
            throw VersionFileError(path: path, message: groupCountMessage(pattern, count: match.output.count - 1))
        }
        guard let range = match.output[1].range else {
            throw VersionFileError(
                path: path,
                message: "the pattern '\(pattern)' matches on line \(line(match.range.lowerBound)) but its capture "
                    + "group takes no part in the match; put the group around the version itself")
        }
        return utf8.distance(from: utf8.startIndex, to: range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: range.upperBound)
    }

    private static func compile(_ pattern: String, path: String) throws(VersionFileError) -> Regex<AnyRegexOutput> {
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw VersionFileError(
                path: path,
                message: "the pattern '\(pattern)' is not a valid regular expression (\(error)); write "
                    + "'\(path):regex' with one capture group around the version, e.g. '\(path):version = \"(.*)\"'")
        }
        let groups = captureGroupCount(pattern)
        guard groups == 1 else {
            throw VersionFileError(path: path, message: groupCountMessage(pattern, count: groups))
        }
        return regex.matchingSemantics(.unicodeScalar).anchorsMatchLineEndings()
    }

    private static func groupCountMessage(_ pattern: String, count: Int) -> String {
        let has = count == 0 ? "has no capture group" : "has \(count) capture groups"
        return "the pattern '\(pattern)' \(has); it needs exactly one, around the version, e.g. "
            + "'version = \"(.*)\"' (write any other group as (?:...))"
    }

    /// Counts capturing groups: `(...)`, `(?<name>...)`, `(?P<name>...)`, `(?'name'...)`.
    ///
    /// Swift's `Regex<AnyRegexOutput>` only reveals its captures through a match, and a pattern must
    /// be checked when the configuration is read, before any file is.
    static func captureGroupCount(_ pattern: String) -> Int {
        let chars = Array(pattern.unicodeScalars)
        var count = 0
        var classDepth = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 < chars.count, chars[i + 1] == "Q" {
                    // \Q...\E quotes everything up to \E (or the end).
                    i += 2
                    while i < chars.count, !(chars[i] == "\\" && i + 1 < chars.count && chars[i + 1] == "E") { i += 1 }
                }
                i += 2
                continue
            }
            if classDepth > 0 {
                if c == "[" {
                    classDepth += 1
                } else if c == "]" {
                    classDepth -= 1
                }
                i += 1
                continue
            }
            if c == "[" {
                classDepth = 1
                i += 1
                // A `]` first in the class (after an optional `^`) is a literal.
                if i < chars.count, chars[i] == "^" { i += 1 }
                if i < chars.count, chars[i] == "]" { i += 1 }
                continue
            }
            if c == "(" {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if next != "?" && next != "*" {
                    count += 1
                } else if next == "?", i + 2 < chars.count {
                    let kind = chars[i + 2]
                    let after = i + 3 < chars.count ? chars[i + 3] : " "
                    if kind == "'" || kind == "P" && after == "<" || kind == "<" && after != "=" && after != "!" {
                        count += 1
                    }
                }
            }
            i += 1
        }
        return count
    }
}
