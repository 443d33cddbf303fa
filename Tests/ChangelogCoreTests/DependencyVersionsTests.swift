import Foundation
import Testing

@testable import ChangelogCore

/// A dependent's manifest follows its dependency's release: the requirement's version moves, its
/// operator stays, every other byte is kept.
@Suite struct DependencyVersionsTests {
    private let version = SemanticVersion(major: 1, minor: 4, patch: 0)

    private func update(_ text: String, _ format: VersionFile.Format, names: Set<String>) throws -> (String, [String]) {
        let result = try DependencyVersions.updating(Array(text.utf8), format: format, path: "file", names: names, to: version)
        return (String(decoding: result.bytes, as: UTF8.self), result.changes.map { "\($0.name) \($0.old) -> \($0.new)" })
    }

    @Test func packageJSONRequirementsKeepTheirOperator() throws {
        let text = """
            {
              "name": "@acme/web",
              "version": "2.0.0",
              "description": "needs \\"@acme/api\\": \\"1.0.0\\"",
              "files": ["@acme/api", "1.0.0"],
              "dependencies": { "@acme/api": "^1.3.0", "left-pad": "^1.3.0" },
              "devDependencies": {
                "@acme/api": "workspace:~1.3.0"
              },
              "peerDependencies": { "@acme/api": "*" },
              "optionalDependencies": { "@acme/api": ">=1.0.0 <2" },
              "overrides": { "@acme/api": "1.3.0" },
              "config": { "dependencies": { "@acme/api": "1.3.0" } }
            }

            """
        let (updated, changes) = try update(text, .packageJSON, names: ["@acme/api", "api"])
        #expect(
            updated
                == text.replacingOccurrences(of: "\"@acme/api\": \"^1.3.0\"", with: "\"@acme/api\": \"^1.4.0\"")
                .replacingOccurrences(of: "workspace:~1.3.0", with: "workspace:~1.4.0"))
        #expect(changes == ["@acme/api ^1.3.0 -> ^1.4.0", "@acme/api workspace:~1.3.0 -> workspace:~1.4.0"])
        #expect(DependencyVersions.packageName(in: Array(text.utf8), format: .packageJSON, path: "file") == "@acme/web")
    }

    @Test func cargoRequirementsInEveryDependencyTable() throws {
        let text = """
            [package]
            name = "acme-cli"
            version = "1.3.0"

            [dependencies]
            acme-core = { path = "../core", version = "=1.3.0" }
            serde = "1.0"

            [dev-dependencies]
            acme-core = "1.3"

            [build-dependencies.acme-core]
            version = "~1.3.0" # the build script's
            path = "../core"

            [target.'cfg(unix)'.dependencies]
            acme-core = { version = "^1.3.0", features = ["unix"] }

            [workspace.dependencies]
            acme-core = { git = "https://example.com/core", branch = "main" }

            [features]
            acme-core = ["1.3.0"]

            """
        let (updated, changes) = try update(text, .cargoToml, names: ["acme-core"])
        #expect(
            updated
                == text.replacingOccurrences(of: "version = \"=1.3.0\"", with: "version = \"=1.4.0\"")
                .replacingOccurrences(of: "acme-core = \"1.3\"", with: "acme-core = \"1.4.0\"")
                .replacingOccurrences(of: "\"~1.3.0\"", with: "\"~1.4.0\"")
                .replacingOccurrences(of: "\"^1.3.0\"", with: "\"^1.4.0\""))
        #expect(changes.count == 4, "\(changes)")
        #expect(DependencyVersions.packageName(in: Array(text.utf8), format: .cargoToml, path: "file") == "acme-cli")
    }

    /// A workspace member's requirements on another member give its path; one without names the
    /// registry's crate of that name, which the release does not publish. A renamed dependency
    /// requires the package it names, not its key.
    @Test func pathOnlyMovesTheRequirementsOnTheWorkspacesOwnCrates() throws {
        let text = """
            [dependencies]
            acme-core = { path = "../core", version = "0.2.0" }
            old-core = { package = "acme-core", version = "0.1", registry = "internal" }
            core2 = { package = "acme-core", path = "../core", version = "=0.2.0" }

            [dev-dependencies]
            acme-core = "0.2.0"

            [workspace.dependencies.acme-core]
            path = "crates/core"
            version = "^0.2.0"

            """
        let result = try DependencyVersions.updating(
            Array(text.utf8), format: .cargoToml, path: "file", names: ["acme-core"], to: version, pathOnly: true)
        #expect(
            String(decoding: result.bytes, as: UTF8.self)
                == text.replacingOccurrences(of: "path = \"../core\", version = \"0.2.0\"", with: "path = \"../core\", version = \"1.4.0\"")
                .replacingOccurrences(of: "\"=0.2.0\"", with: "\"=1.4.0\"")
                .replacingOccurrences(of: "\"^0.2.0\"", with: "\"^1.4.0\""))
        #expect(result.changes.map(\.new) == ["1.4.0", "=1.4.0", "^1.4.0"])
        // Without pathOnly, the registry requirements move too, and the alias is not taken for the package.
        let all = try update(text, .cargoToml, names: ["acme-core"])
        #expect(all.1.count == 5, "\(all.1)")
        #expect(try update(text, .cargoToml, names: ["old-core", "core2"]).1.isEmpty)
    }

    @Test func aFileWithoutTheDependencyIsUnchanged() throws {
        let text = "{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": { \"other\": \"^1.0.0\" }\n}\n"
        let (updated, changes) = try update(text, .packageJSON, names: ["@acme/api"])
        #expect(updated == text && changes.isEmpty)
        let plain = try update("1.0.0\n", .plain, names: ["@acme/api"])
        #expect(plain.0 == "1.0.0\n" && plain.1.isEmpty)
    }

    @Test(arguments: [
        ("^1.3.0", "^1.4.0"), ("~1.3", "~1.4.0"), ("=1.3.0", "=1.4.0"), (">=1.0.0", ">=1.4.0"), ("1.3.0", "1.4.0"),
        ("workspace:^1.3.0", "workspace:^1.4.0"), ("1.3.0-rc.1", "1.4.0"),
    ])
    func anOperatorAndOneVersionMove(_ requirement: String, _ expected: String) {
        #expect(DependencyVersions.moved(requirement, to: version) == expected)
    }

    @Test(arguments: ["*", "workspace:*", "latest", ">=1.0.0 <2", "1.x || 2.x", "1.x", "file:../api", "git+https://x/y.git", ""])
    func anythingElseIsLeftAsWritten(_ requirement: String) {
        #expect(DependencyVersions.moved(requirement, to: version) == nil)
    }
}

