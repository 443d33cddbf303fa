import ChangelogCore

/// The files a release writes, as its parts leave them: a file two parts change (a shared lock
/// file, a dependent's manifest) is edited from the first part's bytes, not the disk's.
///
/// It also remembers the disk's bytes each file was first read from: the release replaces a file
/// only while it still holds them, however long signing took.
struct ReleaseContents {
    /// The working tree's root, ending in `/`.
    let root: String
    /// New contents by path relative to the root.
    private(set) var changed: [String: [UInt8]] = [:]
    /// The paths in the order first changed.
    private(set) var order: [String] = []
    /// The disk's bytes when first read, by path (nil: no such file then).
    private var originals: [String: [UInt8]?] = [:]

    init(root: String) {
        self.root = root
    }

    /// The file as the release has it so far; nil when it does not exist. Read once from the disk:
    /// what the release computes from is what it later expects to replace.
    mutating func read(_ path: String) throws(ChangelogError) -> [UInt8]? {
        if let bytes = changed[path] { return bytes }
        if let original = originals[path] { return original }
        let bytes = try AtomicFile.read(root + path)
        originals[path] = .some(bytes)
        return bytes
    }

    mutating func write(_ path: String, _ bytes: [UInt8]) {
        if changed.updateValue(bytes, forKey: path) == nil { order.append(path) }
    }

    /// The final contents of those of `paths` that changed, in the order they were first changed,
    /// each with the bytes it was computed from.
    func changes(among paths: [String]) -> [ReleasePublication.Change] {
        order.filter(paths.contains).compactMap { path in
            changed[path].map { .init(path: path, contents: $0, original: originals[path] ?? nil) }
        }
    }
}
