import FixtureSupport
import Foundation
import Testing

/// `depends-on`: a release of a dependency releases its dependents, with a Dependencies entry and
/// their manifests' requirements moved; npm and Cargo layouts.
@Suite struct PackageDependencyTests {
    static let history = """
        write packages/api/index.js
        write packages/web/index.js
        write crates/core/src/lib.rs
        write crates/cli/src/main.rs
        commit chore: the workspace
        tag api-v1.0.0
        tag web-v1.0.0
        tag core-v1.0.0
        tag cli-v1.0.0
        write packages/api/index.js
        commit feat(api): add the users endpoint
        write crates/core/src/lib.rs
        commit fix(core): an overflow
        """

    static let config = """
        [packages.web]
        path = "packages/web"
        files = ["packages/web/package.json"]
        depends-on = ["api"]

        [packages.api]
        path = "packages/api"
        files = ["packages/api/package.json"]

        [packages.core]
        path = "crates/core"
        files = ["crates/core/Cargo.toml"]

        [packages.cli]
        path = "crates/cli"
        files = ["crates/cli/Cargo.toml"]
        depends-on = ["core"]

        """

    static let web = """
        {
          "name": "@acme/web",
          "version": "1.0.0",
          "dependencies": {
            "@acme/api": "^1.0.0",
            "left-pad": "^1.3.0"
          },
          "devDependencies": { "@acme/api": "workspace:~1.0.0" },
          "peerDependencies": { "@acme/api": "*" }
        }

        """

    static let cli = """
        [package]
        name = "acme-cli"
        version = "1.0.0"

        [dependencies]
        acme-core = { path = "../core", version = "=1.0.0" }

        [dev-dependencies]
        acme-core = "1.0.0"

        """

