import ChangelogCore
import Git

/// A failure the user can act on, printed as one line on stderr.
public struct ChangelogError: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// The exit status docs/contract.md gives this kind of failure.
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitStatus.failure.rawValue) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    /// A failure already explained on stderr: only its exit status is left to report.
    public static func silent(exitCode: Int32) -> ChangelogError {
        ChangelogError("", exitCode: exitCode)
    }

    /// The one place a libgit2 failure becomes a sentence: the Git module reports what happened,
    /// this says what to do about it. Public so that the command line wraps the error it gets when
    /// opening the repository here too, instead of printing its description.
    public init(_ error: GitError) {
        let subject = error.subject.map { "\($0): " } ?? ""
        switch error.kind {
        case .shallowBoundary(let need):
            let fetch = "run `git fetch --unshallow --tags` (in CI: fetch-depth: 0)"
            switch need {
            case .wholeHistory: self.init("\(subject)this shallow clone does not have the whole history; \(fetch)")
            case .range: self.init("\(subject)this shallow clone does not have the history the range needs; \(fetch)")
            case .forkPoint:
                self.init(
                    "\(subject)this shallow clone does not reach back to where the two branches forked; "
                        + "run `git fetch --unshallow` (in CI: fetch-depth: 0)")
            case .commit:
                self.init(
                    "\(subject)commit is missing from this shallow clone; "
                        + "run `git fetch --unshallow --tags` (or use fetch-depth: 0 in CI)")
            }
        case .unbornHead:
            self.init("\(subject)the repository has no commits yet; commit something first")
        case .unknownRevision:
            self.init("'\(error.subject ?? "")' is not a known revision (branch, tag or commit id)")
        case .ambiguousRevision:
            self.init("'\(error.subject ?? "")' is ambiguous; use more hex digits or the full ref name")
        case .notACommit:
            self = .notACommit(error.subject ?? "")
        case .referenceMoved:
            self.init(
                "\(subject)was moved by another process while the release was being made; nothing was changed by it, "
                    + "run the command again")
        case .missingObject, .damagedObject:
            self.init("\(error.description); run `git fsck` to see what is damaged, then fetch or restore the objects from another clone")
        case .locked:
            self.init("\(error.description); another git process may be running: wait for it, or remove the lock file if none is")
        case .notARepository:
            self.init("\(error.description); run inside one or pass --repo PATH")
        case .ownedByAnotherUser:
            self.init("\(error.description); pass --repo to trust it, or run `git config --global --add safe.directory <path>`")
        case .failed:
            self.init(error.description)
        }
    }

    public init(_ error: ConfigurationError) {
        self.init(error.description)
    }
}

/// Runs a libgit2-backed step, turning its typed error into one the command line prints.
func git<T>(_ body: () throws(GitError) -> T) throws(ChangelogError) -> T {
    do {
        return try body()
    } catch {
        throw ChangelogError(error)
    }
}

// MARK: - Amend and release safety
// Kept together at the end: sentences for corrections of merges and contended notes.

extension ChangelogError {
    /// `changelog amend` on a merge commit, which no changelog lists.
    static func mergeCorrection(_ short: String) -> ChangelogError {
        ChangelogError(
            "\(short) is a merge commit, and merge commits are left out of changelogs, so a correction would change nothing; "
                + "amend the commits the merge brings instead")
    }

    /// A revision or a version tag that peels to a tree or a blob: there, but no release or range end.
    static func notACommit(_ name: String, noSectionFor version: SemanticVersion? = nil) -> ChangelogError {
        let section = version.map { ", and the changelog has no \($0) section" } ?? ""
        return ChangelogError(
            "'\(name)' names a tree or a blob, not a commit\(section); name a commit, a branch or a tag of a commit")
    }

    /// Other writers kept moving the notes reference through every retry of a correction.
    static func notesKeptMoving(_ reference: String) -> ChangelogError {
        ChangelogError(
            "\(reference) kept being changed by other processes (amends or git notes running at once); "
                + "nothing was changed, run the command again")
    }
}

