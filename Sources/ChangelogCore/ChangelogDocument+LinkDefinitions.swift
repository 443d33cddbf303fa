extension ChangelogDocument {
    /// The document with link reference definitions set in its trailing block (keep-a-changelog's
    /// `[1.4.0]: https://…/compare/v1.3.0...v1.4.0` lines at the bottom), everything else unchanged.
    ///
    /// A definition whose label (case-insensitively) is there already gets the new URL; a new one
    /// goes where keep-a-changelog keeps it: `[unreleased]` first, versions newest first (before the
    /// first definition of a lower version, else after the last version's), others at the end of the
    /// block. Without a block, one is started after the document's last line and a blank line. A
    /// rerun with the same definitions changes nothing.
    public func settingLinkDefinitions(_ definitions: [(label: String, url: String)]) -> [UInt8] {
        guard !definitions.isEmpty else { return bytes }
        let newline: [UInt8] = usesCRLF ? [0x0D, 0x0A] : [0x0A]
        let blockStart = (lastContentLine ?? -1) + 1
        // The trailing lines: definitions (with their label) and blank lines, kept as they are.
        var items: [(label: String?, bytes: [UInt8])] = []
        var firstDefinition: Int?
        for index in blockStart..<lines.count {
            let line = lines[index]
            if Self.isLinkReferenceDefinition(line, in: bytes) {
                if firstDefinition == nil { firstDefinition = index }
                let content = bytes[line.start..<line.contentEnd]
                let open = content.firstIndex(of: UInt8(ascii: "["))!
                let close = content.firstIndex(of: UInt8(ascii: "]"))!
                let label = String(decoding: content[(open + 1)..<close], as: UTF8.self)
                items.append((label, Array(bytes[line.start..<line.end])))
            } else if firstDefinition != nil {
                items.append((nil, Array(bytes[line.start..<line.end])))
            }
        }
        let original = items
        for definition in definitions {
            let text = "[\(definition.label)]: \(definition.url)"
            if let index = items.firstIndex(where: { $0.label?.lowercased() == definition.label.lowercased() }) {
                let old = items[index]
                let ending = old.bytes.last == 0x0A ? (old.bytes.dropLast().last == 0x0D ? [0x0D, 0x0A] : [0x0A]) : [UInt8]()
                items[index].bytes = Array("[\(old.label!)]: \(definition.url)".utf8) + ending
                continue
            }
            let position = Self.insertionIndex(for: definition.label, in: items.map(\.label))
            // The line before it may be the file's last, unterminated: terminate it first.
            if position > 0, let last = items[position - 1].bytes.last, last != 0x0A {
                items[position - 1].bytes += newline
            }
            items.insert((definition.label, Array(text.utf8) + newline), at: position)
        }
        if firstDefinition == nil {
            // A new block at the end: one blank line after the document's last line.
            var result = bytes
            while let last = result.last, Self.isWhitespace(last) { result.removeLast() }
            if !result.isEmpty { result += newline + newline }
            for item in items { result += item.bytes }
            return result
        }
        if items.map(\.bytes) == original.map(\.bytes) { return bytes }
        var result = Array(bytes[..<lines[firstDefinition!].start])
        for item in items { result += item.bytes }
        return result
    }

    /// Where a new definition for `label` goes among the block's labels (nil for blank lines).
    private static func insertionIndex(for label: String, in labels: [String?]) -> Int {
        let lowered = label.lowercased()
        if lowered == "unreleased" {
            return labels.firstIndex { $0 != nil } ?? labels.count
        }
        guard let (version, _) = SemanticVersion.parseTag(label) else {
            return (labels.lastIndex { $0 != nil }).map { $0 + 1 } ?? labels.count
        }
        var afterKnown: Int?
        for (index, existing) in labels.enumerated() {
            guard let existing else { continue }
            if existing.lowercased() == "unreleased" {
                afterKnown = index + 1
            } else if let (other, _) = SemanticVersion.parseTag(existing) {
                if other < version { return index }
                afterKnown = index + 1
            }
        }
        return afterKnown ?? (labels.lastIndex { $0 != nil }).map { $0 + 1 } ?? labels.count
    }
}