    static func scene() throws -> ReleaseScene {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: history)
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/packages/api/package.json", "{\n  \"name\": \"@acme/api\",\n  \"version\": \"1.0.0\"\n}\n")
        try sandbox.write("repo/packages/web/package.json", web)
        try sandbox.write("repo/crates/core/Cargo.toml", "[package]\nname = \"acme-core\"\nversion = \"1.0.0\"\n")
        try sandbox.write("repo/crates/cli/Cargo.toml", cli)
        try sandbox.write("repo/.changelog.toml", config)
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: the manifests")
        return ReleaseScene(existing: sandbox)
    }

    @Test func releasingADependencyReleasesItsDependents() throws {
        let scene = try Self.scene()
        // web has no change of its own: its release is the dependency's.
        #expect(try scene.changelog("next", "-P", "web").status == 3)
        let result = try scene.changelog("release", "-P", "api")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try Sandbox.golden("packages/release-dependents.txt", actual: result.stdout)))
        #expect(try scene.git("log", "-1", "--format=%s") == "chore: tag api-v1.1.0, web-v1.0.1\n")
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\nweb-v1.0.1\n")
        #expect(
            try scene.sandbox.read("repo/packages/web/package.json")
                == Self.web.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"1.0.1\"")
                .replacingOccurrences(of: "\"^1.0.0\"", with: "\"^1.1.0\"").replacingOccurrences(of: "~1.0.0", with: "~1.1.0"))
        #expect(
            try scene.sandbox.read("repo/packages/web/CHANGELOG.md")
                == "# Changelog\n\n<a name=\"1.0.1\"></a>\n## 1.0.1 (2026-11-21)\n\n#### Dependencies\n\n* **deps:** api 1.1.0\n")
        // core was not asked for: it and its dependent wait.
        #expect(try scene.changelog("next", "-P", "core").stdout == "1.0.1\n")
        #expect(!FileManager.default.fileExists(atPath: scene.repo + "/crates/cli/CHANGELOG.md"))
    }

    @Test func allPackagesWithACargoDependent() throws {
        let scene = try Self.scene()
        let result = try scene.changelog("release", "--all-packages")
        #expect(result.status == 0, "\(result.stderr)")
        // Dependencies first, then file order.
        #expect(result.stdout.hasPrefix("released api 1.1.0, web 1.0.1, core 1.0.1, cli 1.0.1\n"), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "  updated crates/cli/Cargo.toml: 1.0.0 -> 1.0.1, acme-core =1.0.0 -> =1.0.1, acme-core 1.0.0 -> 1.0.1\n"),
            "\(result.stdout)")
        #expect(
            try scene.sandbox.read("repo/crates/cli/Cargo.toml")
                == Self.cli.replacingOccurrences(of: "version = \"1.0.0\"", with: "version = \"1.0.1\"")
                .replacingOccurrences(of: "\"=1.0.0\"", with: "\"=1.0.1\"")
                .replacingOccurrences(of: "acme-core = \"1.0.0\"", with: "acme-core = \"1.0.1\""))
        let cliChangelog = try scene.sandbox.read("repo/crates/cli/CHANGELOG.md")
        #expect(cliChangelog.hasSuffix("#### Dependencies\n\n* **deps:** core 1.0.1\n"), "\(cliChangelog)")
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD").split(separator: "\n").count == 8)
        #expect(try scene.git("tag", "--points-at", "HEAD") == "api-v1.1.0\ncli-v1.0.1\ncore-v1.0.1\nweb-v1.0.1\n")
    }

    /// A Cargo.lock with cli and core at 1.0.0, cli depending on core (and `cliDependencies`), then `more`.
    static func cargoLock(cliDependencies: String = "", more: String = "") -> String {
        "version = 3\n\n[[package]]\nname = \"acme-cli\"\nversion = \"1.0.0\"\ndependencies = [\n \"acme-core\",\n\(cliDependencies)]\n\n"
            + "[[package]]\nname = \"acme-core\"\nversion = \"1.0.0\"\n\(more)"
    }

    /// A Cargo workspace's one Cargo.lock: the dependency's entry and the dependent's both move,
    /// each to its own version, in the one release commit, so `cargo build --locked` still works.
    @Test func aWorkspaceLockFileFollowsTheDependencyAndItsDependent() throws {
        let scene = try Self.scene()
        let lock = Self.cargoLock()
        try scene.sandbox.write("repo/Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        try scene.sandbox.write("repo/Cargo.lock", lock)
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "build: the workspace")
        let result = try scene.changelog("release", "-P", "core")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  updated Cargo.lock: 1.0.0 -> 1.0.1 (acme-core)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("  updated Cargo.lock: 1.0.0 -> 1.0.1 (acme-cli)\n"), "\(result.stdout)")
        #expect(
            try scene.sandbox.read("repo/Cargo.lock") == lock.replacingOccurrences(of: "version = \"1.0.0\"", with: "version = \"1.0.1\""))
        #expect(try scene.git("show", "--format=", "--name-only", "HEAD").contains("Cargo.lock\n"))
        #expect(try scene.git("status", "--porcelain") == "")
    }

    /// A dependent crate with a Cargo.lock of its own, outside any workspace: the lock's entry for
    /// the path dependency moves with the dependency, or `cargo build --locked` would refuse it.
    @Test func aDependentsOwnLockFileFollowsTheDependency() throws {
        let scene = try Self.scene()
        let lock = Self.cargoLock(
            cliDependencies: " \"serde\",\n",
            more:
                "\n[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        )
        try scene.sandbox.write("repo/crates/cli/Cargo.lock", lock)
        _ = try scene.git("add", "-A")
        _ = try scene.git("commit", "-q", "-m", "build: the lock file")
        let result = try scene.changelog("release", "-P", "core")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("  updated crates/cli/Cargo.lock: 1.0.0 -> 1.0.1 (acme-cli), acme-core 1.0.0 -> 1.0.1\n"),
            "\(result.stdout)")
        // The registry's serde keeps its 1.0.0.
        let expected = lock.replacingOccurrences(of: "\"acme-cli\"\nversion = \"1.0.0\"", with: "\"acme-cli\"\nversion = \"1.0.1\"")
            .replacingOccurrences(of: "\"acme-core\"\nversion = \"1.0.0\"", with: "\"acme-core\"\nversion = \"1.0.1\"")
        #expect(try scene.sandbox.read("repo/crates/cli/Cargo.lock") == expected)
        #expect(try scene.git("status", "--porcelain") == "")
    }

    @Test func aBadDependsOnIsAConfigurationError() throws {
        let scene = try Self.scene()
        try scene.sandbox.write(
            "repo/.changelog.toml",
            Self.config.replacingOccurrences(of: "depends-on = [\"core\"]", with: "depends-on = [\"web\"]")
                .replacingOccurrences(of: "depends-on = [\"api\"]", with: "depends-on = [\"cli\"]"))
        let cycle = try scene.changelog("release", "--all-packages")
        #expect(cycle.status == 2)
        #expect(
            cycle.stderr
                == "changelog: error: .changelog.toml: line 4: key 'packages.web.depends-on' makes a cycle (web -> cli -> web); packages cannot depend on each other in a circle, remove one of these depends-on entries\n"
        )
        try scene.sandbox.write("repo/.changelog.toml", Self.config.replacingOccurrences(of: "[\"core\"]", with: "[\"kernel\"]"))
        let unknown = try scene.changelog("status")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("key 'packages.cli.depends-on' names \"kernel\": no package \"kernel\" is configured"))
    }
}
