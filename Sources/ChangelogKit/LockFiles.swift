import ChangelogCore
import Platform
import SystemPackage

/// The lock files a release keeps in step with the manifests in `[release] files`, so that
/// `cargo build --locked` and `npm ci` still work on the release commit: the Cargo.lock beside a
/// listed Cargo.toml (or, for a workspace member without one, its workspace's) and the
/// package-lock.json beside a listed package.json, when they exist.
///
/// Cargo.lock's entries for the packages whose version the release writes change: the manifest's own
/// `[package]`, or for a `[workspace.package]` version every member that inherits it (members
/// found from `[workspace] members` and `exclude`, globs expanded per path component), plus any
/// other listed Cargo.toml of a member.
struct LockFiles {
    struct Change {
        /// Relative to the repository root.
        var path: String
        var contents: [UInt8]
        var summary: String
    }

    /// Relative to the repository root, with symbolic links followed (`WorkingTreePath`).
    let files: [VersionFile]
    /// The working tree's root, ending in `/`.
    let root: String
    /// The lock file of each of `files` (nil: none follows it), found once before anything is written.
    private var found: [(path: String, workspace: String?)?] = []

    /// The Cargo.toml of each workspace a listed crate belongs to, and of its members: their
    /// requirements on the crates the release moves (`core = { path = "../core", version = "0.2.0" }`)
    /// move too, or cargo would find no version of `core` that matches on the release commit.
    private var workspaceManifests: [String] = []

    /// Where the Cargo.toml files looked at for workspaces are read, once for every part.
    let reads: ReleaseReads

    /// `listed`: each file's path as `[release] files` names it, before symbolic links are
    /// followed: a package manager reads the lock file beside the manifest it was pointed at, the link.
    init(files: [VersionFile], listed: [String]? = nil, root: String, reads: ReleaseReads) throws(ChangelogError) {
        self.files = files
        self.root = root
        self.reads = reads
        var workspaces: [String] = []
        for (offset, file) in files.enumerated() {
            let lock = try lock(of: file, listedAt: listed?[offset] ?? file.path)
            found.append(lock)
            guard file.format == .cargoToml else { continue }
            let workspace = lock?.workspace ?? (reads.cargoManifest(file.path, root: root)?.isWorkspace == true ? file.path : nil)
            guard let workspace, !workspaces.contains(workspace), let manifest = reads.cargoManifest(workspace, root: root) else {
                continue
            }
            workspaces.append(workspace)
            let manifests =
                [workspace]
                + memberDirectories(manifest, in: Self.directory(of: workspace)).map {
                    $0.isEmpty ? "Cargo.toml" : $0 + "/Cargo.toml"
                }
            // Only a manifest that requires a member by path can change: another one, edited and
            // not committed, does not stop the release.
            let names = Set(manifests.compactMap { reads.cargoManifest($0, root: root)?.packageName })
            for path in manifests where !workspaceManifests.contains(path) {
                guard let bytes = try? AtomicFile.read(root + path),
                    let required = try? DependencyVersions.requiredNames(
                        in: bytes, format: .cargoToml, path: path, names: names, pathOnly: true),
                    !required.isEmpty
                else { continue }
                workspaceManifests.append(path)
            }
        }
    }

    /// Every lock file and workspace manifest the release may write, whether it exists or not, for
    /// the check for uncommitted changes.
    func paths() -> [String] {
        var paths: [String] = []
        for case let lock? in found where !paths.contains(lock.path) { paths.append(lock.path) }
        for path in workspaceManifests where !paths.contains(path) { paths.append(path) }
        return paths
    }

