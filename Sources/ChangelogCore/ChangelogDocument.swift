/// Which release a section of a CHANGELOG is for.
public enum SectionKey: Hashable, Sendable, CustomStringConvertible {
    case version(SemanticVersion)
    case unreleased
    /// A section named by text that is no version (clog's `--setversion VERSION`, `api-v1.2.3`):
    /// recognised only by an anchor whose name the heading repeats, placed on top when new.
    case named(String)

    var isVersion: Bool {
        if case .version = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .version(let version): return version.description
        case .unreleased: return "Unreleased"
        case .named(let name): return name
        }
    }
}

/// An existing CHANGELOG document, kept as bytes.
///
/// The document is never decoded as a whole: lines are found by their `\n` bytes and only the
/// lines that may be headings or anchors are decoded to inspect them, so anything the merge does
/// not touch (invalid UTF-8, odd line endings, trailing spaces) survives byte for byte.
///
/// Release sections are recognised liberally:
/// - an anchor line `<a name="1.4.0"></a>` (`v1.4.0`, `id=`, single quotes, `/>`, `unreleased`)
///   followed, possibly after blank lines, by an ATX heading: the section starts at the anchor and
///   its key is the heading's when the heading names a release, else the anchor's;
/// - an anchor naming something else (`<a name="VERSION"></a>`) followed by a heading of level 1 to
///   3 whose first token, after an optional `[`, is that same name: a `.named` section;
/// - an ATX heading of level 1 to 3 whose first token, after an optional `[` and an optional `v`,
///   is a semantic version (`## [1.4.0](link) (date)`, `## [1.4.0] - date`, `### v1.4.0`) or the
///   word `Unreleased` in any case.
/// Lines inside fenced code blocks (``` or ~~~) and multi-line HTML comments are never sections.
/// A section runs to the last non-blank line before the next section; the last one stops before a
/// trailing block of link reference definitions (`[1.4.0]: https://...`) and blank lines; a
/// reference-like line inside a fence or comment is the block's text (a comment may end on it), not
/// a reference definition.
public struct ChangelogDocument: Sendable, Equatable {
    public struct Section: Hashable, Sendable {
        public var key: SectionKey
        /// The section's bytes: from its anchor (or heading) line to the end of its last non-blank
        /// line, line ending included. Blank lines between sections belong to no section.
        public var range: Range<Int>
        /// The heading line, decoded (invalid UTF-8 repaired), without its line ending.
        public var headingLine: String
        /// Line indexes: first line (anchor or heading), heading line, last non-blank line.
        var firstLine: Int
        var headingLineIndex: Int
        var lastLine: Int
    }

    /// The document's bytes, unchanged.
    public let bytes: [UInt8]
    /// The release sections found, in file order.
    public let sections: [Section]
    /// Whether most of the document's line endings are CRLF; inserted text then uses CRLF too
    /// (unless the lines outside a replaced section say otherwise: `newline(outside:)`).
    public let usesCRLF: Bool
    let crlfCount: Int
    let lfCount: Int

    let lines: [Line]
    /// The last line that is neither blank nor in the trailing link reference definitions; nil when none is.
    let lastContentLine: Int?

    /// One line: `start..<contentEnd` is its text without `\r\n`/`\n`, `end` is past the line ending.
    struct Line: Sendable, Equatable {
        var start: Int
        var contentEnd: Int
        var end: Int
        var terminated: Bool
    }

