extension ChangelogDocument {
    /// Merges several sections at once; the result is byte-identical to merging them one at a time in
    /// the given order (`sections` as given, first merged first), but the document is scanned once.
    ///
    /// The document is scanned into an editable outline (the text before the first section, each
    /// section, the blank lines after each, the trailing link definitions) and every merge edits
    /// that outline with the rules of `merging(_:for:)`, scanning only the new section's text. A
    /// merge whose outcome would depend on more than its neighbourhood (a section text that is not
    /// exactly one release section, an anchor line right before it, a code fence or comment left
    /// open at the end of the document) is done by `merging(_:for:)` on the whole document instead.
    public func merging(_ sections: [(text: String, key: SectionKey)], spacing: SectionSpacing = .oneBlankLine) -> [UInt8] {
        var statistics = BatchStatistics()
        return merging(sections, spacing: spacing, statistics: &statistics)
    }

    /// The work a batch merge did, for tests.
    struct BatchStatistics {
        /// Bytes scanned for lines and sections: the document, each section text, and whole
        /// documents again for each merge done one at a time.
        var bytesScanned = 0
        /// Merges done by `merging(_:for:)` on the whole document.
        var wholeDocumentMerges = 0
        /// The line endings the outline counted in the result, when the last merge used it.
        var lineEndings: (crlf: Int, lf: Int)?
    }

    func merging(
        _ sections: [(text: String, key: SectionKey)], spacing: SectionSpacing = .oneBlankLine, statistics: inout BatchStatistics
    ) -> [UInt8] {
        var document = self
        var editor: BatchEditor?
        for (text, key) in sections {
            if editor == nil {
                if !document.bytes.contains(where: { !Self.isWhitespace($0) }) {
                    // An empty file gets its title; then there is something to outline.
                    let merged = document.merging(text, for: key, spacing: spacing)
                    statistics.bytesScanned += merged.count
                    statistics.wholeDocumentMerges += 1
                    document = ChangelogDocument(bytes: merged)
                    continue
                }
                statistics.bytesScanned += document.bytes.count
                editor = BatchEditor(document)
            }
            if !editor!.merge(text, for: key, spacing: spacing, statistics: &statistics) {
                let bytes = editor!.bytes()
                let merged = ChangelogDocument(bytes: bytes).merging(text, for: key, spacing: spacing)
                statistics.bytesScanned += bytes.count + merged.count
                statistics.wholeDocumentMerges += 1
                document = ChangelogDocument(bytes: merged)
                editor = nil
            }
        }
        statistics.lineEndings = editor.map { ($0.crlf, $0.lf) }
        return editor?.bytes() ?? document.bytes
    }
}

/// A document as an editable outline: a head node (the text before the first section, or the whole
/// text before the trailing link definitions when there is no section) followed by one node per
/// section, in file order, each with the blank lines after it; then the trailing link definitions.
///
/// Invariant: the outline is exactly what scanning its bytes would give. Each node's `gap` holds
/// the blank lines up to the next node (for the last node: up to the trailing link definitions,
/// `tail`, which starts with a non-blank line or is empty); a section node's bytes run from its
/// first line to its last non-blank line; the head's bytes end with its last non-blank line.
private struct BatchEditor {
    typealias Bytes = ArraySlice<UInt8>

    /// Blank lines, as pieces of whole lines.
    struct Gap {
        var pieces: [Bytes] = []
        var lines = 0
    }

    struct Node {
        /// nil for the head.
        var key: SectionKey?
        var pieces: [Bytes]
        /// Whether the node has a line at all (only the head may not).
        var hasContent: Bool
        var lastTerminated: Bool
        /// Whether the last line is an anchor naming a release: its look-ahead for a heading could
        /// reach what is inserted after it.
        var lastIsAnchor: Bool
        /// Whether the scan is outside code fences and comments after the last line.
        var endsOutside: Bool
        /// Line endings within `pieces`.
        var crlf: Int
        var lf: Int
        var gap: Gap
        var previous: Int
        var next: Int
    }

    /// The nodes holding a key, first in file order first.
    struct KeyQueue {
        var ids: [Int]
        var start = 0
        var first: Int? { start < ids.count ? ids[start] : nil }
    }

    /// A section text that scans as exactly one release section for its key.
    struct Incoming {
        var text: [UInt8]
        var firstIsAnchor: Bool
        var crlf: Int
        var lf: Int

        init?(_ text: [UInt8], key: SectionKey) {
            let table = ChangelogDocument.lineTable(text)
            let lines = table.lines
            let scan = ChangelogDocument.findSections(bytes: text, lines: lines, recordingStates: true)
            guard scan.sections.count == 1, let section = scan.sections.first, section.key == key,
                section.firstLine == 0, section.lastLine == lines.count - 1,
                scan.normalAfter.last == true,
                !BatchEditor.isAnchor(lines[lines.count - 1], in: text)
            else { return nil }
            self.text = text
            self.firstIsAnchor = BatchEditor.isAnchor(lines[0], in: text)
            self.crlf = table.crlf
            self.lf = table.lf
        }
    }

