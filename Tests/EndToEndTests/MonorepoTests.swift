import FixtureSupport
import Foundation
import Testing

/// Monorepos: packages with their own paths, tags and changelogs, on layouts real tools use.
@Suite struct MonorepoTests {
    /// An npm workspace with changesets-style `@acme/api@1.0.0` tags: a commit that touches both
    /// packages, a rename moving a file from one to the other, a commit claimed by scope from
    /// outside the path, one whose only change is excluded, a root-only commit, a package added
    /// mid-history and one deleted.
    static let workspace = """
        write packages/api/index.js
        write packages/web/index.js
        write packages/old/index.js
        write README.md
        commit chore: the workspace
        tag @acme/api@1.0.0
        tag @acme/web@1.0.0
        tag @acme/old@1.0.0
        write packages/api/index.js
        commit feat(api): add the users endpoint
        write packages/web/index.js
        commit fix(web): render the header
        write packages/api/session.js
        write packages/web/session.js
        commit perf: share the session between api and web
        write README.md
        commit docs: the readme
        move packages/api/session.js packages/web/moved.js
        commit fix: move the session helper from api to web
        write docs/api.md
        commit fix(api): a typo in the api docs
        write packages/api/docs/guide.md
        commit fix: guide wording
        write packages/new/index.js
        commit feat(new): the new package
        remove packages/old/index.js
        commit feat!: drop the old package
        """

    static let workspaceConfig = """
        [packages.api]
        path = "packages/api"
        tag-prefix = "@acme/api@"
        scopes = ["api"]
        exclude = ["packages/api/docs/**"]

        [packages.web]
        path = "packages/web"
        tag-prefix = "@acme/web@"

        [packages.new]
        path = "packages/new"
        tag-prefix = "@acme/new@"

        [packages.old]
        path = "packages/old/"
        tag-prefix = "@acme/old@"

        """