// MARK: - Opening the repository, files of the working tree, unborn branches, package selection and paths

extension ChangelogError {
    /// No repository where the command looked: the current directory's, or the one `--repo` names,
    /// for which "pass --repo" would be no advice.
    public static func notARepository(_ error: GitError, repositoryOption path: String?) -> ChangelogError {
        guard let path else {
            return ChangelogError(
                "the current directory is not inside a git repository; run the command inside one or pass --repo PATH")
        }
        return ChangelogError(
            "--repo \(path): \(error.message); give the path of a working tree, or of a bare repository")
    }
}

extension ChangelogError {
    /// A file of the working tree that is a FIFO, a device or a directory; `use` says why it must be a file.
    /// Two packages whose changelogs turn out to be one file (through a symbolic link).
    static func sharedChangelog(_ first: String, _ second: String, file: String) -> ChangelogError {
        ChangelogError("packages \(first) and \(second) both write their changelog to \(file); \(PackageSettings.ownChangelogs)")
    }

    /// A template whose section for `key` the merge cannot find again: each run would add another.
    static func templateSectionNotFound(_ file: String, key: SectionKey) -> ChangelogError {
        ChangelogError(
            "the section \(file) renders for \(key) does not start with an anchor or a heading that names it, so "
                + "every run would add it again; begin the template with <a name=\"{{anchor}}\"></a> or ## {{name}} "
                + "(docs/templates.md)")
    }

    static func notARegularFile(_ path: String, isDirectory: Bool, use: String) -> ChangelogError {
        let kind = isDirectory ? "a directory" : "not a regular file (a FIFO, socket or device)"
        return ChangelogError(
            "\(path) is \(kind); \(use) as a file of the working tree, so put the file back "
                + "(git checkout -- \(ShellQuoting.quote(path))) or configure another path")
    }
}

extension ChangelogError {
    /// HEAD's branch has no commit yet. In a new repository that is `fresh` (what the command cannot
    /// do without commits); where other branches have history (after `git checkout --orphan`), the
    /// sentence names the branch and the ways on: commit on it, or switch to a branch with history.
    public static func unbornBranch(_ repository: Repository, fresh: String) -> ChangelogError {
        let branches = (try? repository.referenceNames(matching: "refs/heads/*")) ?? []
        let others = branches.map { $0.dropFirst("refs/heads/".count) }.sorted()
        guard let other = others.first(where: { $0 == "main" || $0 == "master" }) ?? others.first,
            let branch = (try? repository.head())?.branchName
        else { return ChangelogError(fresh) }
        return ChangelogError(
            "the branch \(branch) has no commits yet; commit on it first, "
                + "or check out a branch with history (git switch \(ShellQuoting.quote(String(other))))")
    }
}

extension ChangelogError {
    /// A package path HEAD's tree does not hold: a warning, since the package may be new.
    static func packagePathNotInHead(_ package: PackageSettings, _ path: String) -> ChangelogError {
        ChangelogError(
            "package \(package.name): \(path) is not in HEAD's tree; check \(package.table) "
                + (package.paths.count == 1 ? "path" : "paths"))
    }

    /// A package released whose paths are all missing from HEAD's tree: its release could hold nothing.
    static func packagePathsNotInHead(_ package: PackageSettings, _ paths: [String]) -> ChangelogError {
        ChangelogError(
            "package \(package.name): \(paths.joined(separator: ", ")) \(paths.count == 1 ? "is" : "are") not in HEAD's tree, "
                + "so it has nothing to release; fix \(package.table) "
                + (package.paths.count == 1 ? "path" : "paths"))
    }
}

extension ChangelogError {
    /// `-P`, `--include-path` or `--exclude-path` given to a command over every package: a usage
    /// error, said in one line.
    public static func selectionRefused(by command: String) -> ChangelogError {
        ChangelogError(
            "\(command) covers every package; drop -P/--package, --include-path and --exclude-path",
            exitCode: ExitStatus.usage.rawValue)
    }
}
