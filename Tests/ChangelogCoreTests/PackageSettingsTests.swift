import Testing

@testable import ChangelogCore

@Suite struct PackageSettingsTests {
    private func parse(_ text: String) throws -> Configuration {
        try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
    }

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let configuration = try parse(text)
            Issue.record("expected an error, parsed \(configuration.packages)", sourceLocation: sourceLocation)
            return ""
        } catch {
            #expect(!"\(error)".contains("\n"), "one line", sourceLocation: sourceLocation)
            return "\(error)"
        }
    }

    @Test func everyKeyOfAPackage() throws {
        let configuration = try parse(
            """
            [packages.api]
            path = "./packages/api/"
            tag-prefix = "@acme/api@"
            changelog = "packages/api/CHANGELOG.md"
            files = ["packages/api/package.json"]
            scopes = ["api", "server"]
            exclude = ["packages/api/docs/**"]

            [packages."sub/module"]
            paths = ["sub/module", "proto"]
            tag-prefix = "sub/module/v"
            """)
        #expect(configuration.packages.map(\.name) == ["api", "sub/module"])
        let api = configuration.packages[0]
        #expect(api.paths == ["packages/api"])
        #expect(api.tagPrefix == "@acme/api@")
        #expect(api.changelog == "packages/api/CHANGELOG.md" && api.changelogPath == "packages/api/CHANGELOG.md")
        #expect(api.files.map(\.path) == ["packages/api/package.json"])
        #expect(api.scopes == ["api", "server"])
        #expect(api.exclude.map(\.pattern) == ["packages/api/docs/**"])
        let module = configuration.packages[1]
        #expect(module.paths == ["sub/module", "proto"])
        #expect(module.tagPrefix == "sub/module/v")
        #expect(module.changelogPath == "sub/module/CHANGELOG.md")
    }

    @Test func defaults() throws {
        let package = try #require(try parse("[packages.web]\npath = \"apps/web\"\n").packages.first)
        #expect(package.tagPrefix == "web-v")
        #expect(package.changelog == nil && package.changelogPath == "apps/web/CHANGELOG.md")
        #expect(package.files.isEmpty && package.scopes.isEmpty && package.exclude.isEmpty)
        #expect(try parse("[packages.all]\npath = \".\"\n").packages.first?.coversRepository == true)
    }

    @Test func filesOrderIsTheFilesOrder() throws {
        let names = try parse("[packages.zeta]\npath = \"z\"\n[packages.alpha]\npath = \"a\"\n[packages.mid]\npath = \"m\"\n")
            .packages.map(\.name)
        #expect(names == ["zeta", "alpha", "mid"])
    }

    @Test func scopedConfiguration() throws {
        let configuration = try parse(
            """
            [changelog]
            changelog = "CHANGELOG.md"
            tag-prefix = "v"
            [release]
            files = ["package.json"]
            [packages.api]
            path = "packages/api"
            tag-prefix = "api-v"
            files = ["packages/api/package.json"]
            """)
        let scoped = configuration.scoped(to: configuration.packages[0])
        #expect(scoped.tagPrefix == "api-v")
        // The root changelog is not the package's: release and notes default to changelogPath.
        #expect(scoped.changelog == nil)
        #expect(scoped.release.files.map(\.path) == ["packages/api/package.json"])
        #expect(scoped.release.commitMessage == "chore: tag {tag}")
        #expect(scoped.release.tagMessage == "Release {tag}")
        #expect(throws: ConfigurationError.self) { try configuration.package(named: "web") }
    }

    @Test func errorsNameTheKeyAndLine() {
        #expect(failure("[packages.api]\ntag-prefix = \"api-v\"\n").contains("package \"api\" has no path; add path = \"packages/api\""))
        let both = failure("[packages.api]\npath = \"a\"\npaths = [\"b\"]\n")
        #expect(both.contains("line 3: key 'packages.api.paths': write either path or paths, not both"), "\(both)")
        let climbing = failure("[packages.api]\n\npath = \"../other\"\n")
        #expect(climbing.contains("line 3: key 'packages.api.path'") && climbing.contains("without '..'"), "\(climbing)")
        #expect(failure("[packages.api]\npath = \"/abs\"\n").contains("not a path inside the repository"))
        #expect(failure("[packages.api]\npaths = []\n").contains("must list at least one path"))
        let empty = failure("[packages.api]\npath = \"\"\n")
        #expect(
            empty.hasSuffix(
                "line 2: key 'packages.api.path': \"\" names no directory; write the package's directory relative to the repository root, "
                    + "such as \"packages/api\" (\".\" for the whole repository)"), "\(empty)")
        for list in [#"["a", "./"]"#, #"["/"]"#, #"["a", "/b"]"#, #"["a/../../b"]"#] {
            #expect(failure("[packages.api]\npaths = \(list)\n").contains("line 2: key 'packages.api.paths'"), "\(list)")
        }
        #expect(failure("[packages.api]\npath = \"a/../../b\"\n").contains("without '..'"))
        let prefix = failure("[packages.api]\npath = \"a\"\ntag-prefix = \"api v\"\n")
        #expect(prefix.contains("line 3: key 'packages.api.tag-prefix' must not contain spaces"), "\(prefix)")
        #expect(failure("[packages.api]\npath = \"a\"\ntag-prefix = \"a:b\"\n").contains("must not contain ':'"))
        #expect(failure("[packages.api]\npath = \"a\"\ntag-prefix = \"\"\n").contains("must not be empty"))
        let same = failure("[packages.a]\npath = \"a\"\ntag-prefix = \"x-\"\n[packages.b]\npath = \"b\"\ntag-prefix = \"x-\"\n")
        #expect(same.contains("packages \"a\" and \"b\" both tag with \"x-\""), "\(same)")
        let unknown = failure("[packages.api]\npath = \"a\"\ntag_prefix = \"api-v\"\n")
        #expect(unknown.contains("unknown key 'packages.api.tag_prefix' (the key is spelt 'tag-prefix')"), "\(unknown)")
        #expect(failure("[packages.api]\npath = \"a\"\nexclude = [\"a/[b\"]\n").contains("\"a/[b\" has an unclosed '['"))
        // A pattern that is empty without its `./` says so, not that it has a bracket it has not.
        for blank in ["./", "././"] {
            let message = failure("[packages.api]\npath = \"a\"\nexclude = [\"\(blank)\"]\n")
            #expect(
                message.contains("key 'packages.api.exclude': \"\(blank)\" names no path; write a glob such as \"a/docs/**\""), "\(message)"
            )
            #expect(!message.contains("'['"), "\(message)")
        }
        #expect(failure("[packages.api]\npath = 3\n").contains("key 'packages.api.path' must be a string, found an integer (3)"))
        #expect(failure("[packages]\napi = \"a\"\n").contains("key 'packages.api' must be a table"))
        #expect(failure("path = \"a\"\n").contains("'path' belongs in a [packages.NAME] table"))
        #expect(failure("[packages.\"a b\"]\npath = \"a\"\n").contains("without spaces"))
        #expect(failure("[packages.api]\npath = \"a\"\nfiles = [\"a/package.json\", \"a/package.json\"]\n").contains("twice"))
    }

    @Test func clogFilesHaveNoPackages() {
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[packages.api]\npath = \"a\"\n", file: ".clog.toml", flavor: .clog)
        }
    }

    @Test(arguments: [
        ("packages/api/**", "packages/api/src/a.js", true),
        ("packages/api/**", "packages/api-docs/a.md", false),
        ("packages/api/", "packages/api/a.js", true),
        ("./packages/api/*", "packages/api/deep/a.js", true),  // `*` crosses `/`, as git-cliff's glob does
        ("**/*.toml", "crates/a/Cargo.toml", true),
        ("*.md", "docs/guide.md", true),
        ("src/?.rs", "src/a.rs", true),
        ("src/?.rs", "src/ab.rs", false),
        ("src/[ab].rs", "src/b.rs", true),
        ("src/[!ab].rs", "src/b.rs", false),
        ("src/[a-c].rs", "src/c.rs", true),
        ("Cargo.toml", "Cargo.toml", true),
        ("Cargo.toml", "crates/Cargo.toml", false),
    ])
    func globs(_ pattern: String, _ path: String, _ matches: Bool) throws {
        let glob = try #require(PathGlob(pattern))
        #expect(glob.matches(path) == matches)
    }

    @Test func globLiteralPrefix() throws {
        #expect(try #require(PathGlob("packages/api/**")).literalPrefix == "packages/api")
        #expect(try #require(PathGlob("**/*.toml")).literalPrefix == ".")
        #expect(try #require(PathGlob("src/*.rs")).literalPrefix == "src")
        #expect(try #require(PathGlob("Cargo.toml")).literalPrefix == "Cargo.toml")
        #expect(PathGlob("a/[b") == nil && PathGlob("  ") == nil)
    }
}