    private func workspace() throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: Self.workspace)
        try sandbox.write("repo/.changelog.toml", Self.workspaceConfig)
        return sandbox
    }

    private func subjects(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("* ") }.map { line in
            let text = line.dropFirst(2)
            let unscoped = text.hasPrefix("**") ? text.split(separator: ":** ", maxSplits: 1).last.map(String.init) ?? "" : String(text)
            return String(unscoped.split(separator: " (").first ?? "")
        }.sorted()
    }

    @Test func eachPackageGetsItsOwnCommits() throws {
        let sandbox = try workspace()
        let api = try sandbox.changelog("-P", "api")
        #expect(api.status == 0, "\(api.stderr)")
        #expect(
            subjects(api.stdout) == [
                "a typo in the api docs", "add the users endpoint", "move the session helper from api to web",
                "share the session between api and web",
            ], "\(api.stdout)")
        let web = try sandbox.changelog("--package", "web")
        #expect(web.status == 0, "\(web.stderr)")
        #expect(
            subjects(web.stdout) == [
                "move the session helper from api to web", "render the header", "share the session between api and web",
            ],
            "\(web.stdout)")
        let added = try sandbox.changelog("-P", "new")
        #expect(subjects(added.stdout) == ["the new package"], "\(added.stdout)")
        let deleted = try sandbox.changelog("-P", "old")
        #expect(deleted.stdout.contains("drop the old package"), "\(deleted.stdout)")
        #expect(!deleted.stdout.contains("the new package"))
    }

    /// A correction that gives a root-only commit a package's scope claims it for that package, in
    /// a range and in `--all` alike: corrections are read before membership is decided.
    @Test func aCorrectedScopeClaimsACommitEverywhere() throws {
        let sandbox = try workspace()
        let id = try sandbox.git("log", "--format=%H", "--grep", "^docs: the readme$").trimmingCharacters(in: .whitespacesAndNewlines)
        let amended = try sandbox.changelog("amend", id, "--message", "fix(api): the readme names the api")
        #expect(amended.status == 0, "\(amended.stderr)")
        let range = try sandbox.changelog("-P", "api")
        #expect(subjects(range.stdout).contains("the readme names the api"), "\(range.stdout)")
        let all = try sandbox.changelog("--all", "-P", "api")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("the readme names the api"), "\(all.stdout)")
        #expect(!all.stdout.contains("the readme ("))
        // `status` reads the notes once for every package: each sees the corrections.
        let header = try sandbox.git("log", "--format=%H", "--grep", "^fix(web): render the header$")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.changelog("amend", header, "-m", "feat(web)!: redo the header").status == 0)
        let status = try sandbox.changelog("status")
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(7).joined(separator: " ") }
        #expect(lines.prefix(2) == ["api 1.0.0 -> 1.1.0 5 commits minor", "web 1.0.0 -> 2.0.0 3 commits major"], "\(status.stdout)")
    }

    @Test func membershipIsGitLogsForEveryPathPackage() throws {
        let sandbox = try workspace()
        // The oracle: the subjects `git log -- path` lists since the package's tag.
        for (name, path, range) in [
            ("web", "packages/web", "@acme/web@1.0.0..HEAD"), ("new", "packages/new", "HEAD"),
            ("old", "packages/old", "@acme/old@1.0.0..HEAD"),
        ] {
            let logged = try sandbox.git("log", "--format=%s", range, "--", path)
                .split(separator: "\n").map { $0.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? "" }
            let json = try sandbox.changelog("-P", name, "-T", "json")
            #expect(json.status == 0)
            for subject in logged {
                #expect(json.stdout.contains("\"subject\": \"\(subject)\""), "\(name): \(subject)")
            }
            // A breaking feature is listed twice (Breaking Changes, Features): count commits once.
            let ids = Set(json.stdout.split(separator: "\n").filter { $0.contains("\"id\": ") })
            #expect(ids.count == logged.count, "\(name): \(json.stdout)")
        }
    }

    @Test func nextAndStatusPerPackage() throws {
        let sandbox = try workspace()
        #expect(try sandbox.changelog("next", "-P", "api").stdout == "1.1.0\n")
        #expect(try sandbox.changelog("next", "-P", "web").stdout == "1.0.1\n")
        #expect(try sandbox.changelog("next", "-P", "old").stdout == "2.0.0\n")
        // Never released: the first version, as for a repository without tags.
        #expect(try sandbox.changelog("next", "-P", "new").stdout == "0.1.0\n")
        let json = try sandbox.changelog("next", "-P", "api", "--format", "json")
        #expect(json.stdout.contains("\"currentTag\": \"@acme/api@1.0.0\""), "\(json.stdout)")
        #expect(json.stdout.contains("\"nextTag\": \"@acme/api@1.1.0\""), "\(json.stdout)")

        let status = try sandbox.changelog("status")
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).prefix(7).joined(separator: " ")
        }
        #expect(lines.count == 4)
        #expect(lines[0] == "api 1.0.0 -> 1.1.0 4 commits minor")
        #expect(lines[1] == "web 1.0.0 -> 1.0.1 3 commits patch")
        #expect(lines[2] == "new - -> 0.1.0 1 commit minor")
        #expect(lines[3] == "old 1.0.0 -> 2.0.0 1 commit major")
        let document = try sandbox.changelog("status", "--format", "json")
        #expect(document.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any]
        let packages = try #require(parsed?["packages"] as? [[String: Any]])
        #expect(packages.map { $0["name"] as? String } == ["api", "web", "new", "old"])
        #expect(packages[0]["nextTag"] as? String == "@acme/api@1.1.0")
        #expect(packages[0]["pending"] as? Int == 4)
        #expect(packages[0]["bump"] as? String == "minor")
        #expect((packages[0]["commits"] as? [[String: Any]])?.first?["subject"] as? String == "add the users endpoint")
        #expect(packages[2]["current"] is NSNull)
    }

    @Test func packageErrorsAreOneLine() throws {
        let sandbox = try workspace()
        let unknown = try sandbox.changelog("next", "-P", "nope")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "changelog: error: --package: no package named \"nope\"; configured packages: api, web, new, old\n")
        for selection in [["-P", "api"], ["-P", "nosuch"], ["--include-path", "packages/**"], ["--exclude-path", "docs/**"]] {
            let both = try sandbox.changelog(["status"] + selection)
            #expect(both.status == 64, "\(selection)")
            #expect(
                both.stderr == "changelog: error: status covers every package; drop -P/--package, --include-path and --exclude-path\n",
                "\(selection)")
            #expect(both.stdout.isEmpty)
        }
        try sandbox.write("repo/.changelog.toml", "[packages.api]\npath = \"../api\"\n")
        let bad = try sandbox.changelog("status")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("changelog: error: .changelog.toml: line 2: key 'packages.api.path'"), "\(bad.stderr)")
        try sandbox.write("repo/.changelog.toml", "")
        let none = try sandbox.changelog("status")
        #expect(none.status == 2)
        #expect(none.stderr.contains("no packages are configured"))
    }

    @Test func includeAndExcludePathsWithoutPackages() throws {
        let sandbox = try workspace()
        try sandbox.write("repo/.changelog.toml", "")
        let web = try sandbox.changelog("--include-path", "packages/web/**", "-T", "json")
        #expect(web.status == 0, "\(web.stderr)")
        for subject in ["render the header", "share the session between api and web", "move the session helper from api to web"] {
            #expect(web.stdout.contains(subject))
        }
        #expect(!web.stdout.contains("add the users endpoint"))
        let outside = try sandbox.changelog("--exclude-path", "packages/**", "-T", "json")
        #expect(outside.stdout.contains("a typo in the api docs") && !outside.stdout.contains("render the header"), "\(outside.stdout)")
        let markdownOnly = try sandbox.changelog("--include-path", "**/*.md", "--exclude-path", "README.md", "-T", "json")
        #expect(markdownOnly.stdout.contains("a typo in the api docs") && markdownOnly.stdout.contains("guide wording"))
        #expect(!markdownOnly.stdout.contains("the readme"))
        let bad = try sandbox.changelog("--include-path", "a/[b")
        #expect(bad.status == 2 && bad.stderr.contains("--include-path \"a/[b\" has an unclosed '['"), "\(bad.stderr)")
        let blank = try sandbox.changelog("--exclude-path", " ")
        #expect(blank.status == 2 && blank.stderr.contains("--exclude-path \" \" names no path; write a glob"), "\(blank.stderr)")
    }

    /// Tag styles of real tools, each with a history where a package is released, then changed.
    @Test(
        arguments: [
            ("cargo", "crates/parser", "parser", nil, "parser-v"),  // Cargo workspace, the default prefix
            ("go", "sub/module", "sub/module", "sub/module/v", "sub/module/v"),  // Go multi-module
            ("release-please", "packages/component", "component", "component-v", "component-v"),
            ("npm", "packages/pkg", "pkg", "@scope/pkg@", "@scope/pkg@"),
        ] as [(String, String, String, String?, String)])
    func tagLayouts(_ layout: String, _ path: String, _ name: String, _ configured: String?, _ prefix: String) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                write \(path)/lib.txt
                commit feat: the first release
                tag \(prefix)1.0.0
                tag v9.0.0
                write other/file.txt
                commit feat: elsewhere
                write \(path)/lib.txt
                commit fix: in the package
                tag \(prefix)1.0.1
                write \(path)/lib.txt
                commit feat: in the package again
                """)
        let quoted = "\"\(name)\""
        let prefixLine = configured.map { "tag-prefix = \"\($0)\"\n" } ?? ""
        try sandbox.write("repo/.changelog.toml", "[packages.\(quoted)]\npath = \"\(path)\"\n\(prefixLine)")
        let next = try sandbox.changelog("next", "-P", name, "--format", "json")
        #expect(next.stdout.contains("\"currentTag\": \"\(prefix)1.0.1\""), "\(layout): \(next.stdout) \(next.stderr)")
        #expect(next.stdout.contains("\"nextTag\": \"\(prefix)1.1.0\""), "\(layout): \(next.stdout)")
        let all = try sandbox.changelog("--all", "-P", name)
        #expect(all.status == 0)
        #expect(all.stdout.contains("<a name=\"1.0.1\"></a>") && all.stdout.contains("<a name=\"1.0.0\"></a>"), "\(layout): \(all.stdout)")
        #expect(!all.stdout.contains("9.0.0") && !all.stdout.contains("elsewhere"), "\(layout): \(all.stdout)")
        // The repository's own tags see every commit, packages' tags none.
        #expect(try sandbox.changelog("next").stdout == "9.1.0\n")
    }

    @Test func aPackageRelease() throws {
        let sandbox = try workspace()
        _ = try sandbox.git("reset", "-q", "--hard")
        try sandbox.write("repo/packages/api/package.json", "{\n  \"name\": \"@acme/api\",\n  \"version\": \"1.0.0\"\n}\n")
        try sandbox.write(
            "repo/.changelog.toml",
            Self.workspaceConfig.replacingOccurrences(
                of: "scopes = [\"api\"]", with: "scopes = [\"api\"]\nfiles = [\"packages/api/package.json\"]"))
        _ = try sandbox.git("add", "-A")
        _ = try sandbox.git("commit", "-q", "-m", "build: version files")
        let result = try sandbox.changelog("release", "-P", "api")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("released 1.1.0 (after @acme/api@1.0.0)\n"), "\(result.stdout)")
        #expect(try sandbox.git("describe", "--exact-match", "HEAD") == "@acme/api@1.1.0\n")
        #expect(try sandbox.git("log", "-1", "--format=%s") == "chore: tag @acme/api@1.1.0\n")
        #expect(
            try sandbox.git("show", "--format=", "--name-only", "HEAD") == "packages/api/CHANGELOG.md\npackages/api/package.json\n")
        #expect(try sandbox.read("repo/packages/api/package.json").contains("\"version\": \"1.1.0\""))
        let changelog = try sandbox.read("repo/packages/api/CHANGELOG.md")
        #expect(changelog.contains("<a name=\"1.1.0\"></a>") && changelog.contains("add the users endpoint"))
        #expect(!changelog.contains("render the header"))
        #expect(try sandbox.git("cat-file", "-t", "@acme/api@1.1.0") == "tag\n")
        // The release commit touches api only: web's status is unchanged, api has nothing pending.
        #expect(try sandbox.changelog("next", "-P", "api").status == 3)
        #expect(try sandbox.changelog("next", "-P", "web").stdout == "1.0.1\n")
        let notes = try sandbox.changelog("notes", "-P", "api")
        #expect(notes.status == 0 && notes.stdout.contains("add the users endpoint"), "\(notes.stderr)")
    }

    /// A side branch merged back brings its package's commits; `check` lints a package's own.
    @Test func mergesAndCheckPerPackage() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                write packages/api/index.js
                write packages/web/index.js
                commit chore: init
                tag api-v1.0.0
                tag web-v1.0.0
                branch feature
                checkout feature
                write packages/api/feature.js
                commit feat(api): the feature on a branch
                checkout main
                write packages/web/index.js
                commit fix(web): meanwhile on main
                write packages/web/index.js
                commit web without a type
                merge feature Merge branch 'feature'
                """)
        try sandbox.write("repo/.changelog.toml", "[packages.api]\npath = \"packages/api\"\n[packages.web]\npath = \"packages/web\"\n")
        let api = try sandbox.changelog("-P", "api", "-T", "json")
        #expect(api.stdout.contains("the feature on a branch") && !api.stdout.contains("meanwhile on main"), "\(api.stdout)")
        #expect(try sandbox.changelog("next", "-P", "api").stdout == "1.1.0\n")
        #expect(try sandbox.changelog("next", "-P", "web").stdout == "1.0.1\n")
        // The untyped commit is web's: api's commits pass, web's and the whole repository's do not.
        let apiCheck = try sandbox.changelog("check", "-P", "api", "--format", "json")
        #expect(apiCheck.status == 0, "\(apiCheck.stdout)")
        #expect(apiCheck.stdout.contains("\"checked\": 2"), "\(apiCheck.stdout)")  // the feature and the merge
        #expect(try sandbox.changelog("check", "-P", "web").status == 1)
        #expect(try sandbox.changelog("check").status == 1)
    }

    /// A package's backport candidates are its own fixes not yet picked into the stable branch.
    @Test func backportsPerPackage() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                write packages/api/index.js
                write packages/web/index.js
                commit chore: init
                tag api-v1.0.0
                branch 1-0-stable
                write packages/api/index.js
                commit fix(api): the first api fix
                label picked
                write packages/api/index.js
                commit fix(api): the second api fix
                write packages/web/index.js
                commit fix(web): a web fix
                checkout 1-0-stable
                cherry-pick picked -x
                checkout main
                """)
        try sandbox.write("repo/.changelog.toml", "[packages.api]\npath = \"packages/api\"\n[packages.web]\npath = \"packages/web\"\n")
        let api = try sandbox.changelog("backports", "--onto", "1-0-stable", "-P", "api", "--format", "json")
        #expect(api.status == 0, "\(api.stderr)")
        #expect(api.stdout.contains("the second api fix"), "\(api.stdout)")
        #expect(!api.stdout.contains("a web fix"), "\(api.stdout)")
        let web = try sandbox.changelog("backports", "--onto", "1-0-stable", "-P", "web", "--format", "json")
        #expect(web.stdout.contains("a web fix") && !web.stdout.contains("api fix"), "\(web.stdout)")
        let all = try sandbox.changelog("backports", "--onto", "1-0-stable", "--format", "json")
        #expect(all.stdout.contains("a web fix") && all.stdout.contains("the second api fix"), "\(all.stdout)")
    }
}
