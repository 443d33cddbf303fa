import TOMLKit

/// Cargo.lock: the entries of the workspace's own packages take the version a release writes into
/// Cargo.toml, so `cargo build --locked` keeps working.
///
/// Cargo writes the file in one fixed layout (format versions 1 to 4), so a line scanner finds each
/// `[[package]]` entry's `name`, `version` and `source` lines and the strings of its `dependencies`.
/// The scan must agree with TOMLKit's reading of every entry before anything is edited, and the
/// edited file is parsed again and must equal the original with exactly the intended values changed.
/// Only entries without a `source` are the workspace's (registry and git packages have one).
/// A reference to a package is `"name version"` when another package shares its name; those to an
/// edited entry change with it.
public enum CargoLock {
    /// A package whose entry took the new version, and the version it had.
    public struct Change: Sendable, Equatable {
        public var name: String
        public var previous: String
    }

    private struct Entry {
        var name: (content: Range<Int>, text: String)?
        var version: Range<Int>?
        var hasSource = false
        var references: [Range<Int>] = []
        var line: Int
    }

    /// `bytes` with the entries of `packages` at `version`, and what changed; every other byte unchanged.
    public static func updating(
        _ bytes: [UInt8], path: String, packages: [String], to version: SemanticVersion
    ) throws(VersionFileError) -> (bytes: [UInt8], changes: [Change]) {
        let text = try VersionFile.utf8Text(bytes, path: path)
        let root = try TOMLVersionLocator.parse(text, bytes: bytes, path: path)
        if let format = root["version"], format.int.map({ (3...4).contains($0) }) != true {
            throw VersionFileError(
                path: path,
                message: "lock file format version \(format.int.map(String.init) ?? "?") is not one this tool can edit (1 to 4); "
                    + "update Cargo.lock by hand or drop the Cargo.toml entry from [release] files")
        }
        let entries = try scan(bytes, path: path)
        try check(entries, against: root, bytes: bytes, path: path)

        var targets: [Int] = []
        for name in packages where !targets.contains(where: { entries[$0].name?.text == name }) {
            let found = entries.indices.filter { entries[$0].name?.text == name && !entries[$0].hasSource }
            guard found.count == 1 else {
                // Two path packages of one name (a vendored crate beside the member) are cargo's own
                // doing: updating the lock changes nothing, and only the user can tell which is which.
                let lines = found.map { String(entries[$0].line) }.joined(separator: ", ")
                throw VersionFileError(
                    path: path,
                    message: found.isEmpty
                        ? "no entry for the workspace package \(name); run `cargo update --workspace` to bring Cargo.lock "
                            + "up to date and commit it, then release"
                        : "\(found.count) path packages are named \(name) (lines \(lines)), and Cargo.lock does not say which "
                            + "one the release versions; rename one of them, or release without this Cargo.toml in "
                            + "[release] files and update its entry by hand")
            }
            targets.append(found[0])
        }

        let new = Array(version.description.utf8)
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        var changes: [Change] = []
        var references: [String: [UInt8]] = [:]
        for index in targets {
            let entry = entries[index]
            guard let range = entry.version, let name = entry.name?.text else { continue }
            let previous = String(decoding: bytes[range], as: UTF8.self)
            changes.append(Change(name: name, previous: previous))
            guard previous != version.description else { continue }
            edits.append((range, new))
            references["\(name) \(previous)"] = Array("\(name) \(version)".utf8)
        }
        for entry in entries {
            for range in entry.references {
                if let replacement = references[String(decoding: bytes[range], as: UTF8.self)] {
                    edits.append((range, replacement))
                }
            }
        }
        guard !edits.isEmpty else { return (bytes, changes) }
        var result = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.bytes)
        }
        try verify(result, expected: root, targets: targets, references: references, version: version, path: path)
        return (result, changes)
    }

    /// The names of the entries without a `source`: the packages of the lock file's own workspace
    /// and its path dependencies.
    public static func localPackages(in bytes: [UInt8], path: String) throws(VersionFileError) -> Set<String> {
        Set(try scan(bytes, path: path).filter { !$0.hasSource }.compactMap(\.name?.text))
    }

    /// The original document (`expected`, changed here) with the intended changes made through
    /// TOMLKit must equal the edited file as TOMLKit reads it.
    private static func verify(
        _ result: [UInt8], expected: TOMLTable, targets: [Int], references: [String: [UInt8]],
        version: SemanticVersion, path: String
    ) throws(VersionFileError) {
        let failure = VersionFileError(
            path: path,
            message: "after writing \(version) the lock file no longer reads as expected; update it with cargo instead")
        let read: TOMLTable
        do {
            read = try TOMLVersionLocator.parse(try VersionFile.utf8Text(result, path: path), bytes: result, path: path)
        } catch {
            throw failure
        }
        guard let packages = expected["package"]?.array else { throw failure }
        for index in targets {
            packages[index].table?["version"] = version.description
        }
        for package in packages {
            guard let dependencies = package.table?["dependencies"]?.array else { continue }
            for (offset, reference) in dependencies.enumerated() {
                if let text = reference.string, let replacement = references[text] {
                    dependencies[offset] = String(decoding: replacement, as: UTF8.self)
                }
            }
        }
        guard expected == read else { throw failure }
    }

    /// Every `[[package]]` entry, in order, as the lines Cargo writes.
    private static func scan(_ b: [UInt8], path: String) throws(VersionFileError) -> [Entry] {
        var entries: [Entry] = []
        var inPackage = false
        var inDependencies = false
        var lineNumber = 0
        var start = VersionFile.contentStart(b)
        while start < b.count {
            lineNumber += 1
            var end = b[start...].firstIndex(of: 0x0A) ?? b.count
            let next = end + 1
            if end > start, b[end - 1] == 0x0D { end -= 1 }
            defer { start = next }
            let line = b[start..<end]
            func unexpected() -> VersionFileError {
                VersionFileError(
                    path: path,
                    message: "line \(lineNumber) is not laid out as Cargo writes a lock file; "
                        + "let cargo rewrite it (cargo update --workspace) and commit it, then release")
            }
            if inDependencies {
                let trimmed = line.drop(while: Bytes.isBlank)
                if trimmed.first == UInt8(ascii: "]") {
                    inDependencies = false
                } else if let content = quoted(trimmed), content.upperBound + 1 == end || b[content.upperBound + 1] == UInt8(ascii: ",") {
                    entries[entries.count - 1].references.append(content)
                } else if !trimmed.isEmpty {
                    throw unexpected()
                }
                continue
            }
            if line.elementsEqual("[[package]]".utf8) {
                entries.append(Entry(line: lineNumber))
                inPackage = true
            } else if line.first == UInt8(ascii: "[") {
                inPackage = false
            } else if inPackage {
                if line.starts(with: "name = ".utf8) {
                    guard let content = quoted(line.dropFirst(7)), content.upperBound + 1 == end else { throw unexpected() }
                    entries[entries.count - 1].name = (content, String(decoding: b[content], as: UTF8.self))
                } else if line.starts(with: "version = ".utf8) {
                    guard let content = quoted(line.dropFirst(10)), content.upperBound + 1 == end else { throw unexpected() }
                    entries[entries.count - 1].version = content
                } else if line.starts(with: "source = ".utf8) {
                    entries[entries.count - 1].hasSource = true
                } else if line.starts(with: "dependencies = [".utf8) {
                    guard line.count == 16 else { throw unexpected() }
                    inDependencies = true
                }
            }
        }
        return entries
    }

    /// The content of the string that `slice` starts with: no escapes, no line break.
    private static func quoted(_ slice: ArraySlice<UInt8>) -> Range<Int>? {
        guard slice.first == UInt8(ascii: "\"") else { return nil }
        let start = slice.startIndex + 1
        guard let close = slice[start...].firstIndex(of: UInt8(ascii: "\"")),
            !slice[start..<close].contains(UInt8(ascii: "\\"))
        else { return nil }
        return start..<close
    }

    /// The scan must find what TOMLKit reads, entry by entry: otherwise an edit could land on the wrong bytes.
    private static func check(_ entries: [Entry], against root: TOMLTable, bytes: [UInt8], path: String) throws(VersionFileError) {
        guard let packages = root["package"]?.array else {
            throw VersionFileError(
                path: path,
                message: "no [[package]] entries; this is not a Cargo.lock as cargo writes it (run cargo generate-lockfile)")
        }
        func differs(_ index: Int) -> VersionFileError {
            let at = index < entries.count ? "the entry on line \(entries[index].line)" : "entry \(index + 1)"
            return VersionFileError(
                path: path,
                message: "\(at) is not written as Cargo writes a lock file; "
                    + "let cargo rewrite it (cargo update --workspace) and commit it, then release")
        }
        guard packages.count == entries.count else { throw differs(min(packages.count, entries.count)) }
        for (index, entry) in entries.enumerated() {
            guard let package = packages[index].table,
                let name = package["name"]?.string, name == entry.name?.text,
                let version = entry.version, package["version"]?.string == String(decoding: bytes[version], as: UTF8.self),
                (package["source"] != nil) == entry.hasSource
            else { throw differs(index) }
            let dependencies = package["dependencies"]?.array.map { Array($0) } ?? []
            guard dependencies.count == entry.references.count,
                zip(dependencies, entry.references).allSatisfy({ $0.string == String(decoding: bytes[$1], as: UTF8.self) })
            else { throw differs(index) }
        }
    }
}
