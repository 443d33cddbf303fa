import FixtureSupport
import Foundation
import Testing

/// The `clog` style against output clog itself wrote (Fixtures/clog/), byte for byte once the ids
/// and dates of the histories built here are put in.
@Suite struct ClogCompatibilityTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                author Kevin K. <kbknapp@gmail.com>
                start 2016-04-04T10:00:00+00:00
                remote origin https://github.com/clog-tool/clog-cli.git
                commit chore: start
                tag 0.9.1
                commit fix: Support --to option

                """)
        // A clog user's configuration: no style, so clog's.
        try sandbox.write("repo/.clog.toml", "[clog]\nrepository = \"https://github.com/clog-tool/clog-cli\"\n")
    }

    private func documented(_ fixture: String, id: String, date: String) throws -> String {
        try Sandbox.fixture(fixture)
            .replacingOccurrences(of: "1e28a6705883fe4a74ba825c00e4722ebec22bec", with: id)
            .replacingOccurrences(of: "1e28a670", with: String(id.prefix(8)))
            .replacingOccurrences(of: date, with: "2026-11-21")
    }

    @Test func aPatchReleaseIsClogsOwnSection() throws {
        let result = try sandbox.changelog("-p")
        #expect(result.status == 0, "\(result.stderr)")
        let head = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        #expect(result.stdout == (try documented("clog/documented-0.9.2.md", id: head, date: "2016-04-04")))
    }

    /// clog writes a file as the release, `\n\n\n`, then what the file held (clog-lib's
    /// `write_changelog_to`): three blank lines after the release's last line.
    @Test func mergedOnTopOfAFileClogWroteTheRestStaysByteForByte() throws {
        let old = try Sandbox.fixture("clog/changelog-0.9.1.md")
        try sandbox.write("repo/changelog.md", old)
        let result = try sandbox.changelog("-p", "-C", "changelog.md")
        #expect(result.status == 0, "\(result.stderr)")
        let head = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        let written = try sandbox.read("repo/changelog.md")
        #expect(written == (try documented("clog/documented-0.9.2.md", id: head, date: "2016-04-04")) + "\n\n\n" + old)
        let again = try sandbox.changelog("--setversion", "0.9.2", "-C", "changelog.md")
        #expect(again.stderr == "changelog: changelog.md already holds what would be written; nothing changed\n")
        #expect(try sandbox.read("repo/changelog.md") == written)
        // -i reads the file and prints the result, spaced the same.
        let printed = try sandbox.changelog("-p", "-i", "changelog.md")
        #expect(printed.stdout == written)
    }

    /// A file that does not exist yet is clog's release and its `\n\n\n`: no title, whether
    /// written with -o or -C.
    @Test func aNewFileIsTheReleaseAndClogsSeparator() throws {
        let head = try sandbox.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        let expected = (try documented("clog/documented-0.9.2.md", id: head, date: "2016-04-04")) + "\n\n\n"
        #expect(try sandbox.changelog("-p", "-o", "out.md").status == 0)
        #expect(try sandbox.read("repo/out.md") == expected)
        #expect(try sandbox.changelog("-p", "-C", "new.md").status == 0)
        #expect(try sandbox.read("repo/new.md") == expected)
        // Every release, oldest written first, is what one clog run a release leaves.
        #expect(try sandbox.changelog("--all", "-o", "all.md").status == 0)
        #expect(try sandbox.changelog("--all", "-C", "all-in-place.md").status == 0)
        let all = try sandbox.changelog("--all")
        #expect(try sandbox.read("repo/all.md") == all.stdout + "\n\n\n")
        #expect(try sandbox.read("repo/all-in-place.md") == all.stdout + "\n\n\n")
    }

    /// A release with nothing to list ends with its heading's blank line, and then clog's three:
    /// four blank lines before the file's first release.
    @Test func anEmptyReleaseOnTopOfAFile() throws {
        let old = try Sandbox.fixture("clog/changelog-0.9.1.md")
        try sandbox.write("repo/changelog.md", old)
        let result = try sandbox.changelog("--from", "HEAD", "--setversion", "1.0.0", "-s", "Crazy Dog", "-C", "changelog.md")
        #expect(result.status == 0, "\(result.stderr)")
        let release = try documented("clog/readme-example.md", id: "", date: "2022-08-10").replacingOccurrences(of: "0.1.0", with: "1.0.0")
        #expect(release.hasSuffix("## 1.0.0 Crazy Dog (2026-11-21)\n\n"))
        #expect(try sandbox.read("repo/changelog.md") == release + "\n\n\n" + old)
    }

    /// clog-lib's README example: a subtitle, a version, and a range with nothing clog lists.
    @Test func theReadmeExample() throws {
        let result = try sandbox.changelog(
            "--from", "HEAD", "--setversion", "0.1.0", "-s", "Crazy Dog", "-r", "https://github.com/thoughtram/clog")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try documented("clog/readme-example.md", id: "", date: "2022-08-10")))
    }
}
