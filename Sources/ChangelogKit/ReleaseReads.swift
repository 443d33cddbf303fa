import ChangelogCore
import Git

/// What every part of one release reads alike, read once for all of them: the template, `.mailmap`
/// (through the contributor index) and the Cargo.toml files looked at for workspaces. A release of
/// fifty packages otherwise reads each fifty times.
final class ReleaseReads {
    private var template: (file: String, template: ChangelogTemplate)?
    private var contributors: ContributorIndex?
    private var cargoManifests: [String: CargoManifest?] = [:]

    /// `[changelog] template`, `file` relative to the working tree's `root`.
    func template(_ file: String, root: String) throws(ChangelogError) -> ChangelogTemplate {
        if let template, template.file == file { return template.template }
        try WorkingTreePath.checkInside(file, root: root)
        let loaded = try GenerateRequestBuilder.loadTemplate(root + file, shownAs: file, option: "[changelog] template")
        template = (file, loaded)
        return loaded
    }

    func contributorIndex(_ repository: Repository) throws(ChangelogError) -> ContributorIndex {
        if let contributors { return contributors }
        let index = try ContributorIndex(repository: repository)
        contributors = index
        return index
    }

    /// The Cargo.toml at `path` (relative to the working tree's `root`); nil when it cannot be
    /// read or parsed.
    func cargoManifest(_ path: String, root: String) -> CargoManifest? {
        if let known = cargoManifests[path] { return known }
        let manifest = (try? AtomicFile.read(root + path)).flatMap { $0 }.flatMap { try? CargoManifest($0, path: path) }
        cargoManifests[path] = .some(manifest)
        return manifest
    }
}
