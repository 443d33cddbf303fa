import TOMLKit

/// `[packages.NAME]` in `.changelog.toml`: one package of a monorepo, released on its own.
///
///     [packages.api]
///     path = "packages/api"                  # or paths = ["packages/api", "proto/api"]
///     tag-prefix = "api-v"                   # default "NAME-v"; "@acme/api@", "api/v", …
///     changelog = "packages/api/CHANGELOG.md"
///     files = ["packages/api/package.json"]
///     scopes = ["api"]                       # also claims commits by scope, wherever they change
///     exclude = ["packages/api/docs/**"]     # changes there alone do not make a commit the package's
///     depends-on = ["core"]                  # released with core, and its files follow core's version
public struct PackageSettings: Sendable, Equatable {
    public var name: String
    /// Directories (or files) relative to the repository root, without `./` or a trailing `/`;
    /// `.` is the whole repository.
    public var paths: [String]
    /// `[packages.NAME]`, as messages point to the package's table.
    public var table: String { "[packages.\(TOMLTableReader.tomlKey(name))]" }
    /// A release of the package is tagged `tagPrefix + version`.
    public var tagPrefix: String
    public var changelog: String?
    public var files: [VersionFile] = []
    public var scopes: [String] = []
    public var exclude: [PathGlob] = []
    /// Packages this one depends on: a release of one of them releases this one too (at least a
    /// patch, with a Dependencies entry), and moves the requirements on it in this one's `files`.
    public var dependsOn: [String] = []

    public init(name: String, paths: [String], tagPrefix: String? = nil) {
        self.name = name
        self.paths = paths
        self.tagPrefix = tagPrefix ?? "\(name)-v"
    }

    /// True when the path is the whole repository.
    public var coversRepository: Bool { paths.contains(".") }
}

extension PackageSettings {
    /// What to do about two packages writing one changelog, found in the configuration or, through
    /// a symbolic link, only when their files are resolved.
    public static let ownChangelogs =
        "give each package its own changelog, and set [changelog] packages-in-root = true for one file that also gathers "
        + "every package's releases"

    /// Reads every `[packages.NAME]` table, in file order.
    static func readAll(_ root: inout TOMLTableReader) throws(ConfigurationError) -> [PackageSettings] {
        guard var packages = try root.table("packages") else { return [] }
        var result: [PackageSettings] = []
        var prefixes: [String: String] = [:]
        var changelogs: [String: String] = [:]
        for name in packages.document.fileOrder(of: packages.table.keys, at: packages.path) {
            guard !TOMLTableReader.isBlank(name), !name.unicodeScalars.contains(where: Self.isSpaceOrControl) else {
                throw packages.error(
                    name, "package name \(TOMLTableReader.quote(name)) must be a non-empty name without spaces, such as [packages.api]")
            }
            guard var table = try packages.table(name) else { continue }
            var package = try read(&table, name: name)
            try table.finish { key in
                if key == "tag_prefix" || key == "tagPrefix" { return "the key is spelt 'tag-prefix'" }
                if key == "depends_on" || key == "dependsOn" || key == "dependencies" { return "the key is spelt 'depends-on'" }
                return nil
            }
            if let other = prefixes[package.tagPrefix] {
                throw table.error(
                    "tag-prefix",
                    "\(table.located("tag-prefix")): packages \(TOMLTableReader.quote(other)) and \(TOMLTableReader.quote(name)) both tag with \(TOMLTableReader.quote(package.tagPrefix)); give each package its own tag-prefix"
                )
            }
            prefixes[package.tagPrefix] = name
            package.name = name
            // One file cannot hold two packages' sections of one version: the second would be
            // taken for the first's, and its tag would carry the other package's notes.
            let changelog = normalize(package.changelogPath) ?? package.changelogPath
            if let other = changelogs[changelog] {
                let key = package.changelog != nil ? "changelog" : table.table.keys.contains("path") ? "path" : "paths"
                let packages = "packages \(TOMLTableReader.quote(other)) and \(TOMLTableReader.quote(name))"
                throw table.error(
                    key,
                    "\(table.located(key)): \(packages) both write their changelog to \(TOMLTableReader.quote(changelog)); "
                        + Self.ownChangelogs)
            }
            changelogs[changelog] = name
            result.append(package)
        }
        try packages.finish()
        try checkDependencies(result, packages)
        return result
    }

