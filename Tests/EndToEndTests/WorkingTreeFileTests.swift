import FixtureSupport
import Foundation
import Testing

/// The files the tool finds in the working tree by itself (the changelog, the configuration, a
/// configured template, version files) are regular files: a FIFO or a directory there is refused
/// with exit 2 before it is opened, by every command, as `release` refuses it. Each run is killed
/// after 30 s, so a read that waits for a writer fails the test instead of hanging it.
@Suite struct WorkingTreeFileTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    private func refusal(_ name: String, directory: Bool = false) -> String {
        let kind = directory ? "a directory" : "not a regular file (a FIFO, socket or device)"
        return "changelog: error: \(name) is \(kind); the tool reads it as a file of the working tree, "
            + "so put the file back (git checkout -- \(name)) or configure another path\n"
    }

    private func expectRefused(_ arguments: [String], naming name: String, directory: Bool = false) throws {
        let result = try sandbox.changelogLimited(arguments, limit: 30)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr == refusal(name, directory: directory), "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments)")
    }

    private func makeFIFO(_ name: String) {
        unlink(repo + "/" + name)
        #expect(mkfifo(repo + "/" + name, 0o644) == 0)
    }

    private func makeDirectory(_ name: String) throws {
        unlink(repo + "/" + name)
        try FileManager.default.createDirectory(atPath: repo + "/" + name, withIntermediateDirectories: true)
    }

    @Test(arguments: [false, true])
    func theChangelogIsRefusedByInitAndNotes(directory: Bool) throws {
        if directory { try makeDirectory("CHANGELOG.md") } else { makeFIFO("CHANGELOG.md") }
        for arguments in [["init", "--dry-run"], ["notes"], ["notes", "1.0.0"]] {
            try expectRefused(arguments, naming: "CHANGELOG.md", directory: directory)
        }
    }

    @Test func aConfiguredChangelogIsRefusedByGenerateAndNotes() throws {
        try sandbox.write("repo/.changelog.toml", "[changelog]\nchangelog = \"docs/CHANGES.md\"\n")
        try makeDirectory("docs")
        makeFIFO("docs/CHANGES.md")
        for arguments in [[], ["--setversion", "1.1.0"], ["--all"], ["--dry-run"], ["notes"]] {
            try expectRefused(arguments, naming: "docs/CHANGES.md")
        }
    }

    @Test func configuredInfileAndOutfileAreRefused() throws {
        makeFIFO("in.md")
        try sandbox.write("repo/.changelog.toml", "[changelog]\ninfile = \"in.md\"\noutfile = \"out.md\"\n")
        try expectRefused(["--setversion", "1.1.0"], naming: "in.md")
        #expect(!FileManager.default.fileExists(atPath: repo + "/out.md"))
    }

    @Test(arguments: [false, true])
    func theConfigurationIsRefusedByEveryCommand(directory: Bool) throws {
        if directory { try makeDirectory(".changelog.toml") } else { makeFIFO(".changelog.toml") }
        for arguments in [[], ["next"], ["status"], ["check"], ["notes"], ["release", "--dry-run"]] {
            try expectRefused(arguments, naming: ".changelog.toml", directory: directory)
        }
    }

    @Test func aClogConfigurationIsRefusedByInit() throws {
        makeFIFO(".clog.toml")
        try expectRefused(["init", "--dry-run"], naming: ".clog.toml")
    }

    @Test func aConfiguredTemplateIsRefused() throws {
        try sandbox.write("repo/.changelog.toml", "[changelog]\ntemplate = \"t.mustache\"\n")
        makeFIFO("t.mustache")
        try expectRefused(["--setversion", "1.1.0"], naming: "t.mustache")
        try expectRefused(["notes"], naming: "t.mustache")
    }

    @Test func aVersionFileIsRefusedByInit() throws {
        makeFIFO("VERSION")
        try expectRefused(["init", "--dry-run"], naming: "VERSION")
    }

    /// Paths on the command line stay the user's own: `-c <(…)` is a pipe and is read to its end.
    @Test func aConfigurationGivenWithMinusCIsStillReadFromAPipe() throws {
        makeFIFO("given.toml")
        let path = repo + "/given.toml"
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = "[changelog]\nsubtitle = \"Piped\"\n".withCString { write(descriptor, $0, strlen($0)) }
            close(descriptor)
        }
        writer.start()
        let result = try sandbox.changelogLimited(["-c", "given.toml", "--setversion", "1.1.0"], limit: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(") Piped (2026-11-21)\n"))
    }
}
