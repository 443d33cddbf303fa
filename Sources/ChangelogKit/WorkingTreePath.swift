#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a release writes, named as the index names it: relative to the working tree's root,
/// without `./` or `..`, and with a symbolic link followed to the file it points at, because that
/// file is the one written and so the one to commit.
enum WorkingTreePath {
    static func resolve(_ written: String, root: String) throws(ChangelogError) -> String {
        var parts: [Substring] = []
        for part in written.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else {
                    throw ChangelogError("\(written) is outside the repository; name a file inside it, relative to its root")
                }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        guard !parts.isEmpty else { throw ChangelogError("'\(written)' does not name a file; give a path such as CHANGELOG.md") }
        var path = parts.joined(separator: "/")
        var info = stat()
        if lstat(root + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            guard let target = realPath(root + path), let base = realPath(root) else {
                throw ChangelogError("\(path) is a symbolic link to a file that does not exist; fix or remove the link")
            }
            guard target.hasPrefix(base + "/") else {
                throw ChangelogError("\(path) is a symbolic link to \(target), outside the repository; a release can only commit files inside it")
            }
            path = String(target.dropFirst(base.count + 1))
        }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : ""
        if !directory.isEmpty && (stat(root + directory, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR) {
            throw ChangelogError("the directory \(directory) of \(path) does not exist; create it (mkdir -p \(directory)) or fix the path")
        }
        return path
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
