/// Renders `changelog check` results as text for a terminal, as GitHub Actions workflow commands,
/// or as docs/contract.md's JSON document.
public enum LintReport {
    // MARK: Text

    /// One block per failing result (its header line, then each error with the offending line and a
    /// caret under the column), one line per ignored result, and a summary line. Valid results are
    /// not listed. ANSI colours only when `color` is true.
    public static func text(_ results: [LintResult], color: Bool) -> String {
        let style = Style(enabled: color)
        var lines: [String] = []
        for result in results {
            if result.ignored {
                lines.append(style.dim("○ \(result.displayID) \(result.header) (ignored: \(result.kind.rawValue))"))
                continue
            }
            guard !result.valid else { continue }
            if let last = lines.last, !last.isEmpty { lines.append("") }
            lines.append("\(style.red("✖")) \(style.bold(result.displayID)) \(result.header)")
            // Split once per message, not once per error: a long message may have an error on many lines.
            let sourceLines = result.errors.isEmpty ? [] : result.cleanedMessage.split(separator: "\n", omittingEmptySubsequences: false)
            for error in result.errors {
                lines.append("  \(style.red(error.rule.rawValue)) (line \(error.line), column \(error.column)): \(error.message)")
                if error.line >= 1, error.line <= sourceLines.count {
                    let source = String(sourceLines[error.line - 1])
                    lines.append("    " + source)
                    lines.append("    " + caretPadding(source, column: error.column) + style.red("^"))
                }
            }
            lines.append("")
        }
        if let last = lines.last, !last.isEmpty { lines.append("") }
        let failed = failedCount(results)
        lines.append(failed == 0 ? style.green(summary(results)) : style.red(summary(results)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `checked N commits: M failed, K ignored`; for a single message file, `the message is valid`,
    /// `the message has N problems` or `the message is ignored (fixup)`.
    public static func summary(_ results: [LintResult]) -> String {
        if results.count == 1, let only = results.first, only.id == nil {
            if only.ignored { return "the message is ignored (\(only.kind.rawValue))" }
            let count = only.errors.count
            if count == 0 { return "the message is valid" }
            return "the message has \(count) problem\(count == 1 ? "" : "s")"
        }
        let ignored = results.count(where: \.ignored)
        let noun = results.count == 1 ? "commit" : "commits"
        return "checked \(results.count) \(noun): \(failedCount(results)) failed, \(ignored) ignored"
    }

    /// Results that count as failures: not valid and not ignored.
    public static func failedCount(_ results: [LintResult]) -> Int {
        results.count(where: { !$0.valid && !$0.ignored })
    }

    // MARK: GitHub Actions

    /// One `::error title=<rule>::<shortId> <header>: <message>` workflow command per error, then the
    /// plain summary line.
    public static func github(_ results: [LintResult]) -> String {
        var out = ""
        for result in results where !result.ignored {
            for error in result.errors {
                out += "::error title=\(escapeProperty(error.rule.rawValue))::"
                out += escapeData("\(result.displayID) \(result.header): \(error.message)") + "\n"
            }
        }
        return out + summary(results) + "\n"
    }

    /// Escapes a workflow command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes a workflow command's property value: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: JSON

    /// `{"checked": N, "failed": M, "results": [...]}` as docs/contract.md specifies it.
    public static func json(_ results: [LintResult]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("checked", results.count)
        writer.field("failed", failedCount(results))
        writer.key("results")
        writer.beginArray()
        for result in results {
            writer.beginObject()
            writer.field("id", result.id)
            writer.field("header", result.header)
            writer.field("valid", result.valid)
            writer.field("kind", result.kind.rawValue)
            writer.field("ignored", result.ignored)
            writer.key("errors")
            writer.beginArray()
            for error in result.errors {
                writer.beginObject()
                writer.field("rule", error.rule.rawValue)
                writer.field("message", error.message)
                writer.field("line", error.line)
                writer.field("column", error.column)
                writer.endObject()
            }
            writer.endArray()
            writer.key("commit")
            if let commit = result.commit {
                writer.beginObject()
                writer.field("type", commit.type)
                writer.field("scope", commit.scope)
                writer.field("subject", commit.subject)
                writer.field("breaking", commit.isBreaking)
                writer.field("breakingNote", commit.breakingNote)
                writer.endObject()
            } else {
                writer.null()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.output
    }

    // MARK: Caret

    /// What goes before the caret so that it stands under `column` (1-based, in Characters) of
    /// `line` in a terminal: a space per narrow character, two per wide one, and tabs kept as tabs.
    static func caretPadding(_ line: String, column: Int) -> String {
        var padding: [UInt8] = []
        var count = 0
        let bytes = line.utf8
        var index = bytes.startIndex
        // ASCII on the bytes: an ASCII byte followed by another (or by nothing) is a Character of
        // its own, and asking Unicode for the width of each of 3 million of them took seconds.
        while count < column - 1, index != bytes.endIndex, bytes[index] < 0x80 {
            let next = bytes.index(after: index)
            guard next == bytes.endIndex || bytes[next] < 0x80 else { break }
            let byte = bytes[index]
            if byte == 0x09 {
                padding.append(0x09)
            } else if byte >= 0x20 && byte != 0x7F {
                padding.append(0x20)
            }
            count += 1
            index = next
        }
        for character in line[index...] {
            guard count < column - 1 else { break }
            if character == "\t" {
                padding.append(0x09)
            } else {
                padding.append(contentsOf: repeatElement(0x20, count: displayWidth(character)))
            }
            count += 1
        }
        if count < column - 1 { padding.append(contentsOf: repeatElement(0x20, count: column - 1 - count)) }
        return String(decoding: padding, as: UTF8.self)
    }

    /// Terminal columns a Character takes: 2 for East Asian Wide and Fullwidth characters and for
    /// emoji shown in emoji presentation, 0 for marks and format characters on their own, else 1.
    static func displayWidth(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        for scalar in scalars where isWide(scalar) { return 2 }
        if scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    /// East Asian Width W or F (Unicode 15.1, EastAsianWidth.txt), or Emoji_Presentation.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana extended, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extension G and later
    ]
}

/// ANSI colours, or nothing.
private struct Style {
    var enabled: Bool

    func red(_ s: String) -> String { wrap(s, "31") }
    func green(_ s: String) -> String { wrap(s, "32") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func bold(_ s: String) -> String { wrap(s, "1") }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