extension PackageSettingsTests {
    @Test func dependsOnNamesOtherPackages() throws {
        let configuration = try parse(
            """
            [packages.web]
            path = "web"
            depends-on = ["api", "core", "api"]
            [packages.api]
            path = "api"
            depends-on = ["core"]
            [packages.core]
            path = "core"
            [packages.docs]
            path = "docs"
            """)
        #expect(configuration.packages[0].dependsOn == ["api", "core"])
        #expect(PackageSettings.dependents(of: ["core"], in: configuration.packages) == ["web", "api"])
        #expect(PackageSettings.dependents(of: ["api"], in: configuration.packages) == ["web"])
        #expect(PackageSettings.dependents(of: ["docs"], in: configuration.packages).isEmpty)
    }

    @Test func anUnknownDependencyOrACycleIsOneLine() {
        #expect(
            failure("[packages.web]\npath = \"web\"\ndepends-on = [\"api\"]\n")
                == ".changelog.toml: line 3: key 'packages.web.depends-on' names \"api\": no package \"api\" is configured (configured: web); fix the name or remove it"
        )
        #expect(
            failure("[packages.web]\npath = \"web\"\ndepends-on = [\"web\"]\n")
                == ".changelog.toml: line 3: key 'packages.web.depends-on' names \"web\": a package cannot depend on itself; fix the name or remove it"
        )
        #expect(
            failure(
                """
                [packages.a]
                path = "a"
                depends-on = ["b"]
                [packages.b]
                path = "b"
                depends-on = ["c"]
                [packages.c]
                path = "c"
                depends-on = ["a"]
                """)
                == ".changelog.toml: line 3: key 'packages.a.depends-on' makes a cycle (a -> b -> c -> a); packages cannot depend on each other in a circle, remove one of these depends-on entries"
        )
        #expect(failure("[packages.web]\npath = \"web\"\ndepends_on = [\"api\"]\n").contains("the key is spelt 'depends-on'"))
    }
}
