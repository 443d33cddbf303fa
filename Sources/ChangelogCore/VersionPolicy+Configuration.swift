// `[bump]` in `.changelog.toml` / `.clog.toml`:
//
//     [bump]
//     initial = "0.1.0"              # the first version when nothing has been released
//     major = []                     # types that bump the major number (a breaking change always does)
//     minor = ["feat"]               # each array given replaces that level's defaults
//     patch = ["fix", "perf"]
//     breaking-below-one = "minor"   # or "major": what a breaking change does on 0.x

extension VersionPolicy {
    /// Reads the keys of `[bump]`; the caller reports unknown keys with `finish()`.
    static func read(_ table: inout TOMLTableReader) throws(ConfigurationError) -> VersionPolicy {
        var policy = VersionPolicy()
        if let text = try table.string("initial") {
            guard let version = SemanticVersion(text) else {
                var message =
                    "key \(table.dotted("initial")) must be a semantic version such as \"0.1.0\" or \"1.0.0\", "
                    + "found \(TOMLTableReader.quote(text))"
                if let first = text.first, first == "v" || first == "V", SemanticVersion(text.dropFirst()) != nil {
                    message += "; write it without the '\(first)' prefix: \"\(text.dropFirst())\""
                }
                throw table.error("initial", message)
            }
            policy.initial = version
        }

        // Each level that the file gives replaces its defaults; a type it names leaves the levels
        // that keep their defaults, so `patch = ["feat", "fix"]` alone really makes feat a patch.
        var given: [(level: BumpLevel, key: String, types: [String])] = []
        var owners: [String: String] = [:]
        for (level, key) in [(BumpLevel.major, "major"), (.minor, "minor"), (.patch, "patch")] {
            guard let types = try table.typeNames(key) else { continue }
            for type in types {
                if let owner = owners[type] {
                    throw table.error(
                        key,
                        """
                        key \(table.dotted(key)) lists the type \(TOMLTableReader.quote(type)), already listed under \
                        \(owner); a type bumps one level only
                        """)
                }
                owners[type] = table.dotted(key)
            }
            given.append((level, key, types))
        }
        let named = Set(owners.keys)
        if !given.isEmpty {
            policy.majorTypes.subtract(named)
            policy.minorTypes.subtract(named)
            policy.patchTypes.subtract(named)
        }
        for entry in given {
            switch entry.level {
            case .major: policy.majorTypes = Set(entry.types)
            case .minor: policy.minorTypes = Set(entry.types)
            case .patch: policy.patchTypes = Set(entry.types)
            case .none: break
            }
        }

        if let minor = try table.choice("breaking-below-one", [("minor", true), ("major", false)]) {
            policy.breakingBumpsMinorBelowOne = minor
        }
        return policy
    }
}
