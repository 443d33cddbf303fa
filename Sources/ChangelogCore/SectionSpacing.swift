/// How a merge sets a new section off from the text around it.
public enum SectionSpacing: Sendable, Equatable {
    /// Exactly one blank line on each side, reusing the blank lines already there; an empty file
    /// becomes `# Changelog` and the section.
    case oneBlankLine
    /// As clog writes a release on top of a file: the text before keeps its blank lines, and the
    /// section is followed by its own trailing blank lines and then `ClogRenderer.separator`, also
    /// at the end of the file; an empty file becomes the section and that spacing, without a title.
    case clog

    /// The blank lines after an inserted section whose rendered text ends with `trailing` blank
    /// lines; nil for one blank line, reusing what is there.
    func blankLinesAfter(trailing: Int) -> Int? {
        switch self {
        case .oneBlankLine: nil
        case .clog: trailing + ClogRenderer.separator.count
        }
    }

    /// The blank lines `text` ends with (whitespace-only lines after its last other line; a final
    /// line ending is not one).
    static func trailingBlankLines(_ text: String) -> Int {
        let lines = Array(text.utf8).split(separator: Bytes.lf, omittingEmptySubsequences: false)
        guard lines.contains(where: { !$0.allSatisfy(ChangelogDocument.isWhitespace) }) else { return 0 }
        let blanks = lines.reversed().prefix { $0.allSatisfy(ChangelogDocument.isWhitespace) }.count
        return lines.last?.isEmpty == true ? blanks - 1 : blanks
    }
}
