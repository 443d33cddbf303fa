import ChangelogCore

/// Finds and reads the configuration file: `-c FILE`, else `.changelog.toml`, else clog's `.clog.toml`
/// at the repository root.
public enum ConfigurationLoader {
    public static func load(explicit: String?, repositoryRoot: String?) throws(ChangelogError) -> Configuration {
        if let explicit {
            guard let bytes = try AtomicFile.read(explicit) else {
                throw ChangelogError("configuration file \(explicit) does not exist; check the path given to -c/--config")
            }
            let name = explicit.split(separator: "/").last.map(String.init) ?? explicit
            let flavor: Configuration.Flavor = name == ".clog.toml" || name == "clog.toml" ? .clog : .changelog
            return try parse(bytes, file: explicit, flavor: flavor)
        }
        guard let root = repositoryRoot else { return Configuration() }
        for (name, flavor) in [(".changelog.toml", Configuration.Flavor.changelog), (".clog.toml", .clog)] {
            if let bytes = try WorkingTreeFile.read(root + name, shownAs: name) {
                return try parse(bytes, file: name, flavor: flavor)
            }
        }
        return Configuration()
    }

    private static func parse(_ bytes: [UInt8], file: String, flavor: Configuration.Flavor) throws(ChangelogError) -> Configuration {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ChangelogError("\(file): not valid UTF-8; TOML files must be UTF-8")
        }
        do {
            var configuration = try Configuration.parse(text, file: file, flavor: flavor)
            // clog users get clog's layout unasked.
            if flavor == .clog, configuration.style == nil { configuration.style = .clog }
            return configuration
        } catch {
            throw ChangelogError(error)
        }
    }
}

extension Configuration {
    /// The section layout: the defaults plus `[sections]`, `[components]` and `other`.
    public var layout: SectionLayout {
        var layout = SectionLayout.standard.adding(
            sections: sections.map { ($0.title, $0.aliases) },
            components: components.map { ($0.title, $0.aliases) })
        layout.otherTitle = other
        return layout
    }
}
