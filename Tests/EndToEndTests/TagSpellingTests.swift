import FixtureSupport
import Foundation
import Testing

/// `Fixtures/spellings.history`: 0.9.2 is tagged `0.9.2` on its release commit and `v0.9.2` on
/// the next one. The project spells its tags without a `v`, so the release is `0.9.2`, once.
@Suite struct TagSpellingTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "spellings")
    }

    private func json(_ arguments: String...) throws -> [String: Any] {
        let result = try sandbox.changelog(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
    }

    @Test func theProjectsSpellingNamesTheRelease() throws {
        let next = try json("next", "--format", "json")
        #expect(next["currentTag"] as? String == "0.9.2")
        #expect(next["nextTag"] as? String == "0.9.3")
        let drivers = (next["commits"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
        #expect(drivers == ["flush on exit"])
    }

    @Test func theReleaseIsOneSectionDatedByItsTag() throws {
        let all = try json("--all", "-T", "json")
        let releases = try #require(all["releases"] as? [[String: Any]])
        #expect(releases.compactMap { $0["tag"] as? String } == ["0.9.2", "0.9.1", "0.9.0"])
        #expect(releases.compactMap { $0["previousTag"] as? String } == ["0.9.2", "0.9.1", "0.9.0"])
        // 0.9.2 was tagged by the fixture's fifth step, 2026-02-02 at 13:00 UTC.
        #expect(releases.dropFirst().first?["date"] as? String == "2026-02-02")
        for revision in ["0.9.2", "v0.9.2"] {
            let section = try sandbox.changelog("--setversion", "0.9.2", "--to", revision)
            #expect(
                section.stdout.hasPrefix(
                    "<a name=\"0.9.2\"></a>\n## [0.9.2](https://github.com/acme/gizmo/compare/0.9.1...0.9.2) (2026-02-02)\n"),
                "\(revision): \(section.stdout)")
        }
    }

    /// The release holds the commits up to both of its tags, whichever spelling a command is given:
    /// its section is `--all`'s, from either tag, and so are its notes.
    @Test func theReleaseEndsAtItsLaterSpelling() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                author Ada Lovelace <ada@example.com>
                start 2026-02-02T09:00:00Z
                step 3600
                commit feat: the gizmo
                tag 0.9.1 Release 0.9.1
                commit feat(io): read from stdin
                tag 0.9.2 Release 0.9.2
                commit fix(io): a crash on empty input
                tag v0.9.2
                commit fix(io): flush on exit

                """)
        let listed = { (arguments: [String]) throws -> [String] in
            let result = try sandbox.changelog(arguments)
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
            let releases = object["releases"] as? [[String: Any]] ?? []
            let release = releases.first { $0["version"] as? String == "0.9.2" } ?? [:]
            return (release["sections"] as? [[String: Any]] ?? []).flatMap { section in
                (section["commits"] as? [[String: Any]] ?? []).map { "\($0["subject"]!)" }
            }
        }
        let expected = try listed(["--all", "-T", "json"])
        #expect(expected == ["read from stdin", "a crash on empty input"])
        for revision in ["0.9.2", "v0.9.2"] {
            #expect(try listed(["--setversion", "0.9.2", "--to", revision, "-T", "json"]) == expected, "\(revision)")
        }
        let notes = try sandbox.changelog("notes", "0.9.2")
        #expect(notes.stdout.contains("a crash on empty input"), "\(notes.stdout)")
    }
}
