/// `[changelog] packages-in-root = true`: the repository's own changelog gets one section per
/// release of packages, gathering each released package's new section under a sub-heading.
///
///     <a name="2026-11-21"></a>
///     ## 2026-11-21
///
///     ### api 1.4.0
///
///     #### Features
///     ...
///
/// The section is named by the release date (a second release the same day is `2026-11-21.2`),
/// with the anchor `ChangelogDocument` recognises a named section by, so it is merged on top and
/// found again. Each package's text is its section as written to its own changelog, without that
/// heading, in the style in use; its headings are moved down to level 4 at least, so none of them
/// reads as a release of the root changelog.
public struct RootChangelogSection: Sendable {
    public struct Package: Sendable {
        public var name: String
        public var version: SemanticVersion
        /// The package's section without its heading.
        public var notes: String

        public init(name: String, version: SemanticVersion, notes: String) {
            self.name = name
            self.version = version
            self.notes = notes
        }
    }

    public var packages: [Package]

    public init(packages: [Package]) {
        self.packages = packages
    }

    /// The section's name: `day`, or `day.N` when the document has a section of that name already.
    public static func name(day: String, in document: ChangelogDocument) -> String {
        var name = day
        var number = 1
        while document.section(for: .named(name)) != nil {
            number += 1
            name = "\(day).\(number)"
        }
        return name
    }

    /// The section, ending with a blank line.
    public func render(name: String) -> String {
        var out = "<a name=\"\(name)\"></a>\n## \(name)\n\n"
        for package in packages {
            out += "### \(package.name) \(package.version)\n\n"
            let notes = Self.demoted(package.notes)
            if !notes.isEmpty { out += notes + "\n\n" }
        }
        return out
    }

    /// `text` with its ATX headings moved down so that the highest is level 4; fenced code untouched.
    static func demoted(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var fence: Substring?
        var levels: [Int?] = []
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                levels.append(nil)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                levels.append(nil)
                continue
            }
            levels.append(headingLevel(line))
        }
        guard let highest = levels.compactMap({ $0 }).min(), highest < 4 else { return text }
        let shift = String(repeating: "#", count: 4 - highest)
        return zip(lines, levels).map { line, level in level == nil ? String(line) : shift + line }.joined(separator: "\n")
    }

    /// 1 to 6 for `# Title` … `###### Title` at the start of the line, else nil.
    private static func headingLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }
}
