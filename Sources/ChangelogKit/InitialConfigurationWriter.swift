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

    public var path: String { root + Self.fileName }

    /// Writes `text`; an existing file is an error unless `force`. Whether the file exists is
    /// decided under its lock, so a file another process creates meanwhile is not overwritten either.
    /// Returns true when an existing file was replaced.
    @discardableResult
    public func write(_ text: String, force: Bool) throws(ChangelogError) -> Bool {
        var replaced = false
        try AtomicFile.update(path) { existing throws(ChangelogError) in
            if existing != nil {
                guard force else {
                    throw ChangelogError(
                        "\(Self.fileName) already exists; pass --force to overwrite it, or --dry-run to see what init would write")
                }
                replaced = true
            }
            return Array(text.utf8)
        }
        return replaced
    }
}
