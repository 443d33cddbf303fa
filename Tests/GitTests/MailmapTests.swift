import FixtureSupport
import Foundation
import Git
import Testing

/// libgit2's mailmap against `git check-mailmap`, the oracle, on the same `.mailmap`.
@Suite struct MailmapTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    /// Every form git documents: a name for an address, a new address for an old one, both for
    /// an old address, both for an old name and address; an address spelled in another case than
    /// the entry (libgit2 compares them as written, git does not: `.mailmap` entries in lower case
    /// match any spelling).
    static let mailmap = """
        # comment
        Ada Lovelace <ada@example.com>
        <grace@example.com> <hopper@navy.example>
        Grace Hopper <grace@example.com> <gh@old.example>
        Alan Turing <alan@example.com> Turing <at@bletchley.example>

        """

    static let identities = [
        ("ada", "ada@example.com"), ("Someone", "ADA@EXAMPLE.COM"), ("G", "hopper@navy.example"),
        ("whoever", "GH@Old.Example"), ("Turing", "at@bletchley.example"), ("A. Turing", "at@bletchley.example"),
        ("Nobody", "nobody@example.com"),
    ]

    private func oracle(_ name: String, _ email: String) throws -> String {
        try sandbox.git("check-mailmap", "\(name) <\(email)>").trimmingCharacters(in: .newlines)
    }

    @Test func resolvesAsGitCheckMailmapDoes() throws {
        try sandbox.write("repo/.mailmap", Self.mailmap)
        let mailmap = try Repository(discoveringFrom: repo).mailmap()
        for (name, email) in Self.identities {
            let resolved = mailmap.resolve(name: name, email: email)
            #expect("\(resolved.name) <\(resolved.email)>" == (try oracle(name, email)), "\(name) <\(email)>")
        }
    }

    @Test func theConfiguredFileToo() throws {
        try sandbox.write("elsewhere.mailmap", Self.mailmap)
        _ = try sandbox.git("config", "mailmap.file", sandbox.root + "/elsewhere.mailmap")
        let mailmap = try Repository(discoveringFrom: repo).mailmap()
        let resolved = mailmap.resolve(name: "G", email: "hopper@navy.example")
        #expect("\(resolved.name) <\(resolved.email)>" == (try oracle("G", "hopper@navy.example")))
        #expect(resolved.email == "grace@example.com")
    }

    @Test func withoutAMailmapEveryoneIsThemselves() throws {
        let mailmap = try Repository(discoveringFrom: repo).mailmap()
        #expect(mailmap.resolve(name: "G", email: "hopper@navy.example") == ("G", "hopper@navy.example"))
    }

    @Test func ancestorsAreVisitedNewestFirstUntilTheVisitorStops() throws {
        let repository = try Repository(discoveringFrom: repo)
        let all = try sandbox.git("rev-list", "v0.2.0").split(separator: "\n").map(String.init)
        var visited: [String] = []
        try repository.visitAncestors(of: [repository.resolveCommit("v0.2.0")]) { commit in
            visited.append(commit.id.hex)
            return true
        }
        #expect(visited == all)
        var firstTwo: [String] = []
        try repository.visitAncestors(of: [repository.resolveCommit("v0.2.0")]) { commit in
            firstTwo.append(commit.id.hex)
            return firstTwo.count < 2
        }
        #expect(firstTwo == Array(all.prefix(2)))
    }
}
