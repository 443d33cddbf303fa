import ChangelogCore

/// Writes what `changelog init` made of a repository into `.changelog.toml` at its root, atomically
/// and under the file's lock, never over an existing file unless asked to.
public struct InitialConfigurationWriter {
    public static let fileName = ".changelog.toml"

    /// The working tree, ending in `/`.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Writes `text`; an existing file is an error unless `force`. Whether the file exists is
    /// decided under its lock, so a file another process creates meanwhile is not overwritten either.
    /// A `.changelog.toml` that is a symbolic link is written through only to a file inside the
    /// working tree, by the rule release follows for the files it writes (`WorkingTreePath`): a
    /// cloned repository's link must not make init replace a file elsewhere.
    /// Returns the file written (the link's target when it is one) and whether an existing file was replaced.
    @discardableResult
    public func write(_ text: String, force: Bool) throws(ChangelogError) -> (path: String, replaced: Bool) {
        let resolved = try WorkingTreePath.resolve(
            Self.fileName, root: root, remedy: "init writes only inside the working tree: remove the link, or point it at a file there")
        let target = root + resolved
        let shown = resolved == Self.fileName ? Self.fileName : "\(Self.fileName) (a link to \(resolved))"
        var replaced = false
        try AtomicFile.update(target) { existing throws(ChangelogError) in
            if existing != nil {
                guard force else {
                    throw ChangelogError(
                        "\(shown) already exists; pass --force to overwrite it, or --dry-run to see what init would write")
                }
                replaced = true
            }
            return Array(text.utf8)
        }
        return (target, replaced)
    }
}