    /// The new contents of every lock file that needs one, all read and checked before anything is
    /// written. A lock file is read through `contents`: another part of the same release may have
    /// changed it already (a workspace's Cargo.lock, for two of its crates released together).
    /// A Cargo.lock's entries for `dependencies` (packages released with this one) take their new
    /// versions too, as a path dependency's entry in a crate's own lock file must.
    func changes(
        to version: SemanticVersion, dependencies: [DependencyUpdate] = [], contents: inout ReleaseContents
    ) throws(ChangelogError) -> [Change] {
        // Several listed manifests may share one Cargo.lock: each lock is edited once, for all of them.
        var locks: [(path: String, bytes: [UInt8], cargoPackages: [String]?)] = []
        // The crates whose versions move, lock file or not: members' requirements on them move too.
        var moved: Set<String> = []
        for (file, lock) in zip(files, found) {
            guard let lock else { continue }
            if files.contains(where: { $0.path == lock.path }) {
                throw ChangelogError("[release] files lists \(lock.path), which follows \(file.path) by itself; remove it from the list")
            }
            guard let manifest = try AtomicFile.read(root + file.path) else { continue }
            var names: [String]? = nil
            if file.format == .cargoToml {
                let parsed = try wrap { () throws(VersionFileError) in try CargoManifest(manifest, path: file.path) }
                if let workspace = lock.workspace {
                    // The workspace's own entry, when listed, already counts its listed members.
                    if files.contains(where: { $0.path == workspace }) { continue }
                    names = parsed.packageName.map { [$0] } ?? []
                } else {
                    names = try wrap { () throws(VersionFileError) in try cargoPackages(parsed, at: file.path) }
                }
            }
            moved.formUnion(names ?? [])
            guard let bytes = try contents.read(lock.path) else { continue }
            if let index = locks.firstIndex(where: { $0.path == lock.path }) {
                let known = locks[index].cargoPackages ?? []
                locks[index].cargoPackages = known + (names ?? []).filter { !known.contains($0) }
            } else {
                locks.append((lock.path, bytes, names))
            }
        }
        var changes: [Change] = []
        for lock in locks {
            var updated: [UInt8]
            var summary: String
            if let names = lock.cargoPackages {
                let result = try wrap { () throws(VersionFileError) in
                    try CargoLock.updating(lock.bytes, path: lock.path, packages: names, to: version)
                }
                let previous = result.changes.map(\.previous)
                let from =
                    Set(previous).count == 1
                    ? previous[0] : result.changes.map { "\($0.name) \($0.previous)" }.joined(separator: ", ")
                updated = result.bytes
                summary = "\(from) -> \(version) (\(result.changes.map(\.name).joined(separator: ", ")))"
                // Moving versions changes no entry's name or source: the local entries are found once.
                let entries =
                    dependencies.isEmpty
                    ? [] : try wrap { () throws(VersionFileError) in try CargoLock.localPackages(in: updated, path: lock.path) }
                for dependency in dependencies {
                    let named = dependency.names.filter { entries.contains($0) && !names.contains($0) }.sorted()
                    guard !named.isEmpty else { continue }
                    let moved = try wrap { () throws(VersionFileError) in
                        try CargoLock.updating(updated, path: lock.path, packages: named, to: dependency.version)
                    }
                    updated = moved.bytes
                    for change in moved.changes where change.previous != dependency.version.description {
                        summary += ", \(change.name) \(change.previous) -> \(dependency.version)"
                    }
                }
            } else {
                let result = try wrap { () throws(VersionFileError) in try PackageLock.updating(lock.bytes, path: lock.path, to: version) }
                (updated, summary) = (result.bytes, "\(result.previous) -> \(version)")
            }
            if updated != lock.bytes {
                changes.append(Change(path: lock.path, contents: updated, summary: summary))
            }
        }
        return changes + (moved.isEmpty ? [] : try requirementChanges(on: moved, to: version, contents: &contents))
    }

    /// The workspace manifests whose path requirements on `names` move to `version`; each read
    /// through `contents`, as a listed one holds its new version already.
    private func requirementChanges(
        on names: Set<String>, to version: SemanticVersion, contents: inout ReleaseContents
    ) throws(ChangelogError) -> [Change] {
        var changes: [Change] = []
        for path in workspaceManifests {
            guard let bytes = try contents.read(path) else { continue }
            let result = try wrap { () throws(VersionFileError) in
                try DependencyVersions.updating(bytes, format: .cargoToml, path: path, names: names, to: version, pathOnly: true)
            }
            guard !result.changes.isEmpty else { continue }
            let summary = result.changes.map { "\($0.name) \($0.old) -> \($0.new)" }.joined(separator: ", ")
            changes.append(Change(path: path, contents: result.bytes, summary: summary))
        }
        return changes
    }

    private func wrap<T>(_ body: () throws(VersionFileError) -> T) throws(ChangelogError) -> T {
        do {
            return try body()
        } catch {
            throw ChangelogError(error.description)
        }
    }