    /// - Parameter bytes: the existing file's bytes; empty for a missing file.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let table = Self.lineTable(bytes)
        self.lines = table.lines
        self.usesCRLF = table.crlf > table.lf
        self.crlfCount = table.crlf
        self.lfCount = table.lf
        let scan = Self.findSections(bytes: bytes, lines: table.lines)
        self.sections = scan.sections
        self.lastContentLine = scan.lastContentLine
    }

    /// The lines of `bytes` and how many of them end in CRLF and in a bare LF.
    static func lineTable(_ bytes: [UInt8]) -> (lines: [Line], crlf: Int, lf: Int) {
        var lines: [Line] = []
        // A byte order mark some editors write is no part of the first line: an anchor or heading
        // there is still found, and the mark stays in front of whatever takes the line's place.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var crlf = 0
        var lf = 0
        for index in bytes.indices where bytes[index] == Byte.lf {
            let hasCR = index > start && bytes[index - 1] == Byte.cr
            if hasCR { crlf += 1 } else { lf += 1 }
            lines.append(Line(start: start, contentEnd: hasCR ? index - 1 : index, end: index + 1, terminated: true))
            start = index + 1
        }
        if start < bytes.count {
            lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count, terminated: false))
            // A last line ending in a stray CR counts as CRLF: terminating it, as a merge may, makes it one.
            if bytes[bytes.count - 1] == Byte.cr { crlf += 1 }
        }
        return (lines, crlf, lf)
    }

    /// Convenience for tests and callers holding text.
    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Whether a merge of `section` for `key` would find it again: a rendered section that starts
    /// with no anchor or heading naming its release would be added anew by every run. Blank text,
    /// which a merge leaves out, counts as found.
    public static func findsAgain(_ section: String, as key: SectionKey) -> Bool {
        !section.utf8.contains { !isWhitespace($0) } || ChangelogDocument(text: section).section(for: key) != nil
    }

    /// The first section for `key`, if any.
    public func section(for key: SectionKey) -> Section? {
        sections.first { $0.key == key }
    }

    // MARK: - Merging

    /// Returns the new file content with `section` merged in.
    ///
    /// - Parameter section: rendered Markdown with LF line endings (surrounding blank lines are
    ///   ignored); it is converted to CRLF when the document mostly uses CRLF.
    /// - Returns: the existing section for `key` replaced; else, for a version higher than every
    ///   version in the document, the Unreleased section replaced (releasing turns Unreleased into
    ///   the version); else the section inserted in version order (Unreleased on top), or after
    ///   the document's text when it has no sections. Inserted at the end, it follows a line that
    ///   closes a code fence or HTML comment left open there, so that it is not swallowed. A document that is empty or only whitespace
    ///   becomes `# Changelog` followed by the section. A blank `section` changes nothing.
    ///   `spacing` says how an inserted section is set off (`SectionSpacing.clog`: as clog does).
    public func merging(_ section: String, for key: SectionKey, spacing: SectionSpacing = .oneBlankLine) -> [UInt8] {
        let target = self.target(for: key)
        let newline = self.newline(outside: target)
        guard let text = Self.normalized(section, newline: newline) else { return bytes }
        let after = spacing.blankLinesAfter(trailing: SectionSpacing.trailingBlankLines(section))

        if !bytes.contains(where: { !Self.isWhitespace($0) }) {
            if let after { return text + Array(repeating: newline, count: after).flatMap { $0 } }
            return Array("# Changelog".utf8) + newline + newline + text
        }

        if let target {
            var start = target.range.lowerBound
            var prefix = target.firstLine > 0 && !isBlank(target.firstLine - 1) ? newline : []
            if target.headingLineIndex != target.firstLine, !Self.startsWithAnchor(text) {
                // A section without an anchor of its own (keep-a-changelog, conventional) keeps the
                // one its heading was found under: dropping it would change the file on every rerun.
                start = lines[target.headingLineIndex].start
                prefix = []
            }
            let following = target.lastLine + 1
            let suffix = following < lines.count && !isBlank(following) ? newline : []
            var result = Array(bytes[..<start])
            result += prefix + text + suffix
            result += bytes[target.range.upperBound...]
            return result
        }

        let successor: Section?
        switch key {
        case .unreleased, .named:
            successor = sections.first
        case .version(let version):
            // The first version of a document that holds only named sections (the dated blocks of
            // `packages-in-root`) is the newest entry, and goes on top as they did.
            successor =
                sections.first { existing in
                    if case .version(let other) = existing.key { return other < version }
                    return false
                } ?? (sections.contains { $0.key.isVersion } ? nil : sections.first)
        }
        if let successor {
            var previous = successor.firstLine - 1
            while previous >= 0, isBlank(previous) { previous -= 1 }
            return inserting(text, afterLine: previous >= 0 ? previous : nil, newline: newline, blankLinesAfter: after)
        }
        // At the end, a code fence or HTML comment left open would swallow the section (and a rerun
        // would add it again): close it first, on a line of its own.
        let closed = Self.closingLine(ofBlockOpenAtEndOf: bytes, lines: lines).map { $0 + newline + newline + text } ?? text
        if let last = sections.last {
            return inserting(closed, afterLine: last.lastLine, newline: newline, blankLinesAfter: after)
        }
        return inserting(closed, afterLine: lastContentLine, newline: newline, blankLinesAfter: after)
    }

    /// The section a merge for `key` replaces: the one for `key`; else, for a version higher than
    /// every version in the document, Unreleased (releasing turns it into the version; an older
    /// version, filling in history, is inserted in order instead, below the Unreleased section).
    func target(for key: SectionKey) -> Section? {
        if let same = section(for: key) { return same }
        guard case .version(let new) = key, let unreleased = section(for: .unreleased),
            sections.allSatisfy({ existing in
                if case .version(let other) = existing.key { return other < new }
                return true
            })
        else { return nil }
        return unreleased
    }

    /// The line ending most of the lines outside `target` use (LF on a tie). Only the lines a merge
    /// keeps decide: the replaced section's own could tip the count, and a rerun would rewrite it.
    func newline(outside target: Section?) -> [UInt8] {
        var crlf = crlfCount
        var lf = lfCount
        if let target {
            for line in lines[target.firstLine...target.lastLine] {
                if !line.terminated {
                    if bytes[line.contentEnd - 1] == Byte.cr { crlf -= 1 }
                } else if line.end - line.contentEnd == 2 {
                    crlf -= 1
                } else {
                    lf -= 1
                }
            }
        }
        return crlf > lf ? [Byte.cr, Byte.lf] : [Byte.lf]
    }

    /// The line that closes the code fence or multi-line HTML comment still open at the end of the
    /// document (as `findSections` tracks them), or nil when none is.
    static func closingLine(ofBlockOpenAtEndOf bytes: [UInt8], lines: [Line]) -> [UInt8]? {
        var fence: (marker: UInt8, length: Int)?
        var inComment = false
        for line in lines {
            let content = bytes[line.start..<line.contentEnd]
            if let open = fence {
                if isClosingFence(content, marker: open.marker, length: open.length) { fence = nil }
            } else if inComment {
                if content.firstRange(of: Array("-->".utf8)) != nil { inComment = false }
            } else if let open = openingFence(content) {
                fence = open
            } else {
                let trimmed = trimmedSlice(content)
                if trimmed.starts(with: Array("<!--".utf8)) {
                    inComment = trimmed.dropFirst(4).firstRange(of: Array("-->".utf8)) == nil
                }
            }
        }
        if let fence { return Array(repeating: fence.marker, count: fence.length) }
        return inComment ? Array("-->".utf8) : nil
    }

    /// Inserts `text` in the gap after line `contentLine` (a non-blank line; nil for the start of
    /// the file), so that exactly one blank line separates it from the content before and after,
    /// reusing the blank lines already there and adding only the missing line endings. With
    /// `blankLinesAfter`, the blank lines before stay as they are (one when there are none) and
    /// exactly that many follow the text, also at the end of the file.
    private func inserting(_ text: [UInt8], afterLine contentLine: Int?, newline: [UInt8], blankLinesAfter: Int? = nil) -> [UInt8] {
        var following = (contentLine ?? -1) + 1
        while following < lines.count, isBlank(following) { following += 1 }
        let blanks = following - ((contentLine ?? -1) + 1)
        let somethingFollows = following < lines.count
        if let blankLinesAfter {
            var position = somethingFollows ? lines[following].start : bytes.count
            var prefix: [UInt8] = []
            if let contentLine, blanks == 0 {
                let line = lines[contentLine]
                position = line.end
                prefix = (line.terminated ? [] : newline) + newline
            } else if contentLine != nil, !lines[following - 1].terminated {
                prefix = newline
            }
            var result = Array(bytes[..<position])
            result += prefix + text + Array(repeating: newline, count: blankLinesAfter).flatMap { $0 }
            result += bytes[position...]
            return result
        }

        let position: Int
        var prefix: [UInt8] = []
        var suffix: [UInt8] = []
        if let contentLine {
            if blanks >= 1 {
                let blank = lines[contentLine + 1]
                position = blank.end
                if !blank.terminated { prefix = newline }
                if blanks == 1, somethingFollows { suffix = newline }
            } else {
                let line = lines[contentLine]
                position = line.end
                prefix = (line.terminated ? [] : newline) + newline
                if somethingFollows { suffix = newline }
            }
        } else {
            position = somethingFollows ? lines[following].start : bytes.count
            if somethingFollows { suffix = newline }
        }
        var result = Array(bytes[..<position])
        result += prefix + text + suffix
        result += bytes[position...]
        return result
    }

    /// Whether the first line of `text` is an anchor line.
    static func startsWithAnchor(_ text: [UInt8]) -> Bool {
        let first = text.prefix { $0 != Byte.lf }
        return anchorName(trimmedSlice(first[...])) != nil
    }

    /// The section text as lines ending in `newline`, without leading and trailing blank lines;
    /// nil when it has no non-blank line.
    static func normalized(_ section: String, newline: [UInt8]) -> [UInt8]? {
        var sectionLines = Array(section.utf8).split(separator: Byte.lf, omittingEmptySubsequences: false)
            .map { line -> ArraySlice<UInt8> in line.last == Byte.cr ? line.dropLast() : line }
        func blank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy(isWhitespace) }
        while let first = sectionLines.first, blank(first) { sectionLines.removeFirst() }
        while let last = sectionLines.last, blank(last) { sectionLines.removeLast() }
        guard !sectionLines.isEmpty else { return nil }
        var result: [UInt8] = []
        for line in sectionLines { result += line + newline }
        return result
    }

    // MARK: - Notes

    /// The text of the first section for `key`: its lines after the heading (so without the anchor
    /// and heading lines), without surrounding blank lines, LF line endings and no final line
    /// ending. Invalid UTF-8 is repaired. Empty when the section is only a heading; nil when the
    /// document has no such section.
    public func body(of key: SectionKey) -> String? {
        section(for: key).map { body(of: $0) }
    }

    /// The text of `section` (one of `sections`), as `body(of:)` for a key.
    public func body(of section: Section) -> String {
        var first = section.headingLineIndex + 1
        var last = section.lastLine
        while first <= last, isBlank(first) { first += 1 }
        while last >= first, isBlank(last) { last -= 1 }
        guard first <= last else { return "" }
        return (first...last).map { text(of: lines[$0]) }.joined(separator: "\n")
    }

    // MARK: - Recognition

    private func isBlank(_ index: Int) -> Bool {
        Self.isBlank(lines[index], in: bytes)
    }

    private func text(of line: Line) -> String {
        String(decoding: bytes[line.start..<line.contentEnd], as: UTF8.self)
    }

    /// The sections of `bytes`; with `recordingStates`, also for each line whether the scan is
    /// outside code fences and comments after it (else `normalAfter` is empty); and the last line
    /// before the trailing blank lines and link reference definitions.
    static func findSections(bytes: [UInt8], lines: [Line], recordingStates: Bool = false)
        -> (sections: [Section], normalAfter: [Bool], lastContentLine: Int?)
    {
        var starts: [(first: Int, heading: Int, key: SectionKey)] = []
        var fence: (marker: UInt8, length: Int)?
        var inComment = false
        var normalAfter = recordingStates ? [Bool](repeating: true, count: lines.count) : []
        var lastContent: Int?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let content = bytes[line.start..<line.contentEnd]
            let lineIndex = index
            // Only a line the scan meets outside fences and comments can be a reference definition:
            // inside one it is the block's text, and may close it.
            if !isBlank(line, in: bytes), fence != nil || inComment || !isLinkReferenceDefinition(line, in: bytes) {
                lastContent = index
            }
            defer {
                if recordingStates {
                    // An anchor followed by its heading is consumed at once; both stay outside.
                    for consumed in lineIndex...index { normalAfter[consumed] = fence == nil && !inComment }
                }
                index += 1
            }
            if let open = fence {
                if isClosingFence(content, marker: open.marker, length: open.length) { fence = nil }
                continue
            }
            if inComment {
                if content.firstRange(of: Array("-->".utf8)) != nil { inComment = false }
                continue
            }
            if let open = openingFence(content) {
                fence = open
                continue
            }
            let trimmed = trimmedSlice(content)
            if trimmed.starts(with: Array("<!--".utf8)) {
                inComment = trimmed.dropFirst(4).firstRange(of: Array("-->".utf8)) == nil
                continue
            }
            if let anchorName = anchorName(trimmed) {
                var next = index + 1
                while next < lines.count, isBlank(lines[next], in: bytes) { next += 1 }
                if next < lines.count {
                    let headingContent = bytes[lines[next].start..<lines[next].contentEnd]
                    if let heading = atxHeading(headingContent),
                        let sectionKey = releaseKey(heading.text, level: heading.level) ?? key(naming: anchorName)
                            ?? namedKey(anchorName, heading: heading.text, level: heading.level)
                    {
                        starts.append((index, next, sectionKey))
                        lastContent = next
                        index = next
                        continue
                    }
                }
            }
            if let heading = atxHeading(content), let key = releaseKey(heading.text, level: heading.level) {
                starts.append((index, index, key))
            }
        }

        var sections: [Section] = []
        for (number, start) in starts.enumerated() {
            let isLast = number + 1 == starts.count
            // The heading is content, so the last section's last content line is at or after it.
            var last = isLast ? lastContent ?? start.heading : starts[number + 1].first - 1
            while last > start.heading, isBlank(lines[last], in: bytes) { last -= 1 }
            let heading = lines[start.heading]
            sections.append(
                Section(
                    key: start.key,
                    range: lines[start.first].start..<lines[last].end,
                    headingLine: String(decoding: bytes[heading.start..<heading.contentEnd], as: UTF8.self),
                    firstLine: start.first,
                    headingLineIndex: start.heading,
                    lastLine: last
                ))
        }
        return (sections, normalAfter, lastContent)
    }

    /// An ATX heading (`#` to `######` after at most three spaces, then a space, tab or the end):
    /// its level and its text.
    private static func atxHeading(_ content: ArraySlice<UInt8>) -> (level: Int, text: ArraySlice<UInt8>)? {
        let (indent, rest) = indentation(content)
        guard indent <= 3 else { return nil }
        let level = rest.prefix { $0 == Byte.hash }.count
        guard (1...6).contains(level) else { return nil }
        let text = rest.dropFirst(level)
        if let first = text.first, first != Byte.space, first != Byte.tab { return nil }
        return (level, trimmedSlice(text))
    }

    /// The release a heading of level 1 to 3 names by its first token (after an optional `[` and
    /// an optional `v`): a semantic version, or `Unreleased` in any case.
    private static func releaseKey(_ text: ArraySlice<UInt8>, level: Int) -> SectionKey? {
        guard level <= 3 else { return nil }
        var rest = text
        if rest.first == Byte.openBracket { rest = rest.dropFirst() }
        let token = rest.prefix { byte in
            Byte.isAlphanumeric(byte) || byte == Byte.dot || byte == Byte.minus || byte == Byte.plus
        }
        return key(naming: String(decoding: token, as: UTF8.self))
    }

    /// `.named(name)` when the heading's first token (after an optional `[`) is `name`, which names
    /// neither a version nor Unreleased.
    private static func namedKey(_ name: String, heading: ArraySlice<UInt8>, level: Int) -> SectionKey? {
        guard level <= 3, !name.isEmpty else { return nil }
        var rest = heading
        if rest.first == Byte.openBracket { rest = rest.dropFirst() }
        let token = rest.prefix { byte in
            byte != Byte.space && byte != Byte.tab && byte != Byte.closeBracket && byte != UInt8(ascii: "(")
        }
        return token.elementsEqual(name.utf8) ? .named(name) : nil
    }

    private static func key(naming name: String) -> SectionKey? {
        if name.lowercased() == "unreleased" { return .unreleased }
        if let (version, _) = SemanticVersion.parseTag(name) { return .version(version) }
        return nil
    }

    /// The key of an anchor line `<a name="1.4.0"></a>` (`id=`, any quotes, `v` prefix,
    /// `unreleased`), given its trimmed content.
    static func anchorKey(_ trimmed: ArraySlice<UInt8>) -> SectionKey? {
        anchorName(trimmed).flatMap(key(naming:))
    }

    /// The name of an anchor line `<a name="…"></a>` (`id=`, any quotes), trimmed, given its
    /// trimmed content.
    static func anchorName(_ trimmed: ArraySlice<UInt8>) -> String? {
        guard trimmed.count > 3, trimmed.last == Byte.greater else { return nil }
        var rest = trimmed
        guard rest.first == Byte.less else { return nil }
        rest = rest.dropFirst()
        guard let a = rest.first, a | 0x20 == UInt8(ascii: "a") else { return nil }
        rest = rest.dropFirst()
        guard let space = rest.first, space == Byte.space || space == Byte.tab else { return nil }
        while true {
            rest = rest.drop { $0 == Byte.space || $0 == Byte.tab }
            let name = rest.prefix { Byte.isAlphanumeric($0) || $0 == Byte.minus || $0 == UInt8(ascii: "_") }
            guard !name.isEmpty else { return nil }
            rest = rest.dropFirst(name.count).drop { $0 == Byte.space || $0 == Byte.tab }
            var value: ArraySlice<UInt8>?
            if rest.first == UInt8(ascii: "=") {
                rest = rest.dropFirst().drop { $0 == Byte.space || $0 == Byte.tab }
                if let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    rest = rest.dropFirst()
                    guard let close = rest.firstIndex(of: quote) else { return nil }
                    value = rest[..<close]
                    rest = rest[(close + 1)...]
                } else {
                    let unquoted = rest.prefix { $0 != Byte.space && $0 != Byte.tab && $0 != Byte.greater && $0 != Byte.slash }
                    value = unquoted
                    rest = rest.dropFirst(unquoted.count)
                }
            }
            let lowered = String(decoding: name, as: UTF8.self).lowercased()
            if lowered == "name" || lowered == "id", let value {
                return String(decoding: trimmedSlice(value), as: UTF8.self)
            }
        }
    }

    /// An opening code fence: at most three spaces, then three or more backticks or tildes
    /// (a backtick fence's info string has no backtick).
    private static func openingFence(_ content: ArraySlice<UInt8>) -> (marker: UInt8, length: Int)? {
        let (indent, rest) = indentation(content)
        guard indent <= 3, let marker = rest.first, marker == Byte.backtick || marker == Byte.tilde else { return nil }
        let length = rest.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == Byte.backtick, rest.dropFirst(length).contains(Byte.backtick) { return nil }
        return (marker, length)
    }

    private static func isClosingFence(_ content: ArraySlice<UInt8>, marker: UInt8, length: Int) -> Bool {
        let (indent, rest) = indentation(content)
        guard indent <= 3 else { return false }
        let run = rest.prefix { $0 == marker }.count
        return run >= length && rest.dropFirst(run).allSatisfy(isWhitespace)
    }

    /// A link reference definition or footnote definition line: `[label]: ...` after at most three spaces.
    static func isLinkReferenceDefinition(_ line: Line, in bytes: [UInt8]) -> Bool {
        let (indent, rest) = indentation(bytes[line.start..<line.contentEnd])
        guard indent <= 3, rest.first == Byte.openBracket,
            let close = rest.firstIndex(of: Byte.closeBracket), close > rest.startIndex + 1
        else { return false }
        return rest[(close + 1)...].first == UInt8(ascii: ":")
    }

    static func isBlank(_ line: Line, in bytes: [UInt8]) -> Bool {
        bytes[line.start..<line.contentEnd].allSatisfy(isWhitespace)
    }

    /// Leading spaces (a tab counts as four) and the rest.
    private static func indentation(_ content: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>) {
        var width = 0
        var rest = content
        while let first = rest.first, first == Byte.space || first == Byte.tab {
            width += first == Byte.tab ? 4 : 1
            rest = rest.dropFirst()
        }
        return (width, rest)
    }

    static func trimmedSlice(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = slice.drop(while: isWhitespace)
        while let last = result.last, isWhitespace(last) { result = result.dropLast() }
        return result
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == Byte.space || byte == Byte.tab || byte == Byte.cr || byte == Byte.lf
            || byte == 0x0B || byte == 0x0C
    }
}

private enum Byte {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let dot = UInt8(ascii: ".")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~")

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
