import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What commits change against their first parents, for many commits of one history, read from
/// tree ids: equal subtrees are skipped without reading them, and the entries asked about along a
/// few paths are remembered per tree, so neighbouring commits (which share most subtrees) cost a
/// root-tree read each. Comparing cherry-picks asks this of thousands of commits; libgit2's diff
/// (`git_diff_tree_to_tree`), kept for the few patches actually hashed, costs several times more.
public final class TreeComparer {
    /// Paths asked about, as a tree of their components.
    public struct Paths: Sendable {
        fileprivate var children: [String: Paths] = [:]
        fileprivate var isPath = false

        public init<S: Sequence>(_ paths: S) where S.Element == String {
            for path in paths { insert(path.split(separator: "/").map(String.init)[...]) }
        }

        public var isEmpty: Bool { children.isEmpty }

        private mutating func insert(_ components: ArraySlice<String>) {
            guard let first = components.first else {
                isPath = true
                return
            }
            children[first, default: Paths([String]())].insert(components.dropFirst())
        }
    }

    private struct Entry: Equatable {
        var id: ObjectID
        var mode: UInt32
        var isTree: Bool { mode == 0o040000 }
    }

    private struct EntryKey: Hashable {
        var tree: ObjectID
        var name: String
    }

    private let repository: Repository
    /// A shallow clone's boundary commits, whose parents were not fetched: compared against
    /// nothing, as git shows them (`git show` lists every file of a grafted commit as added).
    private let shallowRoots: Set<ObjectID>
    private var headers: [ObjectID: (tree: ObjectID, parents: [ObjectID])] = [:]
    /// The entries asked for by name so far, nil where a tree has no such name.
    private var entries: [EntryKey: Entry?] = [:]

    public init(repository: Repository) {
        self.repository = repository
        shallowRoots = repository.shallowRoots()
    }

    /// Takes the trees and parents of commits read already (a history's graph), so asking about
    /// them reads no commit again.
    public func remember(_ commits: some Sequence<Commit>) {
        for commit in commits where headers[commit.id] == nil {
            headers[commit.id] = (commit.treeID, shallowRoots.contains(commit.id) ? [] : commit.parentIDs)
        }
    }

    /// True when `commit` changes an entry at or under one of `paths` against its first parent
    /// (against nothing for a root commit). May say yes for a commit that replaced a directory on
    /// the way to a path by a file; never says no for one that changes a path.
    public func changesAny(of paths: Paths, commit: ObjectID) throws(GitError) -> Bool {
        guard !paths.isEmpty else { return false }
        let (tree, parentTree) = try trees(of: commit)
        return try differs(parentTree, tree, under: paths)
    }

    /// The paths of the files (blobs, links, submodules) a commit adds, removes or changes against
    /// its first parent, sorted, each once; nil for a merge and for a commit that changes nothing.
    /// No rename detection: a renamed file is its old path and its new one.
    public func changedPaths(of commit: ObjectID) throws(GitError) -> [String]? {
        guard try header(of: commit).parents.count <= 1 else { return nil }
        let (tree, parentTree) = try trees(of: commit)
        var paths: [String] = []
        try collect(parentTree, tree, prefix: "", into: &paths)
        return paths.isEmpty ? nil : paths.sorted()
    }

    /// The files whose entries differ between two commits' trees, sorted, each once: what a whole
    /// branch changed since its fork point, as one squash merge would carry it. Equal subtrees are
    /// skipped unread, where libgit2's diff reads both sides of every directory on the way.
    public func changedPaths(from base: ObjectID, to target: ObjectID) throws(GitError) -> [String] {
        var paths: [String] = []
        try collect(header(of: base).tree, header(of: target).tree, prefix: "", into: &paths)
        return paths.sorted()
    }

    /// The files under `paths` (all of them for `nil`) that `commit` adds, removes or changes
    /// against its first parent, merges included; sorted, each once. Only the differing
    /// directories on the way to `paths` are read.
    public func changedFiles(of commit: ObjectID, under paths: Paths?) throws(GitError) -> [String] {
        let (tree, parentTree) = try trees(of: commit)
        var files: [String] = []
        if let paths, !paths.isPath {
            try collectFiles(parentTree, tree, under: paths, prefix: "", into: &files)
        } else {
            try collect(parentTree, tree, prefix: "", into: &files)
        }
        return Array(Set(files)).sorted()
    }

    private func collectFiles(
        _ old: ObjectID?, _ new: ObjectID?, under paths: Paths, prefix: String, into files: inout [String]
    ) throws(GitError) {
        if old == new { return }
        let names = Array(paths.children.keys)
        let none = [Entry?](repeating: nil, count: names.count)
        let before = try old.map { tree throws(GitError) in try self.entries(named: names, in: tree) } ?? none
        let after = try new.map { tree throws(GitError) in try self.entries(named: names, in: tree) } ?? none
        for (index, name) in names.enumerated() where before[index] != after[index] {
            let below = paths.children[name]!
            let path = prefix + name
            let oldTree = before[index].flatMap { $0.isTree ? $0.id : nil }
            let newTree = after[index].flatMap { $0.isTree ? $0.id : nil }
            // A file is listed when it is one of the paths or stands where one of their
            // directories was; the tree on the other side, if any, is walked for what it held.
            if below.isPath, (before[index] != nil && oldTree == nil) || (after[index] != nil && newTree == nil) { files.append(path) }
            if below.isPath {
                try collect(oldTree, newTree, prefix: path + "/", into: &files)
            } else {
                try collectFiles(oldTree, newTree, under: below, prefix: path + "/", into: &files)
            }
        }
    }

