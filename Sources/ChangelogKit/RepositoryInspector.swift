import ChangelogCore
import Foundation
import Git
import Platform
import SystemPackage

/// `changelog init`'s look at a repository: its tags and branches through libgit2, its working
/// tree's version files, changelog and workspace manifests from the file system.
public struct RepositoryInspector {
    public let repository: Repository
    /// The working tree, ending in `/`.
    public let root: String

    public init(repository: Repository) throws(ChangelogError) {
        guard let root = repository.workingDirectory else {
            throw ChangelogError("the repository is bare; run changelog init in a clone with a working tree")
        }
        self.repository = repository
        self.root = root.hasSuffix("/") ? root : root + "/"
    }

    /// Root files whose version a release can write, in the order they are listed.
    static let versionFileNames = ["package.json", "Cargo.toml", "pyproject.toml", "setup.py", "VERSION", "VERSION.txt"]

    public func inspect() throws(ChangelogError) -> InitialConfiguration {
        var found = InitialConfiguration()
        let history = try History(repository: repository)
        if !history.tags.isEmpty {
            found.tagPrefix = history.tags.preferredPrefix
            found.versionTagCount = history.tags.count
        }
        if let remote = try? repository.configString("remote.origin.url") {
            found.repositoryURL = RepositoryURL.webAddress(fromRemote: remote)
        }
        try WorkingTreeFile.check(root + ".clog.toml", shownAs: ".clog.toml")
        found.hasClogConfiguration = isFile(".clog.toml")
        if found.hasClogConfiguration, let bytes = try read(".clog.toml") {
            // Carried over: once .changelog.toml exists, .clog.toml is no longer read.
            do {
                found.clogConfiguration = try Configuration.parse(String(decoding: bytes, as: UTF8.self), file: ".clog.toml", flavor: .clog)
            } catch {
                found.clogError = error.description
            }
        }
        if let bytes = try read("CHANGELOG.md") {
            found.changelogFile = "CHANGELOG.md"
            found.style = ChangelogStyleDetector.detect(
                String(decoding: bytes, as: UTF8.self), clogConfigured: found.hasClogConfiguration)
        }
        try findVersionFiles(into: &found)
        found.maintenanceBranches = try maintenanceBranches()
        let tagNames = try git { () throws(GitError) in try repository.referenceNames(matching: "refs/tags/*") }.map {
            String($0.dropFirst("refs/tags/".count))
        }
        found.packages = try npmPackages(tags: tagNames) + cargoPackages(tags: tagNames) + goModules()
        return found
    }

    // MARK: Version files

    private func findVersionFiles(into found: inout InitialConfiguration) throws(ChangelogError) {
        for name in Self.versionFileNames {
            guard let bytes = try read(name) else { continue }
            if let reason = Self.unusable(name, bytes) {
                found.skippedVersionFiles.append((name, reason))
            } else {
                found.versionFiles.append(name)
            }
        }
        let podspecs = (FileSystem.entries(of: root) ?? []).filter { $0.hasSuffix(".podspec") }.sorted()
        for name in podspecs {
            // `s.version = "1.2.3"`: the dot keeps `s.swift_version` out.
            let entry = name + #":\.version\s*=\s*['"]([^'"]+)['"]"#
            guard let bytes = try read(name) else { continue }
            if let reason = Self.unusable(entry, bytes) {
                found.skippedVersionFiles.append((name, reason))
            } else {
                found.versionFiles.append(entry)
            }
        }
        if isFile("Package.swift") {
            found.skippedVersionFiles.append(("Package.swift", "a Swift package's version is its tag alone"))
        }
    }

