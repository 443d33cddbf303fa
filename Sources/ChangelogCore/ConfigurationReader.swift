import TOMLKit

// The strict, typed reading of a TOML document behind `Configuration.parse`.
//
// Adding a table with typed keys is a few lines in `Configuration.parse`:
//
//     if var bump = try root.table("bump") {
//         configuration.initialVersion = try bump.string("initial")
//         configuration.majorOnZero = try bump.bool("major-on-zero")
//         try bump.finish()
//     }
//
// Every getter records its key as known; `finish()` reports the first key nobody asked for, with
// the list of known keys, so unknown keys and typos never pass silently.

/// A parsed TOML document together with its text and display name.
struct TOMLDocument {
    let text: String
    let file: String
    let root: TOMLTable

    init(_ text: String, file: String) throws(ConfigurationError) {
        self.text = text
        self.file = file
        writtenPaths = TOMLKeyLocator.writtenPaths(in: Array(text.utf8))
        do {
            root = try TOMLText.parse(text)
        } catch {
            throw Self.error(error, text: text, file: file)
        }
    }

    /// The failure in the configuration's words: `line L, column C: TOML syntax error: ...`.
    private static func error(_ failure: TOMLText.Failure, text: String, file: String) -> ConfigurationError {
        switch failure {
        case .nul(let offset):
            let nul = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
            let before = text.utf8[..<nul]
            let line = before.count(where: { $0 == 0x0A }) + 1
            let lineStart = before.lastIndex(of: 0x0A).map { text.utf8.index(after: $0) } ?? text.utf8.startIndex
            let column = text.unicodeScalars[lineStart..<nul].count + 1
            return syntaxError(file: file, line: line, column: column, "NUL characters are not allowed")
        case .aborting(let line, let column, let problem):
            return syntaxError(file: file, line: line, column: column, problem)
        case .syntax(let line, let column, let description):
            return syntaxError(file: file, line: line, column: column, description)
        case .other(let description):
            return ConfigurationError(file: file, key: nil, message: "TOML syntax error: \(oneLine(description))")
        }
    }

    /// Collapses line breaks and runs of spaces so a message fits on one line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func syntaxError(file: String, line: Int, column: Int, _ message: String) -> ConfigurationError {
        ConfigurationError(
            file: file, key: nil, message: "line \(line), column \(column): TOML syntax error: \(Self.oneLine(message))")
    }

    /// The 1-based line where the key at `path` is written, when the locator saw it.
    func line(of path: [String]) -> Int? {
        TOMLKeyLocator.entries(in: Array(text.utf8)).first { $0.path == path && !$0.inArrayTable }?.line
    }

    func rootReader() -> TOMLTableReader {
        TOMLTableReader(document: self, path: [], table: root)
    }

    /// Every table header and key path in the order the file writes them (see `fileOrder`).
    private let writtenPaths: [[String]]

    /// The keys of the table at `path`, in the order the file defines them.
    ///
    /// toml++ keeps a table's keys sorted and TOMLKit exposes no source positions, so the order
    /// comes from `TOMLKeyLocator`, which lexes the document once: a key's rank is the first header
    /// or key path written under `path` that starts with it (`[a.b]` and `a.c = 1` both rank `a`).
    /// Keys the locator did not see (it stops at what it does not understand) come last, by name.
    func fileOrder(of keys: [String], at path: [String]) -> [String] {
        guard keys.count > 1 else { return keys }
        let wanted = Set(keys)
        var rank: [String: Int] = [:]
        for (position, written) in writtenPaths.enumerated()
        where written.count > path.count && written.starts(with: path) && wanted.contains(written[path.count]) {
            if rank[written[path.count]] == nil { rank[written[path.count]] = position }
        }
        return keys.sorted { a, b in (rank[a] ?? Int.max, a) < (rank[b] ?? Int.max, b) }
    }
}

/// Typed, strict access to one TOML table: each getter records its key as known, checks the type and
/// throws a `ConfigurationError` naming the file, the dotted key, the expected and the found type.
struct TOMLTableReader {
    let document: TOMLDocument
    let path: [String]
    let table: TOMLTable
    /// Keys asked for, in the order asked, and the same as a set: tables of thousands of keys.
    private(set) var known: [String] = []
    private var knownSet: Set<String> = []

    init(document: TOMLDocument, path: [String], table: TOMLTable) {
        self.document = document
        self.path = path
        self.table = table
    }