    /// The lock file that follows `file`: the one beside it, else, for a crate of a workspace
    /// (found as cargo does, by the first `[workspace]` above it that lists it as a member), the
    /// workspace's, with that workspace's Cargo.toml.
    private func lock(of file: VersionFile, listedAt listed: String) throws(ChangelogError) -> (path: String, workspace: String?)? {
        let name: String
        switch file.format {
        case .cargoToml: name = "Cargo.lock"
        case .packageJSON: name = "package-lock.json"
        default: return nil
        }
        let directory = Self.directory(of: listed)
        let beside = try WorkingTreePath.resolve(directory.isEmpty ? name : directory + "/" + name, root: root)
        guard file.format == .cargoToml, !FileSystem.exists(root + beside), let workspace = workspaceManifest(of: file.path) else {
            return (beside, nil)
        }
        let workspaceDirectory = Self.directory(of: workspace)
        return (try WorkingTreePath.resolve(workspaceDirectory.isEmpty ? name : workspaceDirectory + "/" + name, root: root), workspace)
    }

    /// The Cargo.toml of the workspace the crate at `path` is a member of, if any.
    private func workspaceManifest(of path: String) -> String? {
        let crate = Self.directory(of: path)
        var directory = crate
        while !directory.isEmpty {
            directory = Self.directory(of: directory)
            let candidate = directory.isEmpty ? "Cargo.toml" : directory + "/Cargo.toml"
            guard let manifest = reads.cargoManifest(candidate, root: root), manifest.isWorkspace else { continue }
            return memberDirectories(manifest, in: directory).contains(crate) ? candidate : nil
        }
        return nil
    }

    /// The packages whose lock entries take the version the release writes into `manifest`.
    private func cargoPackages(_ manifest: CargoManifest, at path: String) throws(VersionFileError) -> [String] {
        let directory = Self.directory(of: path)
        let members = memberDirectories(manifest, in: directory).filter { $0 != directory }
        var manifests: [CargoManifest] = []
        if manifest.versionsWorkspace {
            for member in members {
                let memberPath = member.isEmpty ? "Cargo.toml" : member + "/Cargo.toml"
                guard let bytes = try? AtomicFile.read(root + memberPath) else {
                    throw VersionFileError(path: memberPath, message: "cannot be read; a member of the workspace in \(path) must be")
                }
                manifests.append(try CargoManifest(bytes, path: memberPath))
            }
        }
        var names = manifest.versionedPackages(members: manifests)
        // A member listed in [release] files itself has its own version, which the release also writes.
        for other in files where other.format == .cargoToml && other.path != path && members.contains(Self.directory(of: other.path)) {
            guard let bytes = try? AtomicFile.read(root + other.path) else { continue }
            if let name = try CargoManifest(bytes, path: other.path).packageName { names.append(name) }
        }
        return names
    }

    /// The member directories (relative to the repository root) that hold a Cargo.toml, as cargo
    /// reads `members` and `exclude`: paths relative to the workspace, glob patterns per component.
    private func memberDirectories(_ manifest: CargoManifest, in directory: String) -> [String] {
        let excluded = manifest.exclude.compactMap { Self.normalise(directory, $0) }
        var found: [String] = []
        for pattern in manifest.members {
            guard let normalised = Self.normalise(directory, pattern) else { continue }
            var candidates = [""]
            for component in normalised.split(separator: "/").map(String.init) {
                if component.contains(where: { "*?[".contains($0) }) {
                    candidates = candidates.flatMap { base in
                        subdirectories(of: base).filter { FileSystem.matches(component, $0) }.map { base.isEmpty ? $0 : base + "/" + $0 }
                    }
                } else {
                    candidates = candidates.map { $0.isEmpty ? component : $0 + "/" + component }
                }
            }
            let isExcluded = { (candidate: String) in excluded.contains { candidate == $0 || candidate.hasPrefix($0 + "/") } }
            for candidate in candidates where !found.contains(candidate) && !isExcluded(candidate) {
                let manifestPath = root + (candidate.isEmpty ? "" : candidate + "/") + "Cargo.toml"
                if (try? FileSystem.status(manifestPath))?.type == .regular { found.append(candidate) }
            }
        }
        return found
    }

    private func subdirectories(of path: String) -> [String] {
        let names = (FileSystem.entries(of: root + path) ?? []).filter { name in
            (try? FileSystem.status(root + (path.isEmpty ? "" : path + "/") + name))?.type == .directory
        }
        return names.sorted()
    }

    /// `relative` joined to `directory`, without `.` and `..`; nil when it leaves the repository.
    private static func normalise(_ directory: String, _ relative: String) -> String? {
        var parts: [Substring] = []
        for part in (directory + "/" + relative).split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    private static func directory(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }
}