    private static let lfPiece: Bytes = [0x0A]
    private static let crlfPiece: Bytes = [0x0D, 0x0A]

    private var nodes: [Node] = []
    private var lastNode = 0
    private var tail: Bytes
    /// What comes before the first line: a byte order mark, which no line (and so no node) holds.
    private let prefix: Bytes
    private(set) var crlf: Int
    private(set) var lf: Int
    private var byKey: [SectionKey: KeyQueue] = [:]
    /// The version sections lower than every version before them in file order (so the first
    /// version section lower than some version is one of them), in ascending version order.
    private var records: [Int] = []
    private var maxVersion: SemanticVersion?

    static func isAnchor(_ line: ChangelogDocument.Line, in bytes: [UInt8]) -> Bool {
        // Any name: an anchor repeated by the heading after it makes a named section.
        ChangelogDocument.anchorName(ChangelogDocument.trimmedSlice(bytes[line.start..<line.contentEnd])) != nil
    }

    init(_ document: ChangelogDocument) {
        let bytes = document.bytes
        let lines = document.lines
        let scan = ChangelogDocument.findSections(bytes: bytes, lines: lines, recordingStates: true)
        let sections = scan.sections
        func isBlank(_ index: Int) -> Bool { ChangelogDocument.isBlank(lines[index], in: bytes) }
        func gap(_ from: Int, _ to: Int) -> Gap {
            from < to ? Gap(pieces: [bytes[lines[from].start..<lines[to - 1].end]], lines: to - from) : Gap()
        }
        func endings(_ from: Int, _ through: Int) -> (crlf: Int, lf: Int) {
            var crlf = 0
            var lf = 0
            for index in stride(from: from, through: through, by: 1) {
                // As `ChangelogDocument.lineTable`: a last line ending in a stray CR counts as CRLF.
                if !lines[index].terminated {
                    if bytes[lines[index].contentEnd - 1] == 0x0D { crlf += 1 }
                } else if lines[index].end - lines[index].contentEnd == 2 {
                    crlf += 1
                } else {
                    lf += 1
                }
            }
            return (crlf, lf)
        }
        /// The blank lines after `line`, and where the tail starts when nothing else follows.
        func trailingBlanks(after line: Int) -> (Gap, Bytes) {
            var following = line + 1
            while following < lines.count, isBlank(following) { following += 1 }
            let rest = following < lines.count ? bytes[lines[following].start...] : bytes[bytes.count...]
            return (gap(line + 1, following), rest)
        }
        func node(key: SectionKey?, from first: Int, through last: Int) -> Node {
            let counts = endings(first, last)
            return Node(
                key: key, pieces: last >= first ? [bytes[lines[first].start..<lines[last].end]] : [],
                hasContent: last >= first, lastTerminated: last >= first ? lines[last].terminated : true,
                lastIsAnchor: last >= first && Self.isAnchor(lines[last], in: bytes),
                endsOutside: last >= first ? scan.normalAfter[last] : true,
                crlf: counts.crlf, lf: counts.lf, gap: Gap(), previous: -1, next: -1)
        }

        let totals = endings(0, lines.count - 1)
        crlf = totals.crlf
        lf = totals.lf
        tail = bytes[bytes.count...]
        prefix = bytes[..<(lines.first?.start ?? bytes.count)]

        var headLast = sections.first.map { $0.firstLine - 1 } ?? scan.lastContentLine ?? -1
        while headLast >= 0, isBlank(headLast) { headLast -= 1 }
        nodes.reserveCapacity(sections.count + 1)
        nodes.append(node(key: nil, from: 0, through: headLast))
        if let first = sections.first {
            nodes[0].gap = gap(headLast + 1, first.firstLine)
        } else {
            (nodes[0].gap, tail) = trailingBlanks(after: headLast)
        }
        var minVersion: SemanticVersion?
        for (number, section) in sections.enumerated() {
            let id = nodes.count
            var item = node(key: section.key, from: section.firstLine, through: section.lastLine)
            item.previous = id - 1
            nodes[id - 1].next = id
            if number + 1 < sections.count {
                item.gap = gap(section.lastLine + 1, sections[number + 1].firstLine)
            } else {
                (item.gap, tail) = trailingBlanks(after: section.lastLine)
            }
            nodes.append(item)
            byKey[section.key, default: KeyQueue(ids: [])].ids.append(id)
            if case .version(let version) = section.key {
                if minVersion.map({ version < $0 }) ?? true {
                    minVersion = version
                    records.append(id)
                }
                if maxVersion.map({ $0 < version }) ?? true { maxVersion = version }
            }
        }
        records.reverse()
        lastNode = nodes.count - 1
    }

