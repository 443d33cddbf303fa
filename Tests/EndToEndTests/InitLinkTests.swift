import FixtureSupport
import Foundation
import Testing

/// `changelog init` writes `.changelog.toml` through a symbolic link only to a file inside the
/// working tree, by the rule release follows: a link committed in a cloned repository must not make
/// `init --force` replace a file elsewhere.
@Suite struct InitLinkTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: first\ncommit fix: second\n")
    }

    private var repo: String { sandbox.root + "/repo" }

    @Test(arguments: [["init"], ["init", "--force"]])
    func aLinkOutsideTheWorkingTreeIsRefused(_ arguments: [String]) throws {
        try sandbox.write("outside.toml", "precious\n")
        try FileManager.default.createSymbolicLink(atPath: repo + "/.changelog.toml", withDestinationPath: sandbox.root + "/outside.toml")
        let result = try sandbox.changelog(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        let real = URL(fileURLWithPath: sandbox.root + "/outside.toml").resolvingSymlinksInPath().path
        #expect(
            result.stderr
                == "changelog: error: .changelog.toml is outside the repository (it leads to \(real)); init writes only inside the working tree: remove the link, or point it at a file there\n"
        )
        #expect(try sandbox.read("outside.toml") == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo + "/.changelog.toml") == sandbox.root + "/outside.toml")
    }

    /// A link to a file inside is followed, stays a link, and the messages name the file behind it.
    @Test func aLinkInsideIsWrittenThroughAndNamed() throws {
        try sandbox.write("repo/config/changelog.toml", "# mine\n")
        try FileManager.default.createSymbolicLink(atPath: repo + "/.changelog.toml", withDestinationPath: "config/changelog.toml")
        let refused = try sandbox.changelog("init")
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "changelog: error: .changelog.toml (a link to config/changelog.toml) already exists; pass --force to overwrite it, or --dry-run to see what init would write\n"
        )
        let forced = try sandbox.changelog("init", "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.hasPrefix("changelog: replaced ") && forced.stderr.hasSuffix("/config/changelog.toml\n"), "\(forced.stderr)")
        #expect(try sandbox.read("repo/config/changelog.toml") != "# mine\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo + "/.changelog.toml") == "config/changelog.toml")
    }
}
