/// A dependent package's manifest pointing at a dependency released with it (`depends-on`): the
/// requirement on the dependency moves to the new version, keeping its operator.
///
/// - package.json: members of `dependencies`, `devDependencies`, `peerDependencies` and
///   `optionalDependencies` named after the dependency (`"@acme/api": "^1.3.0"` -> `"^1.4.0"`).
/// - Cargo.toml: `api = "1.3.0"` or `api = { version = "=1.3.0", path = "../api" }` (or a
///   `[dependencies.api]` table) under `[dependencies]`, `[dev-dependencies]`,
///   `[build-dependencies]`, their `[target.*]` forms and `[workspace.dependencies]`.
///
/// A requirement that is `^`, `~`, `=`, `>=` (or npm's `workspace:` forms) followed by one version
/// is rewritten as that operator and the new version; anything else (`*`, `workspace:*`, a range
/// with spaces, a path or git URL) names no version to move and is left as written. Only the
/// requirement's bytes change, as for a version file.
public enum DependencyVersions {
    public struct Change: Equatable, Sendable {
        public var name: String
        public var old: String
        public var new: String
    }

    static let jsonTables: Set<String> = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]
    static let cargoTables: Set<String> = ["dependencies", "dev-dependencies", "build-dependencies"]

    /// `bytes` with every requirement on a package named in `names` moved to `version`; the file
    /// unchanged (and no changes) when it names none, or is neither format. `pathOnly`: only Cargo
    /// requirements that also give a `path`, as a workspace member's on another member do; one
    /// without names the registry's package of that name, which the release does not make.
    public static func updating(
        _ bytes: [UInt8], format: VersionFile.Format, path: String, names: Set<String>, to version: SemanticVersion,
        pathOnly: Bool = false
    ) throws(VersionFileError) -> (bytes: [UInt8], changes: [Change]) {
        let found = try requirements(in: bytes, format: format, path: path, names: names, pathOnly: pathOnly)
        var result = bytes
        var changes: [Change] = []
        for (name, range) in found.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            let old = String(decoding: bytes[range], as: UTF8.self)
            guard let new = moved(old, to: version), new != old else { continue }
            result.replaceSubrange(range, with: Array(new.utf8))
            changes.insert(Change(name: name, old: old, new: new), at: 0)
        }
        return (result, changes)
    }

    /// The names of `names` that the file requires (as `updating` finds them), whatever their
    /// version: a release checks the files it may write before it computes anything.
    public static func requiredNames(
        in bytes: [UInt8], format: VersionFile.Format, path: String, names: Set<String>, pathOnly: Bool = false
    ) throws(VersionFileError) -> Set<String> {
        Set(try requirements(in: bytes, format: format, path: path, names: names, pathOnly: pathOnly).map(\.name))
    }

    /// Where the file writes its requirements on `names`: each name and the bytes of its requirement.
    private static func requirements(
        in bytes: [UInt8], format: VersionFile.Format, path: String, names: Set<String>, pathOnly: Bool
    ) throws(VersionFileError) -> [(name: String, range: Range<Int>)] {
        let found: [(name: String, range: Range<Int>)]
        switch format {
        case .packageJSON: found = try PackageJSONDependencies.requirements(in: bytes, path: path).filter { names.contains($0.name) }
        case .cargoToml:
            _ = try TOMLVersionLocator.parse(String(decoding: bytes, as: UTF8.self), bytes: bytes, path: path)
            let entries = TOMLKeyLocator.entries(in: bytes)
            // A renamed dependency (`old = { package = "core", ... }`) requires the package it names.
            var packages: [[String]: String] = [:]
            var withPath: Set<[String]> = []
            for entry in entries where !entry.inArrayTable && entry.path.count >= 2 {
                let key = Array(entry.path.dropLast())
                switch entry.path.last {
                case "package": packages[key] = entry.stringContent.map { String(decoding: bytes[$0], as: UTF8.self) }
                case "path": withPath.insert(key)
                default: break
                }
            }
            found = entries.compactMap { entry in
                guard let content = entry.stringContent, !entry.inArrayTable, let key = cargoDependency(entry.path) else { return nil }
                let dependency = entry.path.last == "version" ? Array(entry.path.dropLast()) : entry.path
                let name = packages[dependency] ?? key
                guard names.contains(name), !pathOnly || withPath.contains(dependency) else { return nil }
                return (name, content)
            }
        default: return []
        }
        return found
    }

    /// The name other manifests require a package by: package.json's top-level `name`, Cargo.toml's
    /// `[package] name`; nil for other files or without one.
    public static func packageName(in bytes: [UInt8], format: VersionFile.Format, path: String) -> String? {
        switch format {
        case .packageJSON: PackageJSONLocator.topLevelString("name", in: bytes)
        case .cargoToml: (try? CargoManifest(bytes, path: path))?.packageName
        default: nil
        }
    }

    /// The dependency a Cargo key path names a version requirement of, if it does.
    static func cargoDependency(_ path: [String]) -> String? {
        var tail = path[...]
        if tail.first == "target", tail.count >= 3 {
            tail = tail.dropFirst(2)
        } else if tail.first == "workspace" {
            tail = tail.dropFirst()
        }
        guard let table = tail.first, tail.count >= 2 else { return nil }
        let isTable = path.first == "workspace" ? table == "dependencies" : cargoTables.contains(table)
        guard isTable else { return nil }
        let rest = tail.dropFirst(2)
        guard rest.isEmpty || rest.elementsEqual(["version"]) else { return nil }
        return tail[tail.startIndex + 1]
    }

    /// `requirement` with its version replaced by `version`, its operator kept; nil when it is not
    /// an operator and one version.
    static func moved(_ requirement: String, to version: SemanticVersion) -> String? {
        var prefix = ""
        var rest = Substring(requirement)
        if rest.hasPrefix("workspace:") {
            prefix = "workspace:"
            rest = rest.dropFirst(prefix.count)
        }
        for operation in [">=", "^", "~", "="] where rest.hasPrefix(operation) {
            prefix += operation
            rest = rest.dropFirst(operation.count)
            break
        }
        guard let first = rest.first, first.isASCII, first.isNumber else { return nil }
        let allowed = rest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }
        // `1.x` and `1.*` are ranges, not a version: the numbers before any `-` or `+` are digits only.
        let numbers = rest.prefix { $0 != "-" && $0 != "+" }
        guard allowed, numbers.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return prefix + version.description
    }
}

