import ChangelogCore
import Git

/// Which commits belong to which packages of a monorepo, decided once per commit for every
/// package of the run: one walk down the commit's and its first parent's trees answers all the
/// packages that are paths alone (it reads only the directories on the way to a package and
/// stops at the first equal one); packages with globs (`exclude`, `--include-path`) list the
/// changed files under their own paths only. Never a full diff.
public final class PackageMembership {
    /// One package's rule (or, for `--include-path`/`--exclude-path` without a package, the run's).
    public struct Rule: Sendable {
        /// Directories or files relative to the root; `.` is the whole repository.
        public var paths: [String]
        /// Changed files matching one of these do not make a commit the package's.
        public var exclude: [PathGlob] = []
        /// When not empty, a changed file must match one of these.
        public var include: [PathGlob] = []
        /// Commits with one of these scopes belong to the package whatever they change.
        public var scopes: [String] = []

        public init(paths: [String], exclude: [PathGlob] = [], include: [PathGlob] = [], scopes: [String] = []) {
            self.paths = paths
            self.exclude = exclude
            self.include = include
            self.scopes = scopes
        }

        /// A package's rule, with the run's `--include-path`/`--exclude-path` on top.
        public init(package: PackageSettings, include: [PathGlob] = [], exclude: [PathGlob] = []) {
            self.init(paths: package.paths, exclude: package.exclude + exclude, include: include, scopes: package.scopes)
        }

        /// `--include-path`/`--exclude-path` alone: the files under the include globs' literal
        /// directories (`packages/api` of `packages/api/**`) are all that is compared.
        public init(include: [PathGlob], exclude: [PathGlob]) {
            let roots = include.map(\.literalPrefix)
            self.init(paths: include.isEmpty || roots.contains(".") ? ["."] : roots, exclude: exclude, include: include)
        }

        var needsFiles: Bool { !exclude.isEmpty || !include.isEmpty }
    }

    public let rules: [Rule]
    /// The changed files under the rules with globs.
    private let trees: TreeComparer
    /// The rules that paths alone decide, numbered by rule (the others' sets are empty).
    private let plain: PathSetComparer
    private let hasPlain: Bool
    private let needsFiles: Bool
    /// Whether some rule claims commits by scope, which most commits need their message parsed for.
    let hasScopes: Bool
    private var known: [ObjectID: [Int]] = [:]
    /// A whole history asks about each commit once, from trees it holds already: keeping every
    /// answer would cost more than the rare second question.
    private var remembersHistory = false

    public init(repository: Repository, rules: [Rule]) {
        self.rules = rules
        trees = TreeComparer(repository: repository)
        plain = PathSetComparer(repository: repository, sets: rules.map { $0.needsFiles ? [] : $0.paths })
        hasPlain = rules.contains { !$0.needsFiles }
        needsFiles = rules.contains { $0.needsFiles }
        hasScopes = rules.contains { !$0.scopes.isEmpty }
    }

    /// Takes the trees and parents of a history read already, so deciding its commits reads no
    /// commit again.
    public func remember(_ graph: CommitGraph) {
        remembersHistory = true
        plain.remember(graph)
        if needsFiles { trees.remember(graph.commits) }
    }

    /// The numbers of the rules `commit` belongs to, ascending; decided once per commit. `parsed`
    /// is its message when the caller parsed it already (scopes are read from it).
    public func packages(of commit: SourceCommit, parsed: ParsedMessage? = nil) throws(ChangelogError) -> [Int] {
        let id = ObjectID(commit.id)
        if let found = known[id] { return found }
        var found: [Int] = []
        try git { () throws(GitError) in
            if hasPlain { found = try plain.changedSets(of: id) }
            guard needsFiles else { return }
            for (number, rule) in rules.enumerated() where rule.needsFiles {
                let whole = rule.paths.contains(".")
                let files = try trees.changedFiles(of: id, under: whole ? nil : TreeComparer.Paths(rule.paths))
                let kept = files.contains { file in
                    (rule.include.isEmpty || rule.include.contains { $0.matches(file) }) && !rule.exclude.contains { $0.matches(file) }
                }
                if kept { found.append(number) }
            }
        }
        if hasScopes, found.count < rules.count,
            case .conventional(let entry) = parsed ?? CommitMessageParser.parse(commit.message, parentCount: commit.parentCount),
            let scope = entry.scope
        {
            let scopes = scope.split(separator: ",").map { $0.filter { !$0.isWhitespace } }
            for (number, rule) in rules.enumerated() where rule.scopes.contains(where: scopes.contains) { found.append(number) }
        }
        // Each source lists its rules in order; only a mix needs sorting.
        let result = needsFiles || hasScopes ? Array(Set(found)).sorted() : found
        if !remembersHistory { known[id] = result }
        return result
    }

}
