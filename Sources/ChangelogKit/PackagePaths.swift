import ChangelogCore
import Git

/// A package's configured paths against a commit's tree: a path that is not there is most likely a
/// typo in the configuration (the package would silently have no commits), so commands say so.
public enum PackagePaths {
    /// The paths of `package` that `commit`'s tree does not hold; `.` (the whole repository) is
    /// always there.
    public static func missing(_ package: PackageSettings, in repository: Repository, at commit: ObjectID) throws(ChangelogError)
        -> [String]
    {
        let paths = package.paths.filter { $0 != "." }
        let entries = try git { () throws(GitError) in try repository.entries(of: commit, at: paths) }
        return zip(paths, entries).filter { $0.1 == nil }.map(\.0)
    }

    /// Checks `packages` against HEAD's tree: each missing path is one warning through `warn`;
    /// with `refusing`, a package none of whose paths is there stops the command (a release of it
    /// could only be empty). Before the first commit there is no tree to check against.
    public static func check(
        _ packages: [PackageSettings], in repository: Repository, refusing: Bool, warn: (String) -> Void
    ) throws(ChangelogError) {
        guard let head = (try? repository.head())?.commitID else { return }
        for package in packages {
            let missing = try Self.missing(package, in: repository, at: head)
            if refusing, !missing.isEmpty, missing.count == package.paths.count {
                throw ChangelogError.packagePathsNotInHead(package, missing)
            }
            for path in missing { warn(ChangelogError.packagePathNotInHead(package, path).message) }
        }
    }
}