/// The Dependencies entry of a dependent's section, in each style's layout.
@Suite struct DependencyNotesTests {
    private let api = [(name: "api", version: SemanticVersion(major: 1, minor: 4, patch: 0))]

    @Test func defaultStyleAddsASectionBeforeContributors() {
        let section = "<a name=\"2.0.1\"></a>\n## 2.0.1 (2026-11-21)\n\n#### Bug Fixes\n\n* a fix (1234abcd)\n\n"
        #expect(
            DependencyNotes(style: .default).adding(api, to: section)
                == section + "#### Dependencies\n\n* **deps:** api 1.4.0\n\n")
        let withContributors = section + "#### Contributors\n\n* Ada\n\n"
        #expect(
            DependencyNotes(style: .default).adding(api, to: withContributors)
                == section + "#### Dependencies\n\n* **deps:** api 1.4.0\n\n#### Contributors\n\n* Ada\n\n")
        // A release with no entries of its own lists its dependencies alone.
        let empty = "<a name=\"2.0.1\"></a>\n## 2.0.1 (2026-11-21)\n\n"
        #expect(DependencyNotes(style: .default).adding(api, to: empty) == empty + "#### Dependencies\n\n* **deps:** api 1.4.0\n\n")
    }

    @Test func clogAndConventionalSpacing() {
        let clog = "<a name=\"2.0.1\"></a>\n### 2.0.1 (2026-11-21)\n\n\n#### Bug Fixes\n\n*   a fix ([1234abcd](1234abcd))\n"
        #expect(DependencyNotes(style: .clog).adding(api, to: clog) == clog + "\n#### Dependencies\n\n* **deps:**  api 1.4.0\n")
        let conventional = "## 2.0.1 (2026-11-21)\n\n\n### Bug Fixes\n\n* a fix (1234abc)\n\n"
        #expect(
            DependencyNotes(style: .conventional).adding(api, to: conventional)
                == conventional + "\n### Dependencies\n\n* **deps:** api 1.4.0\n\n")
    }

    @Test func keepAChangelogListsThemUnderChanged() {
        let heading = "## [2.0.1] - 2026-11-21\n\n"
        let withChanged =
            heading + "### Added\n\n- a feature (1234abcd)\n\n### Changed\n\n- faster (5678abcd)\n\n### Fixed\n\n- a fix (9abcdef0)\n\n"
        #expect(
            DependencyNotes(style: .keepAChangelog).adding(api, to: withChanged)
                == withChanged.replacingOccurrences(of: "- faster (5678abcd)\n", with: "- faster (5678abcd)\n- **deps:** api 1.4.0\n"))
        let withoutChanged = heading + "### Added\n\n- a feature (1234abcd)\n\n### Fixed\n\n- a fix (9abcdef0)\n\n"
        #expect(
            DependencyNotes(style: .keepAChangelog).adding(api, to: withoutChanged)
                == heading
                + "### Added\n\n- a feature (1234abcd)\n\n### Changed\n\n- **deps:** api 1.4.0\n\n### Fixed\n\n- a fix (9abcdef0)\n\n")
        #expect(DependencyNotes(style: .keepAChangelog).adding(api, to: heading) == heading + "### Changed\n\n- **deps:** api 1.4.0\n\n")
    }
}