    /// Every `depends-on` names another configured package, and no package depends on itself
    /// through others: a release could not tell which to release first.
    private static func checkDependencies(_ packages: [PackageSettings], _ reader: TOMLTableReader) throws(ConfigurationError) {
        func located(_ name: String) -> (key: String, text: String) {
            let key = "packages.\(TOMLTableReader.tomlKey(name)).depends-on"
            let line = reader.document.line(of: ["packages", name, "depends-on"]).map { "line \($0): " } ?? ""
            return (key, "\(line)key '\(key)'")
        }
        func error(_ name: String, _ message: String) -> ConfigurationError {
            var error = reader.error(nil, "\(located(name).text) \(message)")
            error.key = located(name).key
            return error
        }
        let names = Set(packages.map(\.name))
        for package in packages {
            for dependency in package.dependsOn where !names.contains(dependency) || dependency == package.name {
                let why =
                    dependency == package.name
                    ? "a package cannot depend on itself"
                    : "no package \(TOMLTableReader.quote(dependency)) is configured (configured: \(packages.map(\.name).joined(separator: ", ")))"
                throw error(package.name, "names \(TOMLTableReader.quote(dependency)): \(why); fix the name or remove it")
            }
        }
        // Depth-first, in file order: the first cycle found is named as a path.
        var state: [String: Bool] = [:]  // false: being visited, true: done
        let byName = Dictionary(packages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func visit(_ name: String, _ path: [String]) -> [String]? {
            if state[name] == true { return nil }
            if state[name] == false { return Array(path[path.firstIndex(of: name)!...]) + [name] }
            state[name] = false
            for dependency in byName[name]?.dependsOn ?? [] {
                if let cycle = visit(dependency, path + [name]) { return cycle }
            }
            state[name] = true
            return nil
        }
        for package in packages {
            guard let cycle = visit(package.name, []) else { continue }
            throw error(
                cycle[0],
                "makes a cycle (\(cycle.joined(separator: " -> "))); packages cannot depend on each other in a circle, remove one of these depends-on entries"
            )
        }
    }

    private static func read(_ table: inout TOMLTableReader, name: String) throws(ConfigurationError) -> PackageSettings {
        let single = try table.string("path")
        let several = try table.stringArray("paths")
        var paths: [String]
        switch (single, several) {
        case (let path?, nil): paths = [path]
        case (nil, let list?): paths = list
        case (nil, nil):
            throw table.error(
                nil,
                "package \(TOMLTableReader.quote(name)) has no path; add path = \"packages/\(name)\" to [packages.\(TOMLTableReader.tomlKey(name))]"
            )
        case (_?, _?):
            throw table.error("paths", "\(table.located("paths")): write either path or paths, not both")
        }
        let key = single == nil ? "paths" : "path"
        guard !paths.isEmpty else { throw table.error(key, "\(table.located(key)) must list at least one path, found an empty array") }
        for (index, path) in paths.enumerated() {
            // An empty path would silently mean the whole repository: that is written ".".
            guard path == "." || path.hasPrefix("/") || path.split(separator: "/").contains(where: { $0 != "." }) else {
                throw table.error(
                    key,
                    "\(table.located(key)): \(TOMLTableReader.quote(path)) names no directory; write the package's directory relative to the repository root, such as \"packages/\(name)\" (\".\" for the whole repository)"
                )
            }
            guard let normalized = normalize(path) else {
                throw table.error(
                    key,
                    "\(table.located(key)): \(TOMLTableReader.quote(path)) is not a path inside the repository; write it relative to the repository root, without '..', such as \"packages/\(name)\""
                )
            }
            paths[index] = normalized
        }
        var seen: Set<String> = []
        var package = PackageSettings(name: name, paths: paths.filter { seen.insert($0).inserted })
        if let prefix = try table.string("tag-prefix") {
            if let problem = tagPrefixProblem(prefix) {
                throw table.error("tag-prefix", "\(table.located("tag-prefix")) \(problem), found \(TOMLTableReader.quote(prefix))")
            }
            package.tagPrefix = prefix
        } else if let problem = tagPrefixProblem(package.tagPrefix) {
            throw table.error(
                nil,
                "package \(TOMLTableReader.quote(name)) needs a tag-prefix: its default \(TOMLTableReader.quote(package.tagPrefix)) \(problem)"
            )
        }
        package.changelog = try table.string("changelog", allowEmpty: false)
        package.files = try ReleaseSettings.readFiles(&table, key: "files")
        package.scopes = try table.stringArray("scopes") ?? []
        var seenDependencies: Set<String> = []
        package.dependsOn = (try table.stringArray("depends-on") ?? []).filter { seenDependencies.insert($0).inserted }
        for pattern in try table.stringArray("exclude") ?? [] {
            guard let glob = PathGlob(pattern) else {
                let problem = PathGlob.problem(in: pattern) ?? "is not a glob"
                throw table.error(
                    "exclude",
                    "\(table.located("exclude")): \(TOMLTableReader.quote(pattern)) \(problem); write a glob such as \"\(package.paths[0])/docs/**\""
                )
            }
            package.exclude.append(glob)
        }
        return package
    }

    /// `packages/api/` and `./packages/api` as `packages/api`; nil for an absolute path or one
    /// that climbs out of the repository.
    static func normalize(_ path: String) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.contains("..") || parts.contains(where: { $0.unicodeScalars.contains(where: isControl) }) { return nil }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Why `prefix` cannot start a tag name (git's ref-name rules), or nil when it can.
    static func tagPrefixProblem(_ prefix: String) -> String? {
        if prefix.isEmpty { return "must not be empty (packages share the repository's tags)" }
        if prefix.unicodeScalars.contains(where: isSpaceOrControl) { return "must not contain spaces or control characters" }
        if let bad = prefix.first(where: { "~^:?*[\\".contains($0) }) { return "must not contain '\(bad)', which git refuses in tag names" }
        if prefix.contains("..") || prefix.contains("@{") || prefix.contains("//") || prefix.hasPrefix("/")
            || prefix.hasPrefix("-") || prefix.hasPrefix(".") || prefix.contains("/.")
        {
            return "is not the start of a tag name git accepts"
        }
        return nil
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || isControl(scalar)
    }
}

extension PackageSettings {
    /// The packages that depend on `name`, directly or through others, in `packages`' order.
    public static func dependents(of names: Set<String>, in packages: [PackageSettings]) -> Set<String> {
        var found = names
        var grew = true
        while grew {
            grew = false
            for package in packages where !found.contains(package.name) && package.dependsOn.contains(where: found.contains) {
                found.insert(package.name)
                grew = true
            }
        }
        return found.subtracting(names)
    }

    /// The package's changelog file: `changelog`, else `CHANGELOG.md` in its first directory.
    public var changelogPath: String {
        if let changelog { return changelog }
        return paths[0] == "." ? "CHANGELOG.md" : paths[0] + "/CHANGELOG.md"
    }
}

extension Configuration {
    /// The settings a run for one package uses: its tag prefix, changelog and version files in
    /// place of the repository's; the release messages name the tag, which names the package,
    /// unless they were configured. As the repository's `changelog`, a package's configured one is
    /// what `generate` updates in place; `release` and `notes` default to `changelogPath`.
    public func scoped(to package: PackageSettings) -> Configuration {
        var scoped = self
        scoped.tagPrefix = package.tagPrefix
        scoped.changelog = package.changelog
        scoped.outfile = nil
        scoped.infile = nil
        scoped.release.files = package.files
        let defaults = ReleaseSettings()
        if release.commitMessage == defaults.commitMessage { scoped.release.commitMessage = "chore: tag {tag}" }
        if release.changelogCommitMessage == defaults.changelogCommitMessage {
            scoped.release.changelogCommitMessage = "docs: changelog for {tag}"
        }
        if release.tagMessage == defaults.tagMessage { scoped.release.tagMessage = "Release {tag}" }
        return scoped
    }
}
