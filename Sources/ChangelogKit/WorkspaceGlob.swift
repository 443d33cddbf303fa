import Platform
import SystemPackage

/// Expands workspace member patterns (npm's `workspaces`, Cargo's `members`) into directories
/// that hold a given manifest: paths relative to the repository root, glob patterns per path
/// component, as both tools read them (`**` is taken as one level, which is what workspaces use).
struct WorkspaceGlob {
    /// The working tree, ending in `/`.
    let root: String

    func directories(matching patterns: [String], excluding excluded: [String], holding manifest: String) -> [String] {
        let excludedPaths = excluded.compactMap(Self.normalise)
        var found: [String] = []
        for pattern in patterns {
            guard let normalised = Self.normalise(pattern) else { continue }
            var candidates = [""]
            for component in normalised.split(separator: "/").map(String.init) {
                if component.contains(where: { "*?[".contains($0) }) {
                    let glob = component == "**" ? "*" : component
                    candidates = candidates.flatMap { base in
                        subdirectories(of: base).filter { FileSystem.matches(glob, $0) }.map { base.isEmpty ? $0 : base + "/" + $0 }
                    }
                } else {
                    candidates = candidates.map { $0.isEmpty ? component : $0 + "/" + component }
                }
            }
            for candidate in candidates where !candidate.isEmpty && !found.contains(candidate) {
                if excludedPaths.contains(where: { candidate == $0 || candidate.hasPrefix($0 + "/") }) { continue }
                if (try? FileSystem.status(root + candidate + "/" + manifest))?.type == .regular { found.append(candidate) }
            }
        }
        return found
    }

    /// Directories below `path` (relative), sorted, without hidden ones, installed dependencies
    /// and the names in `skipping`.
    func subdirectories(of path: String, skipping: Set<String> = []) -> [String] {
        let names = (FileSystem.entries(of: root + path) ?? []).filter { name in
            !name.hasPrefix(".") && name != "node_modules" && !skipping.contains(name)
                && (try? FileSystem.status(root + (path.isEmpty ? "" : path + "/") + name, followingLinks: false))?.type == .directory
        }
        return names.sorted()
    }

    /// `relative` without `.`, `..` and a leading `./`; nil when it leaves the repository.
    static func normalise(_ relative: String) -> String? {
        var parts: [Substring] = []
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