    /// Why a release could not write its version into this file; nil when it can.
    static func unusable(_ entry: String, _ bytes: [UInt8]) -> String? {
        do {
            _ = try VersionFile.parse(entry).currentVersion(in: bytes)
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: Branches

    /// Local and remote-tracking branches that the default `[branches] patch-only` patterns match.
    private func maintenanceBranches() throws(ChangelogError) -> [String] {
        let settings = BranchSettings()
        let local = try git { () throws(GitError) in try repository.referenceNames(matching: "refs/heads/*") }
            .map { String($0.dropFirst("refs/heads/".count)) }
        let remote = try git { () throws(GitError) in try repository.referenceNames(matching: "refs/remotes/*") }
            .compactMap { name -> String? in
                // refs/remotes/<remote>/<branch>
                let parts = name.split(separator: "/", maxSplits: 3)
                return parts.count == 4 && parts[3] != "HEAD" ? String(parts[3]) : nil
            }
        var names: [String] = []
        for name in local + remote where settings.isPatchOnly(name) && !names.contains(name) { names.append(name) }
        return names.sorted()
    }

    // MARK: Workspaces

    /// npm (and yarn, pnpm-in-package.json) workspaces: `"workspaces": [...]` or `{"packages": [...]}`.
    private func npmPackages(tags: [String]) throws(ChangelogError) -> [InitialConfiguration.Package] {
        guard let manifest = try json("package.json") else { return [] }
        let patterns = (manifest["workspaces"] as? [String]) ?? ((manifest["workspaces"] as? [String: Any])?["packages"] as? [String]) ?? []
        let included = patterns.filter { !$0.hasPrefix("!") }
        let excluded = patterns.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
        let directories = WorkspaceGlob(root: root).directories(matching: included, excluding: excluded, holding: "package.json")
        var packages: [InitialConfiguration.Package] = []
        for directory in directories {
            let member = try json(directory + "/package.json")
            let npmName = member?["name"] as? String ?? Self.lastComponent(directory)
            let name = Self.lastComponent(npmName)
            let hasVersion = (member?["version"] as? String) != nil
            packages.append(
                InitialConfiguration.Package(
                    name: name, path: directory,
                    tagPrefix: Self.tagPrefix(in: tags, candidates: [npmName + "@", name + "-v", name + "@", directory + "/v"]),
                    kind: "npm workspace", versionFile: hasVersion ? directory + "/package.json" : nil))
        }
        return Self.uniquelyNamed(packages)
    }

    /// A Cargo workspace's members: `[workspace] members` and `exclude`.
    private func cargoPackages(tags: [String]) throws(ChangelogError) -> [InitialConfiguration.Package] {
        guard let bytes = try read("Cargo.toml"),
            let manifest = try? CargoManifest(bytes, path: "Cargo.toml"), manifest.isWorkspace
        else { return [] }
        let directories = WorkspaceGlob(root: root).directories(
            matching: manifest.members, excluding: manifest.exclude, holding: "Cargo.toml")
        var packages: [InitialConfiguration.Package] = []
        for directory in directories {
            let path = directory + "/Cargo.toml"
            guard let memberBytes = try read(path) else { continue }
            let name = (try? CargoManifest(memberBytes, path: path))?.packageName ?? Self.lastComponent(directory)
            packages.append(
                InitialConfiguration.Package(
                    name: name, path: directory,
                    tagPrefix: Self.tagPrefix(in: tags, candidates: [name + "-v", name + "@", directory + "/v", name + "/v"]),
                    kind: "Cargo workspace member",
                    versionFile: Self.unusable(path, memberBytes) == nil ? path : nil))
        }
        return Self.uniquelyNamed(packages)
    }

    /// Go modules in subdirectories (a multi-module repository): tagged `dir/v1.2.3`, as the Go
    /// toolchain requires. The root module, if any, keeps the repository's own tags.
    private func goModules() throws(ChangelogError) -> [InitialConfiguration.Package] {
        let glob = WorkspaceGlob(root: root)
        var modules: [String] = []
        var pending: [(path: String, depth: Int)] = [("", 0)]
        while let (path, depth) = pending.popLast() {
            // Go ignores testdata and vendor; target is Cargo's build output.
            for name in glob.subdirectories(of: path, skipping: ["testdata", "vendor", "target"]) {
                let child = path.isEmpty ? name : path + "/" + name
                // `v2/` holds the next major version of its parent's module, not another module.
                let isMajorVersion = name.count > 1 && name.first == "v" && name.dropFirst().allSatisfy(\.isNumber)
                if !isMajorVersion && isFile(child + "/go.mod") { modules.append(child) }
                if depth < 4 { pending.append((child, depth + 1)) }
            }
        }
        let packages = modules.sorted().map { directory in
            InitialConfiguration.Package(
                name: Self.lastComponent(directory), path: directory, tagPrefix: directory + "/v", kind: "Go module")
        }
        return Self.uniquelyNamed(packages)
    }

    // MARK: Helpers

    /// The first candidate that some tag spells a version with; else the first candidate.
    static func tagPrefix(in tags: [String], candidates: [String]) -> String {
        for candidate in candidates {
            if tags.contains(where: { $0.hasPrefix(candidate) && SemanticVersion($0.dropFirst(candidate.count)) != nil }) {
                return candidate
            }
        }
        return candidates[0]
    }

    /// Package names clash across directories (`a/core`, `b/core`): a clash takes the whole path.
    static func uniquelyNamed(_ packages: [InitialConfiguration.Package]) -> [InitialConfiguration.Package] {
        var counts: [String: Int] = [:]
        for package in packages { counts[package.name, default: 0] += 1 }
        return packages.map { package in
            var package = package
            if counts[package.name, default: 0] > 1 { package.name = package.path.replacingOccurrences(of: "/", with: "-") }
            return package
        }
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private func isFile(_ relative: String) -> Bool {
        (try? FileSystem.status(root + relative))?.type == .regular
    }

    /// A file of the working tree, or nil when it is absent; a FIFO there is refused, never opened.
    private func read(_ relative: String) throws(ChangelogError) -> [UInt8]? {
        try WorkingTreeFile.read(root + relative, shownAs: relative)
    }

    /// A JSON object file, or nil when it is absent or not an object.
    private func json(_ relative: String) throws(ChangelogError) -> [String: Any]? {
        guard let bytes = try read(relative) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    private func git<T>(_ body: () throws(GitError) -> T) throws(ChangelogError) -> T {
        do {
            return try body()
        } catch {
            throw ChangelogError(error)
        }
    }
}
