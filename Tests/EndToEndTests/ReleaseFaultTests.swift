import FixtureSupport
import Foundation
import Testing

/// A release stopped at any step, by kill -9, a signal or a full disk, leaves the repository
/// untouched, released, or pending; a pending one refuses new releases until `--abort` puts back
/// exactly the state before it or `--continue` completes it. The steps are the fault points
/// `CHANGELOG_FAULT` names; the widget release writes CHANGELOG.md (file-1), VERSION (file-2)
/// and package.json (file-3). git itself is the oracle for what the repository holds.
@Suite struct ReleaseFaultTests {
    static let steps = ["objects", "journal", "file-1", "file-2", "file-3", "index", "branch", "tag"]
    static let undoSteps = ["undo-tag", "undo-branch", "undo-index", "undo-file-3", "undo-file-2", "undo-file-1"]

    private func settle(_ scene: ReleaseScene, _ option: String, fault: String? = nil) throws -> Sandbox.Result {
        try scene.changelog("release", option, environment: fault.map { ["CHANGELOG_FAULT": $0] } ?? [:])
    }

    /// kill -9 at every step, then `--abort`: the state before, exactly; then the release can be made.
    @Test(arguments: steps)
    func aKillAtEveryStepIsUndoneByAbort(_ step: String) throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let killed = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "\(step):kill"])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        if step == "objects" {
            // Only unreferenced objects exist yet: nothing to settle.
            #expect(!scene.isPending)
            #expect(try scene.state() == before)
            #expect(
                try settle(scene, "--abort").stderr
                    == "changelog: error: no release is pending in this repository; there is nothing to continue or abort\n")
        } else {
            try scene.expectPendingRefusal()
            let aborted = try settle(scene, "--abort")
            #expect(aborted.status == 0, "\(aborted.stderr)")
            #expect(
                aborted.stdout
                    == "aborted the release of 2.0.0: CHANGELOG.md, VERSION, package.json, the index, main as before it, no tag v2.0.0\n")
            #expect(!scene.isPending)
            #expect(try scene.state() == before)
            // Running it again finds nothing to do and changes nothing.
            let again = try settle(scene, "--abort")
            #expect(again.status == 2)
            #expect(try scene.state() == before)
        }
        let result = try scene.changelog("release")
        #expect(result.status == 0, "\(result.stderr)")
        try scene.expectComplete()
    }

    /// A kill while libgit2 writes the tag leaves git's lock file for it, which no one but the user
    /// can tell from another git process's: `--abort` undoes the release and names the file.
    @Test func aTagLockLeftByAKillIsNamedByAbort() throws {
        let scene = try ReleaseScene()
        // Killed after the branch moved, as libgit2 had just locked the tag it was about to write.
        let killed = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "branch:kill"])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        let lock = scene.repo + "/.git/refs/tags/v2.0.0.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let aborted = try settle(scene, "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(aborted.stdout.hasPrefix("aborted the release of 2.0.0: "))
        #expect(aborted.stderr.hasPrefix("changelog: warning: /"), "\(aborted.stderr)")
        #expect(
            aborted.stderr.hasSuffix(
                "/.git/refs/tags/v2.0.0.lock is left from the interrupted release; "
                    + "remove it if no git process is running, or the next release stops at it\n"))
        #expect(FileManager.default.fileExists(atPath: lock), "another process's lock is never removed")
        let clean = try scene.changelog("release", "--abort")
        #expect(clean.status == 2)
    }

    /// The index's and the branch's locks that a kill left are named too, by `--abort` and by
    /// `--continue`: each reports success, and git's next commit would stop at them.
    @Test(arguments: ["--abort", "--continue"])
    func theIndexAndBranchLocksLeftByAKillAreNamed(_ option: String) throws {
        let scene = try ReleaseScene()
        let killed = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "file-1:kill"])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        let locks = ["/.git/index.lock", "/.git/refs/heads/main.lock"]
        for lock in locks { #expect(FileManager.default.createFile(atPath: scene.repo + lock, contents: Data())) }
        // --continue cannot stage or move the branch past git's locks: it stops and keeps the release pending.
        if option == "--continue" {
            let refused = try scene.changelog("release", option)
            #expect(refused.status == 2 && scene.isPending, "\(refused.stderr)")
            try FileManager.default.removeItem(atPath: scene.repo + locks[0])
            try FileManager.default.removeItem(atPath: scene.repo + locks[1])
            let finished = try settle(scene, option)
            #expect(finished.status == 0 && finished.stderr.isEmpty, "\(finished.stderr)")
            return
        }
        let settled = try settle(scene, option)
        #expect(settled.status == 0, "\(settled.stderr)")
        let warnings = settled.stderr.split(separator: "\n")
        #expect(warnings.count == 2, "\(settled.stderr)")
        for (warning, lock) in zip(warnings, locks) {
            #expect(warning.hasPrefix("changelog: warning: /") && warning.contains(lock + " is left from the interrupted release"))
        }
        for lock in locks { #expect(FileManager.default.fileExists(atPath: scene.repo + lock)) }
    }

    /// kill -9 at every step after the journal, then `--continue`: the release, complete.
    @Test(arguments: steps.dropFirst())
    func aKillAtEveryStepIsCompletedByContinue(_ step: String) throws {
        let scene = try ReleaseScene()
        let killed = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "\(step):kill"])
        #expect(killed.status == SIGKILL)
        try scene.expectPendingRefusal()
        let continued = try settle(scene, "--continue")
        #expect(continued.status == 0, "\(continued.stderr)")
        #expect(
            continued.stdout
                == "released 2.0.0: finished the pending release\n  tagged v2.0.0\n\nnext: git push --follow-tags origin main\n")
        try scene.expectComplete()
        #expect(try scene.git("reflog", "-1", "--format=%gs", "main") == "commit: chore: tag 2.0.0\n")
        // The tag carries the notes, as an uninterrupted release's does.
        #expect(try scene.git("cat-file", "tag", "v2.0.0").contains("\n\nRelease 2.0.0\n\n#### Breaking Changes\n"))
        let after = try scene.state()
        #expect(try settle(scene, "--continue").status == 2)
        #expect(try scene.state() == after)
    }

    /// `--abort` killed at any of its own steps: run again, it still ends at the state before.
    @Test(arguments: undoSteps)
    func aKilledAbortConvergesWhenRunAgain(_ step: String) throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        // Killed after its last step: everything is done but the journal says pending.
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "tag:kill"]).status == SIGKILL)
        #expect(try settle(scene, "--abort", fault: "\(step):kill").status == SIGKILL)
        try scene.expectPendingRefusal()
        let aborted = try settle(scene, "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(try scene.state() == before)
        #expect(!scene.isPending)
    }

    /// `--continue` killed at any of its own steps: run again, it still completes the release.
    @Test(arguments: steps.dropFirst(2))
    func aKilledContinueConvergesWhenRunAgain(_ step: String) throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "journal:kill"]).status == SIGKILL)
        #expect(try settle(scene, "--continue", fault: "\(step):kill").status == SIGKILL)
        try scene.expectPendingRefusal()
        #expect(try settle(scene, "--continue").status == 0)
        try scene.expectComplete()
    }

    /// SIGINT, SIGTERM and SIGHUP at any step: rolled back, one line, the shell's 128 + signal.
    @Test(arguments: steps, [("int", SIGINT, "SIGINT"), ("term", SIGTERM, "SIGTERM"), ("hup", SIGHUP, "SIGHUP")])
    func aSignalAtEveryStepRollsBack(_ step: String, _ signal: (action: String, number: Int32, name: String)) throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let result = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "\(step):\(signal.action)"])
        #expect(result.status == 128 + signal.number)
        #expect(result.stdout == "")
        let outcome = step == "objects" ? "nothing was changed" : "the release of 2.0.0 was undone"
        #expect(result.stderr == "changelog: error: interrupted by \(signal.name); \(outcome)\n")
        #expect(!scene.isPending)
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/.git/changelog-release.lock"))
        #expect(try scene.state() == before)
    }

    /// A signal during `--abort` waits for the undo to end: stopping it would only leave more to do.
    @Test func aSignalDuringAbortDoesNotStopIt() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "tag:kill"]).status == SIGKILL)
        let aborted = try settle(scene, "--abort", fault: "undo-branch:int")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(try scene.state() == before)
    }

    /// A full disk from a step on (every later write fails, the undo's too): untouched when it
    /// strikes before the first visible change, pending when the undo cannot write either, complete
    /// when only the journal's removal is left. Pending is settled either way once space is back.
    @Test(arguments: steps)
    func aFullDiskAtEveryStepLeavesOneOfThreeOutcomes(_ step: String) throws {
        for settling in ["--abort", "--continue"] {
            let scene = try ReleaseScene()
            let before = try scene.state()
            let result = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "\(step):enospc"])
            #expect(result.stderr.split(separator: "\n").count <= 1, "\(result.stderr)")
            switch step {
            case "objects", "journal":
                #expect(result.status == 2)
                #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
                #expect(!scene.isPending)
                #expect(try scene.state() == before)
            case "tag":
                #expect(result.status == 0, "\(result.stderr)")
                try scene.expectComplete()
            default:
                #expect(result.status == 2)
                #expect(result.stderr.hasPrefix("changelog: error: the release of 2.0.0 failed (cannot write "), "\(result.stderr)")
                #expect(
                    result.stderr.hasSuffix(
                        "; it is pending: run `changelog release --continue` to finish it, or `changelog release --abort` to undo it\n"))
                try scene.expectPendingRefusal()
                let settled = try settle(scene, settling)
                #expect(settled.status == 0, "\(settled.stderr)")
                if settling == "--abort" { #expect(try scene.state() == before) } else { try scene.expectComplete() }
            }
        }
    }

    /// A release that commits nothing (no file changes) still journals its tag: killed before the
    /// tag, `--abort` has only the journal to remove and `--continue` only the tag to make.
    @Test func aTagOnlyReleaseIsJournaledToo() throws {
        let scene = try ReleaseScene(config: "")
        #expect(try scene.changelog("--setversion", "2.0.0", "-C", "CHANGELOG.md").status == 0)
        _ = try scene.git("commit", "-q", "-am", "docs: the 2.0.0 section, written ahead")
        let before = try scene.state()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "objects:kill"]).status == SIGKILL)
        #expect(try scene.state() == before)
        let killed = try scene.changelog("release", environment: ["CHANGELOG_FAULT": "journal:kill"])
        #expect(killed.status == SIGKILL)
        #expect(scene.isPending)
        #expect(try settle(scene, "--abort").stdout == "aborted the release of 2.0.0: no tag v2.0.0\n")
        #expect(try scene.state() == before)
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "journal:kill"]).status == SIGKILL)
        #expect(try settle(scene, "--continue").status == 0)
        #expect(try scene.git("describe", "--exact-match", "HEAD") == "v2.0.0\n")
    }

    /// The lock and the journal are the repository's, shared by its worktrees: a release pending in
    /// a linked worktree stops releases in the main one too, and is settled from either.
    @Test func aPendingReleaseInALinkedWorktreeIsTheRepositorys() throws {
        let scene = try ReleaseScene()
        _ = try scene.git("worktree", "add", "-q", "-b", "next", scene.sandbox.root + "/linked")
        var linked = scene
        linked.directory = "linked"
        let before = try linked.state()
        #expect(try linked.changelog("release", environment: ["CHANGELOG_FAULT": "file-2:kill"]).status == SIGKILL)
        #expect(FileManager.default.fileExists(atPath: scene.repo + "/.git/changelog-release"))
        let refused = try scene.changelog("release")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the release of 2.0.0 was interrupted and is pending"))
        let aborted = try scene.changelog("release", "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(aborted.stdout.hasSuffix("next as before it, no tag v2.0.0\n"))
        #expect(try linked.state() == before)
    }

    @Test func abortAndContinueTakeNoOtherOption() throws {
        let scene = try ReleaseScene()
        for arguments in [["release", "--abort", "2.0.0"], ["release", "--continue", "--dry-run"], ["release", "--abort", "--continue"]] {
            let result = try scene.sandbox.run(Sandbox.changelogBinary, arguments, in: scene.repo)
            #expect(result.status == 64, "\(arguments)")
        }
        let nothing = try scene.changelog("release", "--continue")
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "changelog: error: no release is pending in this repository; there is nothing to continue or abort\n")
    }

    /// Settling never overwrites what someone else did meanwhile: a moved branch stops both ways
    /// until it is put where the journal expects it; a tag of the same name made by someone else
    /// stops --continue, and --abort leaves it alone.
    @Test func settlingRespectsChangesMadeMeanwhile() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        let old = try scene.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "index:kill"]).status == SIGKILL)
        let other = try scene.git("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "fix: meanwhile").trimmingCharacters(in: .newlines)
        _ = try scene.git("update-ref", "refs/heads/main", other)
        for option in ["--continue", "--abort"] {
            let result = try scene.changelog("release", option)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("changelog: error: "))
            #expect(
                result.stderr.contains(
                    "refs/heads/main was moved to \(other.prefix(8)) by someone else while the release was pending; it was at \(old.prefix(8)) before the release"
                ),
                "\(result.stderr)")
            #expect(scene.isPending)
        }
        _ = try scene.git("update-ref", "refs/heads/main", old)
        _ = try scene.git("tag", "v2.0.0", other)
        let refused = try scene.changelog("release", "--continue")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the tag v2.0.0 was created by someone else meanwhile"), "\(refused.stderr)")
        let aborted = try scene.changelog("release", "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(aborted.stdout.hasSuffix(", v2.0.0 left as someone else tagged it\n"), "\(aborted.stdout)")
        #expect(try scene.git("rev-parse", "v2.0.0") == other + "\n")
        _ = try scene.git("tag", "-d", "v2.0.0")
        #expect(try scene.state() == before)
    }

    /// A `--continue` that a moved branch stops changes nothing either: the files it would write
    /// and stage would go into the next commit of whoever moved it. The message keeps that commit.
    @Test func aRefusedContinueChangesNothing() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "file-1:kill"]).status == SIGKILL)
        let other = try scene.git("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "fix: meanwhile").trimmingCharacters(in: .newlines)
        _ = try scene.git("update-ref", "refs/heads/main", other)
        let pending = try scene.state()
        let refused = try scene.changelog("release", "--continue")
        #expect(refused.status == 2)
        #expect(try scene.state() == pending)
        #expect(refused.stderr.contains("keep its commit on a branch first (git branch <name> \(other.prefix(8))), then put it back"))
    }

    /// An abort that a moved branch stops changes nothing, tags included, and says once what to run.
    @Test func aRefusedAbortChangesNothing() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "tag:kill"]).status == SIGKILL)
        let released = try scene.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        let other = try scene.git("commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "fix: meanwhile").trimmingCharacters(in: .newlines)
        _ = try scene.git("update-ref", "refs/heads/main", other)
        let pending = try scene.state()
        let refused = try scene.changelog("release", "--abort")
        #expect(refused.status == 2)
        #expect(try scene.state() == pending)
        #expect(try scene.git("cat-file", "-t", "v2.0.0") == "tag\n")
        #expect(refused.stderr.components(separatedBy: " again").count == 2, "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("; fix that and run `changelog release --abort` again\n"), "\(refused.stderr)")
        _ = try scene.git("update-ref", "refs/heads/main", released)
        #expect(try scene.changelog("release", "--continue").status == 0)
        try scene.expectComplete()
    }

    /// A repository copied while a release is pending settles the copy, never the original; a
    /// repository moved settles where it is now.
    @Test func aPendingReleaseIsSettledWhereTheRepositoryIsNow() throws {
        let scene = try ReleaseScene()
        let before = try scene.state()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "file-2:kill"]).status == SIGKILL)
        let pending = try scene.state()
        _ = try scene.sandbox.run("/bin/cp", ["-a", scene.repo, scene.sandbox.root + "/copy"], in: scene.sandbox.root)
        var copy = scene
        copy.directory = "copy"
        let aborted = try copy.changelog("release", "--abort")
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(try copy.state() == before)
        #expect(!copy.isPending)
        // The original is as the kill left it, still pending.
        #expect(try scene.state() == pending)
        #expect(scene.isPending)
        _ = try scene.sandbox.run("/bin/mv", [scene.repo, scene.sandbox.root + "/moved"], in: scene.sandbox.root)
        var moved = scene
        moved.directory = "moved"
        let continued = try moved.changelog("release", "--continue")
        #expect(continued.status == 0, "\(continued.stderr)")
        try moved.expectComplete()
    }

    /// While a release is pending, `next` says so before suggesting anything.
    @Test func nextSaysAReleaseIsPending() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "branch:kill"]).status == SIGKILL)
        let next = try scene.changelog("next")
        #expect(
            next.stderr.hasPrefix(
                "changelog: warning: the release of 2.0.0 is pending, so what follows may count its commit; "
                    + "run `changelog release --continue` to finish it, or `changelog release --abort` to undo it\n"),
            "\(next.stderr)")
        #expect(try scene.changelog("release", "--continue").status == 0)
        #expect(try scene.changelog("next").stderr.contains("pending") == false)
    }

    /// A git directory copied without its working tree cannot put a pending release's files back:
    /// it refuses, and writes nowhere else.
    @Test func aPendingReleaseCopiedWithoutItsWorkingTreeIsRefused() throws {
        let scene = try ReleaseScene()
        #expect(try scene.changelog("release", environment: ["CHANGELOG_FAULT": "file-2:kill"]).status == SIGKILL)
        let bare = scene.sandbox.root + "/bare.git"
        _ = try scene.sandbox.run("/bin/cp", ["-a", scene.repo + "/.git", bare], in: scene.sandbox.root)
        _ = try scene.sandbox.run(Sandbox.gitExecutable, ["--git-dir", bare, "config", "core.bare", "true"], in: scene.sandbox.root)
        let pending = try scene.state()
        let refused = try scene.sandbox.run(Sandbox.changelogBinary, ["release", "--abort", "--repo", bare], in: scene.sandbox.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("changelog: error: the release of 2.0.0 is pending in a copy of "), "\(refused.stderr)")
        #expect(
            refused.stderr.hasSuffix(
                "without a working tree; settle it where the working tree is, or if that does not matter here, remove \(bare)/changelog-release\n"
            ), "\(refused.stderr)")
        #expect(try scene.state() == pending)
        for file in ["CHANGELOG.md", "VERSION", "package.json"] {
            #expect(!FileManager.default.fileExists(atPath: scene.sandbox.root + "/" + file), "\(file)")
        }
    }
}
