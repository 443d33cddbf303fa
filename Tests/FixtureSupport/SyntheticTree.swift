/// A git tree held with its id, so `SyntheticHistory` can name commits before git imports them.
/// Value semantics: a branch's tree is a copy that shares storage until the branch changes it.
struct SyntheticTree {
    private enum Entry {
        case blob([UInt8])
        case tree(SyntheticTree)
    }

    private var entries: [String: Entry] = [:]
    private(set) var id: [UInt8] = SHA1.objectID(type: "tree", content: [])

    /// Sets the file at `path` (`dir/sub/name`) to the blob `blob`, creating directories.
    mutating func set(_ path: String, blob: [UInt8]) {
        set(path.split(separator: "/")[...], blob: blob)
    }

    private mutating func set(_ components: ArraySlice<Substring>, blob: [UInt8]) {
        let name = String(components.first!)
        if components.count == 1 {
            entries[name] = .blob(blob)
        } else {
            var child = SyntheticTree()
            if case .tree(let existing)? = entries.removeValue(forKey: name) { child = existing }
            child.set(components.dropFirst(), blob: blob)
            entries[name] = .tree(child)
        }
        id = computeID()
    }

    /// git's tree encoding: entries ordered by name bytes, a directory's name compared as `name/`.
    private func computeID() -> [UInt8] {
        let ordered = entries.map { name, entry -> (key: [UInt8], name: String, entry: Entry) in
            if case .tree = entry { return (Array(name.utf8) + [0x2F], name, entry) }
            return (Array(name.utf8), name, entry)
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var content: [UInt8] = []
        for item in ordered {
            switch item.entry {
            case .blob(let id): content += Array("100644 \(item.name)".utf8) + [0] + id
            case .tree(let tree): content += Array("40000 \(item.name)".utf8) + [0] + tree.id
            }
        }
        return SHA1.objectID(type: "tree", content: content)
    }
}
