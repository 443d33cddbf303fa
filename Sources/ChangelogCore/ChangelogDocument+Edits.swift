extension ChangelogDocument {
    /// Whether the document already has a release section for `key` whose bytes differ from
    /// `section` as a merge would write it: a section someone edited by hand (a subtitle, a note, a
    /// reworded entry), which regenerating would lose. An identical section is no edit (running the
    /// same command again changes nothing), and Unreleased never counts: it is rewritten on every run,
    /// and releasing turns it into the version.
    public func hasEditedSection(for key: SectionKey, comparedWith section: String) -> Bool {
        guard key != .unreleased, let existing = self.section(for: key),
            let text = Self.normalized(section, newline: newline(outside: target(for: key)))
        else { return false }
        return !bytes[existing.range].elementsEqual(text)
    }

    /// `merging(_:)`, except that, when `keepingEdited`, a section edited by hand
    /// (`hasEditedSection(for:comparedWith:)`) stays as it is; `kept` lists those, in the order given.
    public func merging(
        _ sections: [(text: String, key: SectionKey)], keepingEdited: Bool, spacing: SectionSpacing = .oneBlankLine
    ) -> (bytes: [UInt8], kept: [SectionKey]) {
        guard keepingEdited else { return (merging(sections, spacing: spacing), []) }
        var kept: [SectionKey] = []
        let merged = sections.filter { section in
            let edited = hasEditedSection(for: section.key, comparedWith: section.text)
            if edited { kept.append(section.key) }
            return !edited
        }
        return (merging(merged, spacing: spacing), kept)
    }
}
