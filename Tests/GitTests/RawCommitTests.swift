import Foundation
import FixtureSupport
@testable import Git
import Testing

/// The commit reader parses raw objects itself; libgit2's parser is the oracle it must agree with.
@Suite struct RawCommitTests {
    private func expectSameAsLibgit2(_ repository: Repository, _ ids: [ObjectID], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for id in ids {
            let raw = try repository.commit(id), reference = try repository.lookUpCommit(id)
            #expect(raw.message == reference.message, sourceLocation: sourceLocation)
            #expect(raw.author == reference.author, sourceLocation: sourceLocation)
            #expect(raw.committerTime == reference.committerTime && raw.committerOffsetMinutes == reference.committerOffsetMinutes, sourceLocation: sourceLocation)
            #expect(raw.parentIDs == reference.parentIDs, sourceLocation: sourceLocation)
        }
    }

    @Test func everyFixtureCommitReadsAsLibgit2ReadsIt() throws {
        let sandbox = try Sandbox()
        for name in ["widget", "stable"] {
            let fixture = try sandbox.build(history: name, into: name)
            try expectSameAsLibgit2(try Repository(discoveringFrom: fixture.path), fixture.commits)
        }
    }

    /// Headers and identities that git writes or accepts: an encoding, a signature block, a merge
    /// tag, odd spacing in identities, negative offsets, messages with leading blank lines and NULs.
    @Test func unusualObjectsReadAsLibgit2ReadsThem() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.git("init", "-q", "-b", "main", sandbox.root + "/odd", in: sandbox.root)
        let odd = sandbox.root + "/odd"
        let tree = try sandbox.git("mktree", in: odd).trimmingCharacters(in: .newlines)
        let parent = try sandbox.git("commit-tree", tree, "-m", "feat: root", in: odd).trimmingCharacters(in: .newlines)
        let bodies = [
            "tree \(tree)\nparent \(parent)\nauthor  Spaced  Name   <  spaced@example.com > 1795219200 -0330\ncommitter C <c@example.com> 1795219201 +1400\nencoding ISO-8859-1\n\nfix: caf\u{E9}\n",
            "tree \(tree)\nauthor A <a@example.com> 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n AAAA\n -----END SSH SIGNATURE-----\n\n\n\nfeat: after blank lines\n\nbody\n",
            "tree \(tree)\nparent \(parent)\nparent \(parent)\nauthor A <a@example.com> 0 +0000\ncommitter C <c@example.com> 5 -0000\nmergetag object \(parent)\n type commit\n\nMerge\u{0}hidden\n",
            "tree \(tree)\nauthor No Email 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\n\nodd identity\n",
            "tree \(tree)\nauthor A <a@example.com> 1795219200 +0000\ncommitter C <c@example.com> 1795219200 +0000\n",
            // What libgit2 tidies: trailing dots and quotes, tabs, out-of-range offsets, a glued time.
            "tree \(tree)\nauthor Doe Jr. <d@example.com> 1700000000 +0100\ncommitter C <c@example.com> 1700000000 +1500\n\nfix: one\n",
            "tree \(tree)\nauthor \"D\"\t<'d@example.com.> 1700000000 +0099\ncommitter C <c@example.com>1700000000 +0000\n\nfix: two\n",
            "tree \(tree)\nauthor D <b> <d@example.com> 1700000000 -0000\ncommitter C <c@example.com> 1700000000 +0000\nencoding latin1\n\nfix: three\n",
            "tree \(tree)\nauthor Ren\u{E9} <r@example.com> 1700000000 +0000\ncommitter C <c@example.com> 1700000000 +0000\nencoding ISO-8859-1\n\nfix: four\n",
        ]
        var ids: [ObjectID] = []
        for body in bodies {
            var data = Data(body.utf8)
            if body.contains("ISO-8859-1") || body.contains("latin1") { data = body.data(using: .isoLatin1)! }
            let file = sandbox.root + "/object"
            try data.write(to: URL(fileURLWithPath: file))
            let hashed = try sandbox.run("/usr/bin/env", ["git", "hash-object", "-t", "commit", "-w", "--literally", file], in: odd)
            try #require(hashed.status == 0, "\(hashed.stderr)")
            ids.append(try #require(ObjectID(hex: hashed.stdout.trimmingCharacters(in: .newlines))))
        }
        let repository = try Repository(discoveringFrom: odd)
        // An identity without an email is refused by both readers, with libgit2's own message.
        let malformed = ids.remove(at: 3)
        #expect { _ = try repository.commit(malformed) } throws: { "\($0)".contains("malformed e-mail") }
        try expectSameAsLibgit2(repository, ids)
        #expect(try repository.commit(ids[0]).message == "fix: caf\u{E9}\n")
        #expect(try repository.commit(ids[0]).author.offsetMinutes == -210)
        #expect(try repository.commit(ids[1]).message == "feat: after blank lines\n\nbody\n")
        #expect(try repository.commit(ids[2]).message == "Merge")
        #expect(try repository.commit(ids[3]).message == "")
        #expect(try repository.commit(ids[4]).author.name == "Doe Jr")
        #expect(try repository.commit(ids[7]).author.name == "Ren\u{E9}")
    }
}
