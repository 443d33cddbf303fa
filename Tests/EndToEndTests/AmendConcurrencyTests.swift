import FixtureSupport
import Foundation
import Testing

/// `changelog amend` moves `refs/notes/changelog` only from the notes commit it read (compare and
/// swap, read again and retried when someone moved it first): amends run at once, from several
/// processes or beside `git notes`, never lose a correction.
@Suite struct AmendConcurrencyTests {
    /// A shell loop that runs `command` (with `$id` set) over `ids`, printing `ok <id>` for each
    /// success and `failed <id>: <stderr>` otherwise, started without waiting for it.
    private func loop(_ sandbox: Sandbox, over ids: [String], _ command: String, output: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let script = """
            for id in \(ids.joined(separator: " ")); do
                if error=$(\(command) 2>&1 >/dev/null); then echo "ok $id"; else echo "failed $id: $error"; fi
            done
            """
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.root + "/repo")
        process.environment = sandbox.environment.merging(["CHANGELOG": Sandbox.changelogBinary]) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func lines(_ pipe: Pipe) -> [Substring] {
        String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
    }

    /// The commits a history of `count` empty fixes has, oldest first.
    private func history(_ sandbox: Sandbox, count: Int) throws -> [String] {
        _ = try sandbox.build(text: (1...count).map { "commit fix: change \($0)\n" }.joined())
        return try sandbox.git("rev-list", "--reverse", "HEAD").split(separator: "\n").map(String.init)
    }

    private func notes(_ sandbox: Sandbox) throws -> Set<String> {
        // `git notes list` prints "<note blob> <annotated object>".
        Set(
            try sandbox.git("notes", "--ref", "changelog", "list").split(separator: "\n").compactMap {
                $0.split(separator: " ").last.map(String.init)
            })
    }

    @Test func amendsFromSeveralProcessesAtOnceKeepEveryCorrection() throws {
        let sandbox = try Sandbox()
        let ids = try history(sandbox, count: 60)
        let workers = 3
        let pipes = (0..<workers).map { _ in Pipe() }
        let processes = try (0..<workers).map { worker in
            try loop(
                sandbox, over: ids.enumerated().filter { $0.offset % workers == worker }.map(\.element),
                "\"$CHANGELOG\" amend \"$id\" --message \"feat: corrected $id\"", output: pipes[worker])
        }
        let results = pipes.flatMap(lines)
        for process in processes { process.waitUntilExit() }
        #expect(results.filter { !$0.hasPrefix("ok ") }.isEmpty, "\(results.filter { !$0.hasPrefix("ok ") })")
        #expect(results.count == ids.count)
        #expect(try notes(sandbox) == Set(ids))
        for id in ids.prefix(3) + ids.suffix(3) {
            #expect(try sandbox.git("notes", "--ref", "changelog", "show", id) == "feat: corrected \(id)\n")
        }
    }

    /// Beside git's own `git notes add`, which takes the reference's lock but moves it without
    /// checking its old value (git 2.x `commit_notes` passes no old id), amend never loses what git
    /// wrote and always succeeds; git itself may drop a correction amend made meanwhile.
    @Test func amendsBesideGitNotesKeepEveryNoteEitherWrote() throws {
        let sandbox = try Sandbox()
        let ids = try history(sandbox, count: 60)
        let ours = ids.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        let theirs = ids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let pipes = [Pipe(), Pipe(), Pipe()]
        let processes = [
            try loop(
                sandbox, over: ours.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                "\"$CHANGELOG\" amend \"$id\" --hide", output: pipes[0]),
            try loop(
                sandbox, over: ours.enumerated().filter { $0.offset % 2 == 1 }.map(\.element),
                "\"$CHANGELOG\" amend \"$id\" --hide", output: pipes[1]),
            try loop(sandbox, over: theirs, "git notes --ref changelog add -m 'fix: by git' \"$id\"", output: pipes[2]),
        ]
        let amended = lines(pipes[0]) + lines(pipes[1])
        let added = lines(pipes[2])
        for process in processes { process.waitUntilExit() }
        #expect(amended.filter { !$0.hasPrefix("ok ") }.isEmpty, "\(amended.filter { !$0.hasPrefix("ok ") })")
        let addedByGit = added.filter { $0.hasPrefix("ok ") }.map { String($0.dropFirst(3)) }
        let kept = try notes(sandbox)
        #expect(Set(addedByGit).isSubset(of: kept))
        #expect(kept.isSubset(of: Set(ours + addedByGit)))
    }
}