    // MARK: Merging

    /// Merges one section as `ChangelogDocument.merging(_:for:)` would; false (changing nothing)
    /// when the outline cannot tell the outcome.
    mutating func merge(
        _ section: String, for key: SectionKey, spacing: SectionSpacing, statistics: inout ChangelogDocument.BatchStatistics
    ) -> Bool {
        var target = byKey[key]?.first
        var releasing = false
        if target == nil, case .version(let version) = key, let unreleased = byKey[.unreleased]?.first,
            maxVersion.map({ $0 < version }) ?? true
        {
            target = unreleased
            releasing = true
        }
        // As `ChangelogDocument.newline(outside:)`: the replaced section's lines do not count.
        let kept = target.map { (crlf - nodes[$0].crlf, lf - nodes[$0].lf) } ?? (crlf, lf)
        let newline = kept.0 > kept.1 ? Self.crlfPiece : Self.lfPiece
        guard let text = ChangelogDocument.normalized(section, newline: Array(newline)) else { return true }
        statistics.bytesScanned += text.count
        guard let incoming = Incoming(text, key: key) else { return false }

        if let target {
            let previous = nodes[target].previous
            // A section without an anchor keeps the one its heading was found under: not an outline edit.
            guard !absorbs(previous, incoming), incoming.firstIsAnchor || !startsWithAnchor(target) else { return false }
            replace(target, with: incoming, key: key, newline: newline)
            if releasing {
                byKey[.unreleased]!.start += 1
                byKey[key] = KeyQueue(ids: [target])
                noteVersion(key)
                // Every version is lower: it is a record when no version precedes it (named
                // sections may, as the dated blocks of `packages-in-root` do).
                if !versionPrecedes(target) { records.append(target) }
            }
            return true
        }

        let previous: Int
        var recordIndex: Int?
        switch key {
        case .unreleased, .named:
            previous = 0
        case .version(let version):
            var low = 0
            var high = records.count
            while low < high {
                let middle = (low + high) / 2
                if self.version(of: records[middle]) < version { low = middle + 1 } else { high = middle }
            }
            // No version yet: on top, above the named sections, as the single merge puts it.
            previous = low > 0 ? nodes[records[low - 1]].previous : records.isEmpty ? 0 : lastNode
            // The versions before the new section are not lower, and none is equal (it would have
            // been replaced): all are higher, so it is a record, between its neighbours.
            recordIndex = low
        }
        guard !absorbs(previous, incoming),
            nodes[previous].next != -1 || (nodes[previous].endsOutside && (nodes[previous].hasContent || !tail.isEmpty))
        else { return false }
        let after = spacing.blankLinesAfter(trailing: SectionSpacing.trailingBlankLines(section))
        let id = insert(incoming, key: key, after: previous, newline: newline, blankLinesAfter: after)
        byKey[key] = KeyQueue(ids: [id])
        noteVersion(key)
        if let recordIndex { records.insert(id, at: recordIndex) }
        return true
    }

    /// Whether node `id`'s first line is an anchor line.
    private func startsWithAnchor(_ id: Int) -> Bool {
        guard let piece = nodes[id].pieces.first else { return false }
        return ChangelogDocument.startsWithAnchor(Array(piece.prefix { $0 != 0x0A }))
    }

    /// Whether an anchor line ending node `previous` could take a heading starting `incoming` as
    /// its own.
    private func absorbs(_ previous: Int, _ incoming: Incoming) -> Bool {
        nodes[previous].hasContent && nodes[previous].lastIsAnchor && !incoming.firstIsAnchor
    }

    /// Whether a version section stands before `id` in the document.
    private func versionPrecedes(_ id: Int) -> Bool {
        var node = nodes[id].previous
        while node > 0 {
            if nodes[node].key?.isVersion == true { return true }
            node = nodes[node].previous
        }
        return false
    }

    private func version(of id: Int) -> SemanticVersion {
        guard case .version(let version) = nodes[id].key else { preconditionFailure("not a version section") }
        return version
    }

    private mutating func noteVersion(_ key: SectionKey) {
        if case .version(let version) = key, maxVersion.map({ $0 < version }) ?? true { maxVersion = version }
    }

    private mutating func count(_ newline: Bytes, after previousByte: UInt8?) {
        // A line ending in a stray CR was counted as CRLF already (`endings`); terminating it makes it one.
        guard previousByte != 0x0D else { return }
        if newline.count == 2 { crlf += 1 } else { lf += 1 }
    }

    private mutating func newlineGap(_ newline: Bytes) -> Gap {
        count(newline, after: 0x0A)
        return Gap(pieces: [newline], lines: 1)
    }