/// Where package.json's dependency requirements are written: string members of the top-level
/// `dependencies`-like objects, found by a byte scanner as `PackageJSONLocator` finds the version.
enum PackageJSONDependencies {
    static func requirements(in b: [UInt8], path: String) throws(VersionFileError) -> [(name: String, range: Range<Int>)] {
        var found: [(name: String, range: Range<Int>)] = []
        var i = VersionFile.contentStart(b)
        var containers: [UInt8] = []
        var depth: Int { containers.count }
        var expectName = false
        var member: String?
        // The top-level member whose object is being read, when it is a dependency table.
        var table: String?
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                let start = i + 1
                guard let end = PackageJSONLocator.endOfString(b, from: start) else {
                    throw VersionFileError(path: path, message: "not valid JSON: a string is not terminated; fix the file first")
                }
                i = end + 1
                guard expectName else {
                    if depth == 2, table != nil, let name = member { found.append((name, start..<end)) }
                    member = nil
                    continue
                }
                expectName = false
                member = String(decoding: b[start..<end], as: UTF8.self)
                while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
                if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1 {
                    table = c == UInt8(ascii: "{") ? member.flatMap { DependencyVersions.jsonTables.contains($0) ? $0 : nil } : nil
                }
                containers.append(c)
                expectName = c == UInt8(ascii: "{")
                member = nil
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !containers.isEmpty { containers.removeLast() }
                if depth == 1 { table = nil }
                expectName = false
                i += 1
            case UInt8(ascii: ","):
                // After a comma inside an object a name follows; inside an array values do.
                expectName = containers.last == UInt8(ascii: "{")
                member = nil
                i += 1
            default:
                i += 1
            }
        }
        return found
    }
}
