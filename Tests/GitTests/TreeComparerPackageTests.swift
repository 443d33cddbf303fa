import FixtureSupport
import Foundation
import Git
import Testing

/// Which packages each commit touches, asked of `PathSetComparer` for all packages at once, against
/// `git log -- <path>` as the oracle; the files under a package (`TreeComparer.changedFiles`)
/// against `git diff --name-only`.
@Suite struct TreeComparerPackageTests {
    private static let script = """
        set -e
        c() { git add -A && git commit -q --allow-empty -m "$1"; }
        mkdir -p packages/api/src packages/web libs/shared
        echo 1 > packages/api/src/a.js && echo 2 > packages/web/w.js && echo 3 > libs/shared/s.js && echo r > README; c root
        echo 1b > packages/api/src/a.js; c api-only
        echo 2b > packages/web/w.js && echo 1c > packages/api/src/a.js; c api-and-web
        mkdir -p packages/api-docs && echo d > packages/api-docs/doc.md; c sibling-with-a-shared-prefix
        git mv packages/api/src/a.js packages/web/a.js; c rename-between-packages
        mkdir -p packages/new && echo n > packages/new/n.js; c package-added
        git rm -q -r packages/new; c package-deleted
        echo r2 > README; c root-file-only
        rm -r libs/shared && echo file > libs/shared; c directory-becomes-file
        chmod +x packages/web/w.js; c mode-change
        c empty
        git checkout -q -b side HEAD~2 && echo s > packages/api/side.js && c side-change && git checkout -q main
        git merge -q --no-ff -m merge side
        """
    private static let packages = [
        ["packages/api"], ["packages/web"], ["packages/api-docs"], ["libs/shared", "libs/other"], ["packages/new"],
        ["README"], ["."], ["packages/api/src/a.js"],
    ]

    @Test func changedSetsAreGitLogsOwn() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/repo"
        _ = try sandbox.git("init", "-q", "-b", "main", path, in: sandbox.root)
        let built = try sandbox.run("/bin/sh", ["-c", Self.script], in: path)
        #expect(built.status == 0, "\(built.stderr)")
        let repository = try Repository(discoveringFrom: path)
        let comparer = TreeComparer(repository: repository)
        let sets = PathSetComparer(repository: repository, sets: Self.packages)
        // The same questions asked in another order, and of a comparer that reads the trees from
        // a history read beforehand: the trees each remembers never change an answer.
        let reversed = PathSetComparer(repository: repository, sets: Self.packages)
        let fromGraph = PathSetComparer(repository: repository, sets: Self.packages)
        let tip = try sandbox.git("rev-parse", "main", in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        let head = try #require(ObjectID(hex: tip))
        fromGraph.remember(try CommitGraph(repository: repository, head: head))
        // The oracle: per package, the commits `git log --no-merges -- paths` lists; the merge, by
        // what `git diff` shows against its first parent.
        var expected: [String: Set<Int>] = [:]
        let merge = try sandbox.git("rev-parse", "main", in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        for (number, paths) in Self.packages.enumerated() {
            let limit = paths
            let listed = try sandbox.git(["log", "--format=%H", "--no-merges", "main", "--"] + limit, in: path)
            for id in Set(listed.split(separator: "\n").map(String.init)) { expected[id, default: []].insert(number) }
            if try !sandbox.git(["diff", "--name-only", "main^1", "main", "--"] + limit, in: path).isEmpty {
                expected[merge, default: []].insert(number)
            }
        }
        let log = try sandbox.git("log", "--format=%H%x00%s", "main", in: path).split(separator: "\n")
        #expect(log.count == 13)
        var checked = 0
        for line in log.reversed() {
            let id = try #require(ObjectID(hex: String(line.prefix(40))))
            #expect(try reversed.changedSets(of: id) == (expected[String(line.prefix(40))] ?? []).sorted(), "\(line)")
        }
        for line in log {
            let fields = line.split(separator: "\0", omittingEmptySubsequences: false)
            let id = String(fields[0]), subject = String(fields[1])
            let commit = try #require(ObjectID(hex: id))
            let found = try sets.changedSets(of: commit)
            #expect(found == (expected[id] ?? []).sorted(), "\(subject)")
            #expect(try fromGraph.changedSets(of: commit) == found, "\(subject)")
            for (number, paths) in Self.packages.enumerated() where paths != ["."] {
                let files = try comparer.changedFiles(of: commit, under: .init(paths))
                let parent = (try? sandbox.git("rev-parse", "-q", "--verify", id + "^1", in: path))?.trimmingCharacters(
                    in: .whitespacesAndNewlines)
                let diff =
                    parent.map { try? sandbox.git(["diff", "--no-renames", "--name-only", $0, id, "--"] + paths, in: path) }
                    ?? (try? sandbox.git(["diff-tree", "--root", "-r", "--name-only", "--no-commit-id", id, "--"] + paths, in: path))
                let shown = Set((diff ?? "").split(separator: "\n").map(String.init)).sorted()
                #expect(files == shown, "\(subject): \(paths)")
                #expect(!files.isEmpty == found.contains(number), "\(subject): \(paths)")
                checked += 1
            }
        }
        #expect(checked == 13 * 7)
        #expect(
            try comparer.changedFiles(of: try #require(ObjectID(hex: String(log[0].prefix(40)))), under: nil) == ["packages/api/side.js"])
    }
}