    private func trees(of commit: ObjectID) throws(GitError) -> (tree: ObjectID, parent: ObjectID?) {
        let header = try self.header(of: commit)
        let parentTree = try header.parents.first.map { parent throws(GitError) in try self.header(of: parent).tree }
        return (header.tree, parentTree)
    }

    private func differs(_ old: ObjectID?, _ new: ObjectID?, under paths: Paths) throws(GitError) -> Bool {
        if old == new { return false }
        let names = Array(paths.children.keys)
        let none = [Entry?](repeating: nil, count: names.count)
        let before = try old.map { tree throws(GitError) in try self.entries(named: names, in: tree) } ?? none
        let after = try new.map { tree throws(GitError) in try self.entries(named: names, in: tree) } ?? none
        for (index, name) in names.enumerated() where before[index] != after[index] {
            let below = paths.children[name]!
            if below.isPath { return true }
            let oldTree = before[index].flatMap { $0.isTree ? $0.id : nil }
            let newTree = after[index].flatMap { $0.isTree ? $0.id : nil }
            // A file where a directory was (or the reverse) may have been on the way to a path.
            if (before[index] != nil && oldTree == nil) || (after[index] != nil && newTree == nil) { return true }
            if try differs(oldTree, newTree, under: below) { return true }
        }
        return false
    }

    /// Appends the files that differ between two trees (either may be absent) under `prefix`,
    /// walking both entry lists in git's tree order, which sorts a directory as its name and `/`.
    private func collect(_ old: ObjectID?, _ new: ObjectID?, prefix: String, into paths: inout [String]) throws(GitError) {
        if old == new { return }
        let before = try old.map(lookUp), after = try new.map(lookUp)
        defer {
            git_tree_free(before)
            git_tree_free(after)
        }
        let beforeCount = before.map(git_tree_entrycount) ?? 0, afterCount = after.map(git_tree_entrycount) ?? 0
        var i = 0, j = 0
        func only(_ entry: OpaquePointer, old: Bool, into paths: inout [String]) throws(GitError) {
            let name = prefix + String(cString: git_tree_entry_name(entry))
            guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE else {
                paths.append(name)
                return
            }
            let id = ObjectID(git_tree_entry_id(entry)!)
            try collect(old ? id : nil, old ? nil : id, prefix: name + "/", into: &paths)
        }
        while i < beforeCount || j < afterCount {
            let a = i < beforeCount ? git_tree_entry_byindex(before, i) : nil
            let b = j < afterCount ? git_tree_entry_byindex(after, j) : nil
            let order = a == nil ? 1 : b == nil ? -1 : Self.compare(a!, b!)
            if order < 0 {
                try only(a!, old: true, into: &paths)
                i += 1
                continue
            }
            if order > 0 {
                try only(b!, old: false, into: &paths)
                j += 1
                continue
            }
            i += 1
            j += 1
            let oldID = git_tree_entry_id(a)!, newID = git_tree_entry_id(b)!
            let mode = git_tree_entry_filemode(a)
            if git_oid_equal(oldID, newID) != 0 && mode == git_tree_entry_filemode(b) { continue }
            let name = prefix + String(cString: git_tree_entry_name(a))
            if mode == GIT_FILEMODE_TREE {
                try collect(ObjectID(oldID), ObjectID(newID), prefix: name + "/", into: &paths)
            } else {
                paths.append(name)
            }
        }
    }

    /// git's `base_name_compare`: names byte by byte, a tree's name as if it ended in `/`.
    private static func compare(_ a: OpaquePointer, _ b: OpaquePointer) -> Int {
        let first = git_tree_entry_name(a)!, second = git_tree_entry_name(b)!
        let firstLength = strlen(first), secondLength = strlen(second)
        let common = min(firstLength, secondLength)
        let order = memcmp(first, second, common)
        if order != 0 { return Int(order) }
        func next(_ name: UnsafePointer<CChar>, _ length: Int, _ entry: OpaquePointer) -> UInt8 {
            if length > common { return UInt8(bitPattern: name[common]) }
            return git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE ? UInt8(ascii: "/") : 0
        }
        let c1 = next(first, firstLength, a), c2 = next(second, secondLength, b)
        return c1 < c2 ? -1 : c1 > c2 ? 1 : 0
    }

    private func lookUp(_ tree: ObjectID) throws(GitError) -> OpaquePointer {
        var oid = tree.oid
        var handle: OpaquePointer?
        try check(git_tree_lookup(&handle, repository.pointer, &oid), tree.hex)
        return handle!
    }

    /// The entries of `tree` named `names`, reading the tree only when one of them is not known yet.
    private func entries(named names: [String], in tree: ObjectID) throws(GitError) -> [Entry?] {
        var found: [Entry?] = []
        found.reserveCapacity(names.count)
        for name in names {
            guard let known = entries[EntryKey(tree: tree, name: name)] else { break }
            found.append(known)
        }
        if found.count == names.count { return found }
        let wanted = names.map { Array($0.utf8) }
        var result = [Entry?](repeating: nil, count: names.count)
        try RawTree.forEachEntry(of: tree, in: repository) { mode, name, id throws(GitError) in
            guard !name.isEmpty else { return }
            let index = wanted.firstIndex { candidate in
                candidate.count == name.count
                    && candidate.withUnsafeBufferPointer { memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }
            }
            if let index { result[index] = Entry(id: id(), mode: RawTree.canonical(mode)) }
        }
        for (index, name) in names.enumerated() { entries[EntryKey(tree: tree, name: name)] = .some(result[index]) }
        return result
    }

    private func header(of commit: ObjectID) throws(GitError) -> (tree: ObjectID, parents: [ObjectID]) {
        if let known = headers[commit] { return known }
        var header = try repository.treeAndParents(of: commit)
        if shallowRoots.contains(commit) { header.parents = [] }
        headers[commit] = header
        return header
    }
}
