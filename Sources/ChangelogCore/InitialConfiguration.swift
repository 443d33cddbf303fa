/// What `changelog init` found in a repository, and the `.changelog.toml` it writes from that.
///
/// Found values are written as keys; every other key is listed commented with its default, so the
/// file is also the reference of what can be configured.
public struct InitialConfiguration: Sendable, Equatable {
    /// A package of a workspace (npm workspaces, a Cargo workspace, a Go module in a subdirectory).
    public struct Package: Sendable, Equatable {
        /// The `[packages.NAME]` key: the package's own name when it is a bare TOML key, else its directory's.
        public var name: String
        /// Relative to the repository root.
        public var path: String
        public var tagPrefix: String
        /// "npm workspace", "Cargo workspace member", "Go module".
        public var kind: String
        /// The package's version file, when it has one with a version in it.
        public var versionFile: String?

        public init(name: String, path: String, tagPrefix: String, kind: String, versionFile: String? = nil) {
            self.name = name
            self.path = path
            self.tagPrefix = tagPrefix
            self.kind = kind
            self.versionFile = versionFile
        }
    }

    /// The prefix of the existing version tags; nil when there are none.
    public var tagPrefix: String?
    public var versionTagCount = 0
    /// From the `origin` remote.
    public var repositoryURL: String?
    /// The existing changelog file (`CHANGELOG.md`), if any.
    public var changelogFile: String?
    /// Which style the existing changelog looks like (see `ChangelogStyleDetector`).
    public var style: String?
    /// A `.clog.toml` is present: the tool reads it when `.changelog.toml` is absent.
    public var hasClogConfiguration = false
    /// What `.clog.toml` sets, carried over, since it is no longer read once `.changelog.toml` exists.
    public var clogConfiguration: Configuration?
    /// Why `.clog.toml` could not be read, when it could not.
    public var clogError: String?
    /// `[release] files` entries for the version files found at the root.
    public var versionFiles: [String] = []
    /// Version files found but not usable as they are, with the reason (a workspace root's
    /// package.json without a version).
    public var skippedVersionFiles: [(path: String, reason: String)] = []
    /// Maintenance branches found (local and remote, short names).
    public var maintenanceBranches: [String] = []
    public var packages: [Package] = []
    /// Whether `[packages.*]` tables are written as keys or commented: commented until the
    /// configuration reads them (monorepo support), so the written file is valid where it is made.
    public var packagesActive = false

    public init() {}

    public static func == (a: InitialConfiguration, b: InitialConfiguration) -> Bool {
        a.render() == b.render()
    }

