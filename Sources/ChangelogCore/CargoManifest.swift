import TOMLKit

/// What a Cargo.toml says about the packages a release versions, so Cargo.lock can follow.
///
/// The version a release writes into Cargo.toml (`TOMLVersionLocator.cargo`) belongs either to the
/// file's own `[package]`, or, in `[workspace.package]`, to every package that says
/// `version.workspace = true`: the root's `[package]` and those of the members.
public struct CargoManifest: Sendable, Equatable {
    /// `[package] name`; nil for a virtual workspace.
    public var packageName: String?
    /// `[package] version.workspace = true`.
    public var inheritsVersion: Bool
    /// Whether the version a release writes here is `[workspace.package] version`, shared by the
    /// packages that inherit it, rather than the own version of `[package]`.
    public var versionsWorkspace: Bool
    /// The file has a `[workspace]` table: it is the root of a workspace.
    public var isWorkspace: Bool
    /// `[workspace] members` and `exclude`, as written (paths or glob patterns, relative to this file).
    public var members: [String]
    public var exclude: [String]

    public init(
        packageName: String?, inheritsVersion: Bool, versionsWorkspace: Bool, isWorkspace: Bool = false,
        members: [String] = [], exclude: [String] = []
    ) {
        self.packageName = packageName
        self.isWorkspace = isWorkspace
        self.inheritsVersion = inheritsVersion
        self.versionsWorkspace = versionsWorkspace
        self.members = members
        self.exclude = exclude
    }

    public init(_ bytes: [UInt8], path: String) throws(VersionFileError) {
        let text = try VersionFile.utf8Text(bytes, path: path)
        let root = try TOMLVersionLocator.parse(text, bytes: bytes, path: path)
        let package = root["package"]?.table
        let workspace = root["workspace"]?.table
        if let package, package["name"]?.string == nil {
            throw VersionFileError(path: path, message: "[package] has no name; add name = \"…\" there")
        }
        packageName = package?["name"]?.string
        inheritsVersion = package?["version"]?.table?["workspace"]?.bool == true
        let hasWorkspaceVersion = workspace?["package"]?.table?["version"] != nil
        // The same choice TOMLVersionLocator.cargo makes for the version it edits.
        versionsWorkspace = hasWorkspaceVersion && (package == nil || inheritsVersion)
        isWorkspace = workspace != nil
        func strings(_ key: String) throws(VersionFileError) -> [String] {
            guard let value = workspace?[key] else { return [] }
            guard let array = value.array, array.allSatisfy({ $0.string != nil }) else {
                throw VersionFileError(path: path, message: "[workspace] \(key) is not a list of paths; write \(key) = [\"crates/*\"]")
            }
            return array.compactMap(\.string)
        }
        members = try strings("members")
        exclude = try strings("exclude")
    }

    /// The names whose Cargo.lock entries take the version written into this file, given the
    /// manifests of its workspace members (read by the caller from `members`).
    public func versionedPackages(members manifests: [CargoManifest]) -> [String] {
        var names: [String] = []
        if let packageName, !versionsWorkspace || inheritsVersion { names.append(packageName) }
        if versionsWorkspace {
            names += manifests.filter(\.inheritsVersion).compactMap(\.packageName)
        }
        return names
    }
}
