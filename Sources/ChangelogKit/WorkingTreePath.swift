import Platform
import SystemPackage

/// A file named by the configuration, which the repository's own authors wrote: it must stay inside
/// the working tree however it gets there (`..`, a symbolic link, a committed link to a directory
/// elsewhere), or a cloned repository could make the tool write anywhere the user can.
public enum WorkingTreePath {
    /// The file a release writes, named as the index names it: relative to the working tree's root,
    /// without `./` or `..`, with every symbolic link followed, because the file at the end is the
    /// one written and so the one to commit.
    /// `remedy` ends the sentence that refuses a path leading outside.
    public static func resolve(
        _ written: String, root: String, remedy: String = "a configured path must name a file inside the working tree"
    ) throws(ChangelogError) -> String {
        let (path, exists) = try locate(written, root: root, remedy: remedy)
        if !exists, (try? FileSystem.status(root + normalized(written), followingLinks: false))?.type == .symbolicLink {
            throw ChangelogError("\(normalized(written)) is a symbolic link to a file that does not exist; fix or remove the link")
        }
        return path
    }

    /// Checks that a configured path leads inside the working tree, links included; the file itself
    /// need not exist yet.
    public static func checkInside(_ written: String, root: String) throws(ChangelogError) {
        _ = try locate(written, root: root, remedy: "a configured path must name a file inside the working tree")
    }

    /// The real path relative to the root's real path, and whether a file is there.
    private static func locate(_ written: String, root: String, remedy: String) throws(ChangelogError) -> (path: String, exists: Bool) {
        if written.hasPrefix("/") { throw outside(written, leadsTo: written, remedy: remedy) }
        let relative = normalized(written)
        guard !relative.hasPrefix("../") && relative != ".." else { throw outside(written, leadsTo: nil, remedy: remedy) }
        guard !relative.isEmpty else { throw ChangelogError("'\(written)' does not name a file; give a path such as CHANGELOG.md") }
        let base: String
        do throws(Errno) {
            base = try FileSystem.realPath(root)
        } catch {
            throw ChangelogError("cannot resolve the working tree \(root): \(AtomicFile.describe(error))")
        }
        let prefix = base == "/" ? "/" : base + "/"
        var current = prefix + relative
        // As many links as the kernel follows (MAXSYMLINKS on Linux).
        for _ in 0..<40 {
            let slash = current.lastIndex(of: "/")!
            let name = String(current[current.index(after: slash)...])
            let directory = slash == current.startIndex ? "/" : String(current[..<slash])
            guard let realDirectory = try? FileSystem.realPath(directory) else {
                if current == prefix + relative, let parent = relative.lastIndex(of: "/") {
                    let missing = String(relative[..<parent])
                    throw ChangelogError(
                        "the directory \(missing) of \(relative) does not exist; create it (mkdir -p \(missing)) or fix the path")
                }
                throw ChangelogError("\(relative) leads to \(current), whose directory does not exist; fix the path or the symbolic link")
            }
            guard realDirectory == base || realDirectory.hasPrefix(prefix) else {
                throw outside(written, leadsTo: realDirectory + "/" + name, remedy: remedy)
            }
            guard name != "." && name != ".." && !name.isEmpty else {
                throw ChangelogError("\(relative) leads to the directory \(realDirectory); name a file")
            }
            let candidate = (realDirectory == "/" ? "" : realDirectory) + "/" + name
            guard let info = try? FileSystem.status(candidate, followingLinks: false) else {
                return (String(candidate.dropFirst(prefix.count)), false)
            }
            guard info.type == .symbolicLink else { return (String(candidate.dropFirst(prefix.count)), true) }
            let target: String
            do throws(Errno) {
                target = try FileSystem.linkTarget(candidate)
            } catch {
                throw ChangelogError("cannot read the symbolic link \(candidate): \(AtomicFile.describe(error))")
            }
            current = target.hasPrefix("/") ? target : realDirectory + "/" + target
        }
        throw ChangelogError("\(relative) goes through too many symbolic links; fix the links")
    }

    private static func outside(_ written: String, leadsTo target: String?, remedy: String) -> ChangelogError {
        let via = target.map { " (it leads to \($0))" } ?? ""
        return ChangelogError("\(written) is outside the repository\(via); \(remedy)")
    }

    /// `./` and `a/..` taken out as text; a leading `..` stays, to be refused.
    private static func normalized(_ written: String) -> String {
        var parts: [Substring] = []
        for part in written.split(separator: "/") where part != "." {
            if part == ".." && !parts.isEmpty && parts.last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

}
