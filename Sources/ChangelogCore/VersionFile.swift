/// One entry of `[release] files` in .changelog.toml: a path and how its version is found.
///
/// Every format edits the version's bytes in place and leaves the rest of the file alone, so a
/// release commit's diff of a project file is one line: no reformatting, no lost comments.
public struct VersionFile: Sendable, Equatable {
    public enum Format: Sendable, Equatable {
        /// `VERSION` or `VERSION.txt`: the whole content is the version.
        case plain
        /// `setup.py`: the one `version="…"` keyword argument or `__version__`/`version` assignment.
        case setupPy
        /// `pyproject.toml`: `version` in `[project]`, else in `[tool.poetry]`.
        case pyproject
        /// `package.json`: the top-level `"version"` member only.
        case packageJSON
        /// `Cargo.toml`: `version` in `[package]`, or `[workspace.package]` when there is no `[package]`.
        case cargoToml
        /// `path:regex`: a regular expression with exactly one capture group around the version.
        case pattern(String)
    }

    /// Relative to the repository root, as written in the configuration.
    public var path: String
    public var format: Format

    public init(path: String, format: Format) {
        self.path = path
        self.format = format
    }

    /// The file names recognised without a pattern, for messages.
    static let knownNames = "VERSION, VERSION.txt, setup.py, pyproject.toml, package.json or Cargo.toml"

    /// Parses one configuration entry.
    ///
    /// A known file name is recognised in any directory (`crates/core/Cargo.toml`); anything with a
    /// `:` is `path:regex`, split at the first `:`, so a pattern may itself contain colons.
    public static func parse(_ entry: String) throws(VersionFileError) -> VersionFile {
        if let colon = entry.firstIndex(of: ":") {
            let path = String(entry[..<colon])
            let pattern = String(entry[entry.index(after: colon)...])
            guard !path.isEmpty else {
                throw VersionFileError(
                    path: entry,
                    message: "no file name before ':'; write 'path:regex', e.g. 'src/version.h:VERSION \"(.*)\"'")
            }
            guard !pattern.isEmpty else {
                throw VersionFileError(
                    path: path,
                    message: "no regular expression after ':'; write '\(path):regex' with one capture group "
                        + "around the version, e.g. '\(path):version = \"(.*)\"'")
            }
            try PatternLocator.validate(pattern, path: path)
            return VersionFile(path: path, format: .pattern(pattern))
        }
        let name = entry.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let format: Format
        switch name {
        case "VERSION", "VERSION.txt": format = .plain
        case "setup.py": format = .setupPy
        case "pyproject.toml": format = .pyproject
        case "package.json": format = .packageJSON
        case "Cargo.toml": format = .cargoToml
        default:
            let shown = entry.isEmpty ? "<path>" : entry
            throw VersionFileError(
                path: entry,
                message: "cannot tell where the version is in \(entry.isEmpty ? "an empty entry" : "this file"); "
                    + "name a \(knownNames) file, or write '\(shown):regex' with one capture group around the "
                    + "version, e.g. '\(shown):version = \"(.*)\"'")
        }
        return VersionFile(path: entry, format: format)
    }

    /// The version currently written in the file (for messages and checks).
    ///
    /// It need not be a semantic version (`0.0.0.dev0`), and may be empty.
    public func currentVersion(in bytes: [UInt8]) throws(VersionFileError) -> String {
        String(decoding: bytes[try locate(in: bytes)], as: UTF8.self)
    }

    /// `bytes` with the version replaced by `version`; every other byte unchanged.
    ///
    /// The result is read back with the same rules (for TOML, through TOMLKit) and must yield
    /// `version` at the same place: an edit that lands anywhere else, or that a later run could not
    /// find again, is an error rather than a quietly damaged file.
    public func updating(_ bytes: [UInt8], to version: SemanticVersion) throws(VersionFileError) -> [UInt8] {
        let range = try locate(in: bytes)
        let text = version.description
        var result = bytes
        result.replaceSubrange(range, with: Array(text.utf8))
        let readBack: Range<Int>
        do {
            readBack = try locate(in: result)
        } catch {
            throw VersionFileError(
                path: path,
                message: "after writing \(text) the version could no longer be found: \(error.message)")
        }
        let found = String(decoding: result[readBack], as: UTF8.self)
        guard readBack.lowerBound == range.lowerBound, found == text else {
            let hint = if case .pattern = format { "; make the capture group match any whole version" } else { "" }
            throw VersionFileError(
                path: path, message: "after writing \(text) the version reads back as \"\(found)\"\(hint)")
        }
        return result
    }

    /// The byte range of the version in `bytes`.
    func locate(in bytes: [UInt8]) throws(VersionFileError) -> Range<Int> {
        let text = try Self.utf8Text(bytes, path: path)
        switch format {
        case .plain: return try locatePlain(in: bytes)
        case .setupPy: return try SetupPyLocator.locate(in: bytes, path: path)
        case .pyproject: return try TOMLVersionLocator.pyproject(text, bytes: bytes, path: path)
        case .packageJSON: return try PackageJSONLocator.locate(in: bytes, path: path)
        case .cargoToml: return try TOMLVersionLocator.cargo(text, bytes: bytes, path: path)
        case .pattern(let pattern): return try PatternLocator.locate(pattern, in: text, path: path)
        }
    }

    /// The version is everything but a byte order mark and surrounding whitespace, which are kept.
    private func locatePlain(in bytes: [UInt8]) throws(VersionFileError) -> Range<Int> {
        let start = Self.contentStart(bytes)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes[start...].firstIndex(where: { !isSpace($0) }),
            let last = bytes[start...].lastIndex(where: { !isSpace($0) })
        else {
            // Empty or blank: the version goes first, before any line break already there.
            return start..<start
        }
        if bytes[first...last].contains(where: isSpace) {
            let what = bytes[first...last].contains(0x0A) ? "more than one line" : "more than one word"
            throw VersionFileError(
                path: path,
                message: "holds \(what); a \(path.split(separator: "/").last ?? "VERSION") file holds the version "
                    + "alone, e.g. 1.2.3 (or list the file as '\(path):<regex>')")
        }
        return first..<(last + 1)
    }

    // MARK: Shared helpers

    /// Where the content starts: after a UTF-8 byte order mark, if any.
    static func contentStart(_ bytes: [UInt8]) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The 1-based line of the byte at `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<min(offset, bytes.count)].count(where: { $0 == 0x0A }) + 1
    }

    /// The file as text, or an error naming the line of the first byte that is not UTF-8.
    static func utf8Text(_ bytes: [UInt8], path: String) throws(VersionFileError) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        // Decoding repairs invalid sequences with U+FFFD, so the first difference is the first bad byte.
        var offset = 0
        for (decoded, original) in zip(text.utf8, bytes) {
            guard decoded == original else { break }
            offset += 1
        }
        guard offset == bytes.count, text.utf8.count == bytes.count else {
            throw VersionFileError(
                path: path,
                message: "not valid UTF-8 (line \(line(of: offset, in: bytes))); save the file as UTF-8")
        }
        return text
    }
}
