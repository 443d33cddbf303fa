import Foundation
import FixtureSupport
import Testing

/// A widget repository ready to release: checked out, with version files committed.
struct ReleaseScene {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    static let packageJSON = """
        {
          "name": "widget",
          "version": "1.0.0",
          "dependencies": {
            "left-pad": { "version": "1.3.0" }
          }
        }

        """

    init(config: String = "[release]\nfiles = [\"VERSION\", \"package.json\"]\n") throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        // The fixture builder leaves the working tree empty; a release needs it checked out.
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/VERSION", "1.0.0\n")
        try sandbox.write("repo/package.json", Self.packageJSON)
        try sandbox.write("repo/.changelog.toml", config)
        try sandbox.write("repo/CHANGELOG.md", "# Changelog\n\nHand-written intro.\n\n")
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: version files")
    }

    func changelog(_ arguments: String..., environment: [String: String] = [:]) throws -> Sandbox.Result {
        try sandbox.run(Sandbox.changelogBinary, arguments, in: repo, environment: environment)
    }

    /// `git` with extra environment (a GNUPGHOME, say), failing the test on a non-zero exit.
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try sandbox.run("/usr/bin/env", ["git"] + arguments, in: repo, environment: environment)
        guard result.status == 0 else {
            throw ReleaseSceneError(description: "git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Everything a failed release must leave exactly as it found: refs, log, status, tags, staged
    /// entries, files. (Not the index's bytes: `git status` itself rewrites them when a file's stat
    /// data changed, as a restored file's has.)
    func state() throws -> [String] {
        [try git("for-each-ref", "--format=%(refname) %(objectname)"),
         try git("log", "--oneline", "--all"),
         try git("status", "--porcelain"),
         try git("tag", "--list"),
         try git("rev-parse", "HEAD"),
         try git("ls-files", "--stage"),
         try sandbox.read("repo/CHANGELOG.md"),
         try sandbox.read("repo/VERSION"),
         try sandbox.read("repo/package.json")]
    }
}

struct ReleaseSceneError: Error, CustomStringConvertible {
    var description: String
}
