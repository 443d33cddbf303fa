import ChangelogCore

/// A package released with one that depends on it (`depends-on`): the dependent's section gets a
/// Dependencies entry, and its files' requirements on any of `names` move to `version`.
struct DependencyUpdate {
    /// The package's name in `.changelog.toml`, as the entry shows it.
    var name: String
    var version: SemanticVersion
    /// Every name manifests require it by: its configured name and the names in its own files
    /// (package.json `name`, Cargo.toml `[package] name`).
    var names: Set<String>
}
