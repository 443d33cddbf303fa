extension LintOptions {
    /// Reads the keys of `[check]`; the caller reports unknown keys with `finish()`.
    static func read(_ table: inout TOMLTableReader) throws(ConfigurationError) -> LintOptions {
        var options = LintOptions()
        if let types = try table.typeNames("types") {
            if types.isEmpty {
                throw table.error(
                    "types",
                    """
                    key \(table.dotted("types")) must list at least one commit type, found an empty array; \
                    to allow any type, add "type-enum" to disabled-rules instead
                    """)
            }
            options.types = types
        }
        if let length = try table.integer("header-max-length") {
            guard length > 0 else {
                throw table.error(
                    "header-max-length",
                    "key \(table.dotted("header-max-length")) must be a positive integer, found an integer (\(length))")
            }
            options.headerMaxLength = length
        }
        if let scopes = try table.stringArray("scopes") {
            var unique: [String] = []
            for scope in scopes where !unique.contains(scope) { unique.append(scope) }
            options.scopes = unique
        }
        if let names = try table.stringArray("disabled-rules") {
            let known = Diagnostic.Rule.allCases.map(\.rawValue)
            var rules: Set<Diagnostic.Rule> = []
            for name in names {
                guard let rule = Diagnostic.Rule(rawValue: name) else {
                    var message = "key \(table.dotted("disabled-rules")) lists the unknown rule \(TOMLTableReader.quote(name))"
                    if let suggestion = TOMLTableReader.nearest(to: name, among: known) {
                        message += " (did you mean \(TOMLTableReader.quote(suggestion, mark: "'"))?)"
                    }
                    message += "; known rules: \(known.sorted().joined(separator: ", "))"
                    throw table.error("disabled-rules", message)
                }
                rules.insert(rule)
            }
            options.disabledRules = rules
        }
        if let value = try table.bool("ignore-merges") { options.ignoreMerges = value }
        if let value = try table.bool("ignore-reverts") { options.ignoreReverts = value }
        if let value = try table.bool("ignore-autosquash") { options.ignoreAutosquash = value }
        return options
    }
}