    private func somethingFollows(_ id: Int) -> Bool {
        nodes[id].next != -1 || !tail.isEmpty
    }

    /// `merging(_:for:)` replacing `target`.
    private mutating func replace(_ target: Int, with incoming: Incoming, key: SectionKey, newline: Bytes) {
        let previous = nodes[target].previous
        if nodes[previous].hasContent, nodes[previous].gap.lines == 0 {
            nodes[previous].gap = newlineGap(newline)
        }
        crlf += incoming.crlf - nodes[target].crlf
        lf += incoming.lf - nodes[target].lf
        nodes[target].key = key
        nodes[target].pieces = [incoming.text[...]]
        nodes[target].hasContent = true
        nodes[target].lastTerminated = true
        nodes[target].lastIsAnchor = false
        nodes[target].endsOutside = true
        nodes[target].crlf = incoming.crlf
        nodes[target].lf = incoming.lf
        if nodes[target].gap.lines == 0, somethingFollows(target) {
            nodes[target].gap = newlineGap(newline)
        }
    }

    /// `inserting(_:afterLine:newline:)` after the last line of node `previous` (the start of the
    /// file for an empty head): exactly one blank line on each side, reusing the blank lines there;
    /// with `blankLinesAfter`, the blank lines before kept and exactly that many after.
    private mutating func insert(
        _ incoming: Incoming, key: SectionKey, after previous: Int, newline: Bytes, blankLinesAfter: Int? = nil
    ) -> Int {
        let follows = somethingFollows(previous)
        var gap = Gap()
        if let blankLinesAfter {
            if nodes[previous].hasContent {
                if nodes[previous].gap.lines == 0 {
                    terminateLastLine(of: previous, newline: newline)
                    nodes[previous].gap = newlineGap(newline)
                } else if let last = nodes[previous].gap.pieces.last?.last, last != 0x0A {
                    // The last line of the file, blank and unterminated: terminate it.
                    count(newline, after: last)
                    nodes[previous].gap.pieces.append(newline)
                }
            }
            for _ in 0..<blankLinesAfter {
                gap.pieces.append(newline)
                count(newline, after: 0x0A)
            }
            gap.lines = blankLinesAfter
        } else if !nodes[previous].hasContent {
            // At the start of the file: after its blank lines, right before what follows.
            gap = newlineGap(newline)
        } else if nodes[previous].gap.lines >= 1 {
            let blanks = nodes[previous].gap.lines
            var pieces = nodes[previous].gap.pieces[...]
            let head = pieces.removeFirst()
            var first: Bytes
            if let end = head.firstIndex(of: 0x0A) {
                first = head[...end]
                if end + 1 < head.endIndex { pieces.insert(head[(end + 1)...], at: pieces.startIndex) }
            } else {
                // The last line of the file, blank and unterminated: terminate it.
                count(newline, after: head.last)
                first = (Array(head) + newline)[...]
            }
            nodes[previous].gap = Gap(pieces: [first], lines: 1)
            gap = blanks == 1 && follows ? newlineGap(newline) : Gap(pieces: Array(pieces), lines: blanks - 1)
        } else {
            terminateLastLine(of: previous, newline: newline)
            nodes[previous].gap = newlineGap(newline)
            if follows { gap = newlineGap(newline) }
        }
        crlf += incoming.crlf
        lf += incoming.lf

        let id = nodes.count
        let next = nodes[previous].next
        nodes.append(
            Node(
                key: key, pieces: [incoming.text[...]], hasContent: true, lastTerminated: true,
                lastIsAnchor: false, endsOutside: true, crlf: incoming.crlf, lf: incoming.lf,
                gap: gap, previous: previous, next: next))
        nodes[previous].next = id
        if next != -1 { nodes[next].previous = id } else { lastNode = id }
        return id
    }

    /// Ends node `id`'s last line with `newline` when it has none.
    private mutating func terminateLastLine(of id: Int, newline: Bytes) {
        guard !nodes[id].lastTerminated else { return }
        let before = (crlf, lf)
        count(newline, after: nodes[id].pieces.last?.last)
        nodes[id].crlf += crlf - before.0
        nodes[id].lf += lf - before.1
        nodes[id].pieces.append(newline)
        nodes[id].lastTerminated = true
    }

    // MARK: Output

    func bytes() -> [UInt8] {
        var size = prefix.count + tail.count
        var id = 0
        while id != -1 {
            for piece in nodes[id].pieces { size += piece.count }
            for piece in nodes[id].gap.pieces { size += piece.count }
            id = nodes[id].next
        }
        var result: [UInt8] = []
        result.reserveCapacity(size)
        result += prefix
        id = 0
        while id != -1 {
            for piece in nodes[id].pieces { result += piece }
            for piece in nodes[id].gap.pieces { result += piece }
            id = nodes[id].next
        }
        result += tail
        return result
    }
}
