import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which of many numbered sets of paths each commit changes against its first parent (a merge:
/// the changes it brings to its first parent): the packages of a monorepo, decided once per commit
/// for all of them. One walk down both trees reads only the directories on the way to some path
/// and stops at the first equal entry; it never lists a whole tree, let alone diffs one.
///
/// A whole-history run asks this of every commit, so the walk allocates nothing per commit: the
/// paths are compiled into a tree of directories, each with its names sorted for a binary search,
/// and each directory remembers the entries it found in its last few trees (a commit's parent is
/// usually the commit asked about next, so its trees are read once, not twice).
public final class PathSetComparer {
    /// An entry of a tree as compared here; `mode == 0` is no entry of that name.
    private struct Entry: Equatable {
        var id: ObjectID
        var mode: UInt32
        var isTree: Bool { mode == 0o040000 }
        static let absent = Entry(id: ObjectID(words: (0, 0, 0)), mode: 0)
    }

    /// A directory on the way to some path.
    private final class Directory {
        /// The sets whose path is this directory (or file) itself.
        var sets: [Int] = []
        var isPath = false
        /// The names asked about in it, sorted by bytes, and what lies below each.
        var names: [[UInt8]] = []
        var children: [Directory] = []
        /// The entries named `names` in the trees read here lately: slot `s` holds tree
        /// `cachedTrees[s]`, its entries at `s * names.count ..< (s + 1) * names.count`.
        var cachedTrees: [ObjectID?] = []
        var cachedEntries: [Entry] = []
        var nextSlot = 0

        func insert(_ components: ArraySlice<[UInt8]>, set: Int) {
            guard let first = components.first else {
                isPath = true
                if !sets.contains(set) { sets.append(set) }
                return
            }
            let index = Self.position(of: first, in: names)
            if index == names.count || names[index] != first {
                names.insert(first, at: index)
                children.insert(Directory(), at: index)
            }
            children[index].insert(components.dropFirst(), set: set)
        }

        /// Sizes the cache once the names are known.
        func seal(slots: Int) {
            cachedTrees = Array(repeating: nil, count: slots)
            cachedEntries = Array(repeating: .absent, count: slots * names.count)
            for child in children { child.seal(slots: slots) }
        }

        /// The first index whose name is not below `name` in byte order.
        static func position(of name: [UInt8], in names: [[UInt8]]) -> Int {
            var low = 0, high = names.count
            while low < high {
                let middle = (low + high) / 2
                if names[middle].lexicographicallyPrecedes(name) { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// How many trees each directory remembers: a merge's first parent may be asked about a few
    /// commits after the merge; further away it is read again, which costs time, never results.
    private static let slots = 8

    private let repository: Repository
    private let root = Directory()
    private let setCount: Int
    /// A shallow clone's boundary commits, compared against nothing, as git shows them.
    private let shallowRoots: Set<ObjectID>
    private var graph: CommitGraph?
    private var headers: [ObjectID: (tree: ObjectID, parent: ObjectID?)] = [:]
    /// The sets found for the commit being compared, reset after each.
    private var found: [Bool]
    private var foundList: [Int] = []

    /// Set `i` is `sets[i]`: paths relative to the root, `.` (or empty) for the whole tree.
    public init(repository: Repository, sets: [[String]]) {
        self.repository = repository
        shallowRoots = repository.shallowRoots()
        setCount = sets.count
        found = Array(repeating: false, count: sets.count)
        for (number, paths) in sets.enumerated() {
            for path in paths {
                let components = path.split(separator: "/").filter { $0 != "." }.map { Array($0.utf8) }
                root.insert(components[...], set: number)
            }
        }
        root.seal(slots: Self.slots)
    }

    /// Takes the trees and parents of a history read already, so asking about its commits reads
    /// no commit again.
    public func remember(_ graph: CommitGraph) {
        self.graph = graph
    }

    /// The numbers of the sets `commit` changes an entry of, sorted, each once.
    public func changedSets(of commit: ObjectID) throws(GitError) -> [Int] {
        let (tree, parentTree) = try trees(of: commit)
        return try changedSets(tree: tree, parentTree: parentTree)
    }

    /// The numbers of the sets that differ between a commit's tree and its first parent's (nil
    /// for a root commit), sorted, each once.
    public func changedSets(tree: ObjectID, parentTree: ObjectID?) throws(GitError) -> [Int] {
        try collect(parentTree, tree, in: root)
        guard !foundList.isEmpty else { return [] }
        let result = foundList.sorted()
        for number in foundList { found[number] = false }
        foundList.removeAll(keepingCapacity: true)
        return result
    }

    private func mark(_ sets: [Int]) {
        for number in sets where !found[number] {
            found[number] = true
            foundList.append(number)
        }
    }

    private func collect(_ old: ObjectID?, _ new: ObjectID?, in directory: Directory) throws(GitError) {
        if old == new { return }
        mark(directory.sets)
        let count = directory.names.count
        guard count > 0 else { return }
        let before = try old.map { tree throws(GitError) in try slot(of: tree, in: directory, keeping: nil) }
        let after = try new.map { tree throws(GitError) in try slot(of: tree, in: directory, keeping: before) }
        for index in 0..<count {
            let oldEntry = before.map { directory.cachedEntries[$0 * count + index] } ?? .absent
            let newEntry = after.map { directory.cachedEntries[$0 * count + index] } ?? .absent
            if oldEntry == newEntry { continue }
            let below = directory.children[index]
            // Either side may be a file: one of the paths, or on the way to them (then only the
            // directory on the other side, if any, holds what changed).
            if below.isPath { mark(below.sets) }
            let oldTree = oldEntry.isTree ? oldEntry.id : nil
            let newTree = newEntry.isTree ? newEntry.id : nil
            if oldTree != nil || newTree != nil { try collect(oldTree, newTree, in: below) }
        }
    }

    /// The cache slot holding `tree`'s entries for `directory`'s names, reading the tree when it
    /// is not there; the slot `keeping` (the other side's) is never the one replaced.
    private func slot(of tree: ObjectID, in directory: Directory, keeping kept: Int?) throws(GitError) -> Int {
        for (slot, cached) in directory.cachedTrees.enumerated() where cached == tree { return slot }
        var slot = directory.nextSlot
        if slot == kept { slot = (slot + 1) % Self.slots }
        directory.nextSlot = (slot + 1) % Self.slots
        directory.cachedTrees[slot] = nil
        try read(tree, names: directory.names, into: &directory.cachedEntries, at: slot * directory.names.count)
        directory.cachedTrees[slot] = tree
        return slot
    }

    /// The entries of `tree` named `names`, from its raw object (`RawTree`).
    private func read(_ tree: ObjectID, names: [[UInt8]], into entries: inout [Entry], at start: Int) throws(GitError) {
        for index in 0..<names.count { entries[start + index] = .absent }
        try RawTree.forEachEntry(of: tree, in: repository) { mode, name, id throws(GitError) in
            if let index = Self.index(of: name, in: names) {
                entries[start + index] = Entry(id: id(), mode: RawTree.canonical(mode))
            }
        }
    }

    /// The index of `name` among the sorted `names`, by a binary search over bytes.
    private static func index(of name: UnsafeBufferPointer<UInt8>, in names: [[UInt8]]) -> Int? {
        var low = 0, high = names.count
        while low < high {
            let middle = (low + high) / 2
            let order = names[middle].withUnsafeBufferPointer { candidate -> Int in
                let common = min(candidate.count, name.count)
                let bytes = common == 0 ? 0 : memcmp(candidate.baseAddress!, name.baseAddress!, common)
                if bytes != 0 { return Int(bytes) }
                return candidate.count - name.count
            }
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// A commit's tree and its first parent's, from the history remembered, the commits the
    /// repository keeps, or the commits' raw objects.
    private func trees(of commit: ObjectID) throws(GitError) -> (tree: ObjectID, parent: ObjectID?) {
        let isShallowRoot = !shallowRoots.isEmpty && shallowRoots.contains(commit)
        if let graph, let node = graph.index[commit] {
            let parent = isShallowRoot ? nil : graph.parents(of: node).first
            return (graph.commits[Int(node)].treeID, parent.map { graph.commits[Int($0)].treeID })
        }
        let (tree, parent) = try header(of: commit)
        return (tree, try isShallowRoot ? nil : parent.map { parent throws(GitError) in try header(of: parent).tree })
    }

    private func header(of commit: ObjectID) throws(GitError) -> (tree: ObjectID, parent: ObjectID?) {
        if let known = repository.readCommits?[commit] { return (known.treeID, known.parentIDs.first) }
        if let known = headers[commit] { return known }
        let read = try repository.treeAndParents(of: commit)
        let header = (read.tree, read.parents.first)
        headers[commit] = header
        return header
    }
}