    /// The text of `.changelog.toml`.
    public func render() -> String {
        var out = """
            # .changelog.toml, written by `changelog init` from what it found in this repository.
            # Keys that are commented show their default; docs/contract.md describes each one.

            [changelog]

            """
        if let tagPrefix {
            let line = "tag-prefix = \(Self.string(tagPrefix))"
            out += "\(line)\(Self.pad(line))# found on \(Self.count(versionTagCount, "version tag"))\n"
        } else {
            out += "# tag-prefix = \"v\"             # no version tags yet; \"\" for tags without a prefix\n"
        }
        let clog = clogConfiguration
        if let changelogFile, let style {
            let line = "style = \(Self.string(style))"
            out += "\(line)\(Self.pad(line))# \(changelogFile) looks like this style\n"
        } else if hasClogConfiguration {
            // clog's layout is the default only while .clog.toml is the file read; this one replaces it.
            let line = "style = \"clog\""
            out += "\(line)\(Self.pad(line))# as with .clog.toml\n"
        } else if let changelogFile {
            out += "# style = \"default\"            # \(changelogFile) looks like none of the styles: "
            out += "clog, default, keep-a-changelog, conventional\n"
        } else {
            out += "# style = \"default\"            # or clog, keep-a-changelog, conventional\n"
        }
        if hasClogConfiguration {
            out += "# .clog.toml is read only while this file is absent: its settings are carried over below\n"
            if let clogError {
                out += "# but it could not be read (\(clogError)); copy its settings by hand\n"
            }
        }
        func setting(_ key: String, _ value: String?, _ fallback: String) {
            if let value {
                let line = "\(key) = \(value)"
                out += "\(line)\(Self.pad(line))# from .clog.toml\n"
            } else {
                out += fallback + "\n"
            }
        }
        let remote =
            repositoryURL.map { "# repository = \(Self.string($0))  # found from the origin remote, which links use by default" }
            ?? "# repository = \"https://github.com/owner/name\"  # for commit, issue and compare links"
        setting("repository", clog?.repositoryURL.map(Self.string), remote)
        setting("link-style", clog?.linkStyle.map { Self.string($0.rawValue) }, "# link-style = \"github\"        # or gitlab, stash, cgit")
        setting(
            "changelog", clog?.changelog.map(Self.string), "# changelog = \"CHANGELOG.md\"   # a file updated in place, as -C does")
        setting("outfile", clog?.outfile.map(Self.string), "# outfile = \"CHANGELOG.md\"")
        setting("infile", clog?.infile.map(Self.string), "# infile = \"CHANGELOG.md\"")
        setting("from-latest-tag", clog?.fromLatestTag.map { "\($0)" }, "# from-latest-tag = true")
        setting("subtitle", clog?.subtitle.map(Self.string), "# subtitle = \"\"")
        setting(
            "output-format", clog?.outputFormat.map { Self.string($0.rawValue) }, "# output-format = \"markdown\"   # or json")
        out += """
            # other = "Other Changes"      # list commits that are not Conventional Commits under this title
            # template = "changelog.mustache"  # render sections with a Mustache template (docs/templates.md)
            # contributors = true          # a Contributors block in each release
            # packages-in-root = true      # a release of packages also gathers their sections in CHANGELOG.md

            [sections]                     # Title = [commit types]; a default title extends that section

            """
        func aliases(_ entries: [SectionAliases]?, example: String) {
            guard let entries, !entries.isEmpty else {
                out += example + "\n"
                return
            }
            for entry in entries {
                out += "\(Self.key(entry.title)) = [\(entry.aliases.map(Self.string).joined(separator: ", "))]\n"
            }
        }
        aliases(clog?.sections, example: "# Documentation = [\"docs\"]")
        out += "\n[components]                   # display name = [scopes]\n"
        aliases(clog?.components, example: "# API = [\"api\", \"rest\"]")
        if let clog {
            let others = [
                ("check", clog.check != LintOptions()), ("bump", clog.bump != VersionPolicy()),
                ("release", clog.release != ReleaseSettings()), ("branches", clog.branches != BranchSettings()),
            ]
            for (table, differs) in others where differs {
                out += "# .clog.toml also sets [\(table)]: copy that table here\n"
            }
        }
        out += """

            [check]
            # types = ["feat", "fix", "perf", "refactor", "docs", "style", "test", "build", "ci", "chore", "revert"]
            # header-max-length = 100
            # scopes = []                  # any scope
            # disabled-rules = []          # e.g. "type-enum", "header-max-length", "scope-enum"
            # ignore-merges = true
            # ignore-reverts = true
            # ignore-autosquash = true

            [bump]
            # initial = "0.1.0"
            # major = []
            # minor = ["feat"]
            # patch = ["fix", "perf"]
            # breaking-below-one = "minor" # or "major"

            [release]

            """
        for skipped in skippedVersionFiles {
            out += "# \(skipped.path) is not listed: \(skipped.reason)\n"
        }
        if versionFiles.isEmpty {
            out += "# files = [\"package.json\"]      # no version file found; VERSION, setup.py, pyproject.toml, Cargo.toml, path:regex\n"
        } else {
            out += "files = [\(versionFiles.map(Self.string).joined(separator: ", "))]\n"
        }
        out += """
            # commit-message = "chore: tag {version}"
            # changelog-commit-message = "docs: changelog for {version}"
            # separate-commits = false
            # tag-message = "Release {version}"
            # sign-timeout = 120

            [branches]

            """
        let patterns = BranchSettings().patchOnly.map(Self.string).joined(separator: ", ")
        if maintenanceBranches.isEmpty {
            out += "# patch-only = [\(patterns)]\n"
        } else {
            let shown = maintenanceBranches.prefix(5).joined(separator: ", ") + (maintenanceBranches.count > 5 ? ", …" : "")
            out += "# maintenance branches found: \(shown)\n"
            out += "patch-only = [\(patterns)]\n"
        }
        out += "# backports = \"omit\"            # or mark, keep\n"
        if !packages.isEmpty {
            out += "\n"
            if !packagesActive {
                out += "# The workspace's packages, for monorepo support (one version, tag and changelog each):\n"
            }
            let mark = packagesActive ? "" : "# "
            for package in packages {
                out += "\(mark)[packages.\(Self.key(package.name))]  # \(package.kind)\n"
                out += "\(mark)path = \(Self.string(package.path))\n"
                out += "\(mark)tag-prefix = \(Self.string(package.tagPrefix))\n"
                if let file = package.versionFile {
                    out += "\(mark)files = [\(Self.string(file))]\n"
                }
                if package != packages.last {
                    out += packagesActive ? "\n" : "#\n"
                }
            }
        }
        return out
    }

    /// Spaces that line a short line's comment up with the others, at column 32.
    private static func pad(_ line: String) -> String {
        String(repeating: " ", count: max(2, 31 - line.count))
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    /// A TOML basic string: backslash, quote and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A TOML key: bare when it can be, else quoted.
    static func key(_ name: String) -> String {
        let bare =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        return bare ? name : string(name)
    }
}
