import FixtureSupport
import Foundation
import Testing

/// The built `changelog` binary on the `widget` history, compared byte for byte with Fixtures/widget/.
@Suite struct GenerateGoldenTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test func allReleasesAsMarkdown() throws {
        let result = try sandbox.changelog("--all")
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.golden("widget/all.md", actual: result.stdout)))
    }

    @Test func allReleasesAsJSON() throws {
        let result = try sandbox.changelog("--all", "-T", "json")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.golden("widget/all.json", actual: result.stdout)))
        let document = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
        #expect((document?["releases"] as? [Any])?.count == 4)
    }

    @Test func newVersionSinceTheLatestTag() throws {
        let result = try sandbox.changelog("--setversion", "1.1.0")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.golden("widget/setversion-1.1.0.md", actual: result.stdout)))
    }

    @Test func unlinkedWithoutARemote() throws {
        _ = try sandbox.git("remote", "remove", "origin")
        let result = try sandbox.changelog("--from", "v0.1.0", "--to", "v0.2.0", "--setversion", "0.2.0")
        #expect(result.status == 0)
        #expect(result.stdout == (try Sandbox.golden("widget/unlinked-0.2.0.md", actual: result.stdout)))
    }
}
