/// The "Dependencies" entries of a dependent package's release section (`depends-on`): one line
/// per dependency released with it, `* **deps:** api 1.4.0`, in the layout of the style in use.
///
/// - default: a `#### Dependencies` section after the others (before Contributors).
/// - clog: `\n#### Dependencies\n\n* **deps:**  api 1.4.0\n`, clog's spacing.
/// - conventional: a `### Dependencies` section, spaced as its others.
/// - keep-a-changelog: `- **deps:** api 1.4.0` under `### Changed`, which is created in its place
///   among the categories when the section has none.
public struct DependencyNotes: Sendable {
    public var style: ChangelogStyle

    public init(style: ChangelogStyle) {
        self.style = style
    }

    /// `section` (as the style's renderer writes it, ending with its blank line) with an entry per
    /// dependency, in the order given.
    public func adding(_ dependencies: [(name: String, version: SemanticVersion)], to section: String) -> String {
        guard !dependencies.isEmpty else { return section }
        let subjects = dependencies.map { "\($0.name) \($0.version)" }
        switch style {
        case .default:
            let block = "#### Dependencies\n\n" + subjects.map { "* **deps:** \($0)\n" }.joined() + "\n"
            return inserting(block, into: section, before: "#### Contributors\n")
        case .clog:
            let block = "\n#### Dependencies\n\n" + subjects.map { "* **deps:**  \($0)\n" }.joined()
            return inserting(block, into: section, before: "\n#### Contributors\n")
        case .conventional:
            let block = "\n### Dependencies\n\n" + subjects.map { "* **deps:** \($0)\n" }.joined() + "\n"
            return inserting(block, into: section, before: "\n### Contributors\n")
        case .keepAChangelog:
            return addingChanged(subjects.map { "- **deps:** \($0)\n" }.joined(), to: section)
        }
    }

    /// `block` before the first line that is `marker`, else at the end.
    private func inserting(_ block: String, into section: String, before marker: String) -> String {
        guard let range = Self.line(marker, in: section) else { return section + block }
        var result = section
        result.insert(contentsOf: block, at: range.lowerBound)
        return result
    }

    /// The range of `marker` where it starts a line of `text` (or `text` itself).
    private static func line(_ marker: String, in text: String) -> Range<String.Index>? {
        var start = text.startIndex
        while let found = text[start...].firstRange(of: marker) {
            if found.lowerBound == text.startIndex || marker.hasPrefix("\n") || text[text.index(before: found.lowerBound)] == "\n" {
                return found
            }
            start = found.upperBound
        }
        return nil
    }

    private static let afterChanged = ["### Deprecated\n", "### Removed\n", "### Fixed\n", "### Security\n", "### Contributors\n"]

    private func addingChanged(_ entries: String, to section: String) -> String {
        var result = section
        if let changed = Self.line("### Changed\n", in: section) {
            // The block runs to the next category heading (or the end) and ends with a blank line.
            let rest = section[changed.upperBound...]
            let next = rest.firstRange(of: "\n### ").map { section.index(after: $0.lowerBound) } ?? section.endIndex
            let end = section[..<next].hasSuffix("\n\n") ? section.index(before: next) : next
            result.insert(contentsOf: entries, at: end)
            return result
        }
        let block = "### Changed\n\n" + entries + "\n"
        let positions = Self.afterChanged.compactMap { Self.line($0, in: section)?.lowerBound }
        guard let first = positions.min() else { return section + block }
        result.insert(contentsOf: block, at: first)
        return result
    }
}