    // MARK: Getters

    /// The raw value at `key`, recording the key as known.
    mutating func value(_ key: String) -> (any TOMLValueConvertible)? {
        if knownSet.insert(key).inserted { known.append(key) }
        return table[key]
    }

    /// A nested table, or nil when the key is absent.
    mutating func table(_ key: String) throws(ConfigurationError) -> TOMLTableReader? {
        guard let value = value(key) else { return nil }
        guard let nested = value.table else { throw typeError(key, expected: "a table", found: value) }
        return TOMLTableReader(document: document, path: path + [key], table: nested)
    }

    mutating func string(_ key: String, allowEmpty: Bool = true) throws(ConfigurationError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw typeError(key, expected: "a string", found: value) }
        if !allowEmpty, Self.isBlank(string) {
            throw error(key, "key \(dotted(key)) must not be empty, found \(Self.describe(value))")
        }
        return string
    }

    mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else { throw typeError(key, expected: "a boolean (true or false)", found: value) }
        return bool
    }

    mutating func integer(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let int = value.int else { throw typeError(key, expected: "an integer", found: value) }
        return int
    }

    /// A string from a fixed set. `aliases` are accepted too but not listed in the error message.
    mutating func choice<T>(
        _ key: String, _ choices: [(String, T)], aliases: [(String, T)] = [], caseInsensitive: Bool = false
    ) throws(ConfigurationError) -> T? {
        let names = choices.map(\.0)
        let listed =
            names.contains(where: { $0.isEmpty || $0.contains(" ") })
            ? names.map { Self.quote($0) }.joined(separator: ", ")
            : names.joined(separator: ", ")
        guard let value = value(key) else { return nil }
        guard let string = value.string else {
            throw typeError(key, expected: "a string (one of \(listed))", found: value)
        }
        for (name, result) in choices + aliases
        where name == string || (caseInsensitive && name.lowercased() == string.lowercased()) {
            return result
        }
        throw error(key, "key \(dotted(key)) must be one of \(listed) (found \(Self.quote(string)))")
    }

    /// An array whose items are all non-blank strings (possibly an empty array).
    mutating func stringArray(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = value(key) else { return nil }
        let expected = "an array of non-empty strings"
        guard let array = value.array else {
            var message = "key \(dotted(key)) must be \(expected), found \(Self.describe(value))"
            if let string = value.string, !Self.isBlank(string) {
                message += "; write \(Self.tomlKey(key)) = [\(Self.quote(string))]"
            }
            throw error(key, message)
        }
        var strings: [String] = []
        for (index, item) in array.enumerated() {
            guard let string = item.string, !Self.isBlank(string) else {
                throw error(key, "key \(dotted(key)) must be \(expected); item \(index + 1) is \(Self.describe(item))")
            }
            strings.append(string)
        }
        return strings
    }

    /// A table of `Name = ["alias", ...]` entries in file order, such as `[sections]`. Every entry
    /// must list at least one alias, and an alias may belong to one entry only.
    mutating func aliasTable(_ key: String, entry: String, alias: String) throws(ConfigurationError) -> [SectionAliases] {
        guard var entries = try table(key) else { return [] }
        var owners: [String: String] = [:]
        var result: [SectionAliases] = []
        for name in document.fileOrder(of: entries.table.keys, at: entries.path) {
            let key = entries.dotted(name)
            if Self.isBlank(name) {
                throw entries.error(name, "key \(key) must name a \(entry); an empty name is not allowed")
            }
            let values = try entries.stringArray(name) ?? []
            if values.isEmpty {
                throw entries.error(name, "key \(key) must list at least one \(alias), found an empty array")
            }
            var aliases: [String] = []
            for value in values {
                if let owner = owners[value] {
                    if owner == key { continue }
                    throw entries.error(
                        name, "key \(key) lists the \(alias) \(Self.quote(value)), already listed under \(owner)")
                }
                owners[value] = key
                aliases.append(value)
            }
            result.append(SectionAliases(title: name, aliases: aliases))
        }
        try entries.finish()
        return result
    }

    // MARK: Unknown keys

    /// Throws for the first key (in file order) that no getter asked for. `hint` may explain a key
    /// that is known to be misplaced or unsupported; otherwise a near miss is suggested.
    func finish(hint: (String) -> String? = { _ in nil }) throws(ConfigurationError) {
        let unknown = table.keys.filter { !knownSet.contains($0) }
        guard let key = document.fileOrder(of: unknown, at: path).first else { return }
        let isTable = table[key]?.type == .table
        let isRoot = path.isEmpty
        let noun = isTable ? "table" : "key"
        let knownList = known.sorted().joined(separator: ", ")
        var message = "unknown \(noun) \(dotted(key))"
        if isRoot, !isTable { message += " at the top level" }
        if let hint = hint(key) {
            message += " (\(hint))"
        } else if let suggestion = Self.nearest(to: key, among: known) {
            message += " (did you mean \(Self.quote(suggestion, mark: "'"))?)"
        }
        message +=
            knownList.isEmpty
            ? "; no keys are allowed here"
            : "; known \(isRoot ? "tables" : "keys"): \(knownList)"
        throw error(key, message)
    }

    // MARK: Messages

    func error(_ key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: document.file, key: key.map { Self.dottedPath(path + [$0]) }, message: message)
    }

    private func typeError(_ key: String, expected: String, found value: any TOMLValueConvertible) -> ConfigurationError {
        error(key, "key \(dotted(key)) must be \(expected), found \(Self.describe(value))")
    }

    /// `line 4: key 'packages.api.path'`: the key with where the file writes it.
    func located(_ key: String) -> String {
        (document.line(of: path + [key]).map { "line \($0): " } ?? "") + "key \(dotted(key))"
    }

    /// `'changelog.link-style'`, quoted for messages.
    func dotted(_ key: String) -> String { "'\(Self.dottedPath(path + [key]))'" }

    /// `sections."Bug Fixes"`: TOML's dotted-key spelling, quoting segments that are not bare keys.
    static func dottedPath(_ path: [String]) -> String {
        path.map(tomlKey).joined(separator: ".")
    }

    static func tomlKey(_ key: String) -> String {
        let bare =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        return bare ? key : quote(key)
    }

    /// `"text"` with backslash escapes, shortened when long; never more than one line.
    static func quote(_ text: String, mark: Character = "\"") -> String {
        let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
        var escaped = ""
        // By scalar: "\r\n" is one Character, which matched none of the cases and split the message.
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where mark.unicodeScalars.first == scalar: escaped += "\\\(mark)"
            case _ where isLineBreakingOrInvisible(scalar): escaped += scalar.escaped(asASCII: true)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\(mark)\(escaped)\(mark)"
    }

    /// Control characters and Unicode line and paragraph separators: shown escaped in messages.
    static func isLineBreakingOrInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// "a string (\"yes\")", "an integer (3)", "a table": what the file holds, for error messages.
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string:
            let string = value.string ?? ""
            if string.isEmpty { return "an empty string" }
            return Self.isBlank(string) ? "a blank string (\(quote(string)))" : "a string (\(quote(string)))"
        case .bool: return "a boolean (\(value.bool.map(String.init) ?? "?"))"
        case .int: return "an integer (\(value.int.map(String.init) ?? "?"))"
        case .double: return "a floating-point number (\(value.double.map { "\($0)" } ?? "?"))"
        case .array: return value.array?.isEmpty == true ? "an empty array" : "an array"
        case .table: return "a table"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    static func isBlank(_ string: String) -> Bool {
        string.allSatisfy(\.isWhitespace)
    }

    /// The known key closest to a misspelt one, if it is close enough to be a typo.
    static func nearest(to key: String, among candidates: [String]) -> String? {
        let lowered = key.lowercased()
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            let limit = candidate.count <= 4 ? 1 : 2
            if distance <= limit, distance < best?.distance ?? Int.max { best = (distance, candidate) }
        }
        return best?.candidate
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension TOMLTableReader {
    /// An array of commit types: each made of letters, digits, '-' and '_' (what a header's type can
    /// be), lower-cased (types are case-insensitive), without duplicates.
    mutating func typeNames(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let names = try stringArray(key) else { return nil }
        var types: [String] = []
        for (index, name) in names.enumerated() {
            let isType = name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
            guard isType else {
                throw error(
                    key,
                    """
                    key \(dotted(key)) must list commit types; item \(index + 1) (\(Self.quote(name))) is not one: \
                    a type is made of letters, digits, '-' and '_'
                    """)
            }
            let lowered = name.lowercased()
            if !types.contains(lowered) { types.append(lowered) }
        }
        return types
    }
}
