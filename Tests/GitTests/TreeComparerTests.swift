import FixtureSupport
import Foundation
import Git
import Testing

/// What each commit changes, against `git diff-tree` as the oracle, on a history that exercises
/// every kind of tree change: nested files, directories added and removed, a file replaced by a
/// directory and back, mode changes, symlinks, a rename, a root commit, an empty commit, a merge.
@Suite struct TreeComparerTests {
    private static let script = """
        set -e
        c() { git add -A && git commit -q --allow-empty -m "$1"; }
        mkdir -p a/b/c d && echo 1 > a/b/c/one && echo 2 > a/two && echo 3 > top && echo 4 > d/four; c root
        echo 1b > a/b/c/one; c nested-change
        mkdir -p a/b/new/deeper && echo 5 > a/b/new/deeper/five && echo 6 > a/b/new/six; c directory-added
        rm -r a/b/new; c directory-removed
        rm -r d && echo file > d; c directory-becomes-file
        rm d && mkdir d && echo 7 > d/seven && echo 8 > d/eight; c file-becomes-directory
        chmod +x top; c mode-change
        ln -s top link; c symlink-added
        rm link && echo notalink > link; c symlink-becomes-file
        git mv a/two a/b/two-moved; c rename
        echo x > a.txt && echo y > a-b && mkdir a0 && echo z > a0/z; c names-around-a-directory
        c empty
        git checkout -q -b side HEAD~1 && echo s > side && c side-change && git checkout -q main
        git merge -q --no-ff -m merge side
        """

    @Test func changedPathsAreGitsOwn() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/repo"
        _ = try sandbox.git("init", "-q", "-b", "main", path, in: sandbox.root)
        let built = try sandbox.run("/bin/sh", ["-c", Self.script], in: path)
        #expect(built.status == 0, "\(built.stderr)")
        let repository = try Repository(discoveringFrom: path)
        let comparer = TreeComparer(repository: repository)
        let log = try sandbox.git("log", "--format=%H %P%x00%s", "main").split(separator: "\n")
        #expect(log.count == 14)
        for line in log {
            let fields = line.split(separator: "\0", omittingEmptySubsequences: false)
            let ids = fields[0].split(separator: " ").map(String.init)
            let subject = String(fields[1])
            let commit = try #require(ObjectID(hex: ids[0]))
            let found = try comparer.changedPaths(of: commit)
            if ids.count > 2 {
                #expect(found == nil, "\(subject)")
                continue
            }
            let shown = try sandbox.git("diff-tree", "--root", "--no-renames", "-r", "--name-only", "--no-commit-id", ids[0])
            let expected = Array(Set(shown.split(separator: "\n").map(String.init))).sorted()
            #expect(found ?? [] == expected, "\(subject)")
            #expect((found == nil) == expected.isEmpty, "\(subject)")
            // The probe agrees for each path the commit changes, for the directories above it, and
            // for a path it does not change.
            for changed in expected {
                #expect(try comparer.changesAny(of: .init([changed]), commit: commit), "\(subject): \(changed)")
                if let slash = changed.lastIndex(of: "/") {
                    #expect(try comparer.changesAny(of: .init([String(changed[..<slash])]), commit: commit), "\(subject): \(changed)")
                }
            }
            for untouched in ["a/b/c/one", "a/two", "top", "d/four", "nowhere/at/all"] where !expected.contains(untouched) {
                let typeChange = subject.contains("becomes") && untouched.hasPrefix("d/")
                if !typeChange {
                    #expect(try !comparer.changesAny(of: .init([untouched]), commit: commit), "\(subject): \(untouched)")
                }
            }
        }
    }

    /// A shallow clone's boundary commit has no parent here, as in git: it adds every file.
    @Test func aShallowBoundaryCommitIsComparedAgainstNothing() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/repo"
        _ = try sandbox.git("init", "-q", "-b", "main", path, in: sandbox.root)
        let built = try sandbox.run("/bin/sh", ["-c", Self.script], in: path)
        #expect(built.status == 0, "\(built.stderr)")
        let shallow = sandbox.root + "/shallow"
        _ = try sandbox.git("clone", "-q", "--depth", "2", "file://" + path, shallow, in: sandbox.root)
        let repository = try Repository(discoveringFrom: shallow)
        // HEAD is a merge: both of its parents are boundaries.
        let roots = repository.shallowRoots()
        #expect(roots.count == 2)
        let comparer = TreeComparer(repository: repository)
        for boundary in roots {
            let shown = try sandbox.git(
                "diff-tree", "--root", "--no-renames", "-r", "--name-only", "--no-commit-id", boundary.hex, in: shallow)
            #expect(try comparer.changedPaths(of: boundary) == Array(Set(shown.split(separator: "\n").map(String.init))).sorted())
            #expect(try comparer.changesAny(of: .init(["top"]), commit: boundary))
        }
    }
}
