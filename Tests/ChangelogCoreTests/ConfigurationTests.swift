import Testing

@testable import ChangelogCore

@Suite struct ConfigurationTests {
    // MARK: Helpers

    private func parse(_ text: String, flavor: Configuration.Flavor = .changelog) throws -> Configuration {
        try Configuration.parse(text, file: flavor == .clog ? ".clog.toml" : ".changelog.toml", flavor: flavor)
    }

    /// The error thrown for `text`, or nil (and a recorded issue) when parsing succeeds.
    private func failure(
        _ text: String, flavor: Configuration.Flavor = .changelog, sourceLocation: SourceLocation = #_sourceLocation
    ) -> ConfigurationError? {
        do {
            let configuration = try Configuration.parse(
                text, file: flavor == .clog ? ".clog.toml" : ".changelog.toml", flavor: flavor)
            Issue.record("expected an error, parsed \(configuration)", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(!error.description.contains("\n"), "one line", sourceLocation: sourceLocation)
            return error
        }
    }

    // MARK: Empty and complete files

    @Test func emptyFileIsTheDefault() throws {
        #expect(try parse("") == Configuration())
        #expect(try parse("\n# nothing here\n   \n", flavor: .clog) == Configuration())
        #expect(try parse("[changelog]\n[sections]\n[components]\n") == Configuration())
    }

    @Test func defaultIsAllNilAndEmpty() {
        let configuration = Configuration()
        #expect(configuration.repositoryURL == nil && configuration.linkStyle == nil)
        #expect(configuration.changelog == nil && configuration.outfile == nil && configuration.infile == nil)
        #expect(configuration.fromLatestTag == nil && configuration.subtitle == nil)
        #expect(configuration.outputFormat == nil && configuration.tagPrefix == nil)
        #expect(configuration.sections.isEmpty && configuration.components.isEmpty)
    }

    @Test func everyKeyOfChangelogToml() throws {
        let configuration = try parse(
            """
            [changelog]
            repository = "https://github.com/o/r"
            link-style = "gitlab"
            changelog = "CHANGELOG.md"
            outfile = "out.md"
            infile = "in.md"
            from-latest-tag = false
            subtitle = "Crazy Release Title"
            output-format = "json"
            tag-prefix = "v"

            [sections]
            Documentation = ["docs", "doc"]

            [components]
            "Command Line" = ["cli"]
            """)
        var expected = Configuration()
        expected.repositoryURL = "https://github.com/o/r"
        expected.linkStyle = .gitlab
        expected.changelog = "CHANGELOG.md"
        expected.outfile = "out.md"
        expected.infile = "in.md"
        expected.fromLatestTag = false
        expected.subtitle = "Crazy Release Title"
        expected.outputFormat = .json
        expected.tagPrefix = "v"
        expected.sections = [SectionAliases(title: "Documentation", aliases: ["docs", "doc"])]
        expected.components = [SectionAliases(title: "Command Line", aliases: ["cli"])]
        #expect(configuration == expected)
    }

    @Test(arguments: LinkStyle.allCases) func eachLinkStyle(_ style: LinkStyle) throws {
        #expect(try parse("[changelog]\nlink-style = \"\(style.rawValue)\"").linkStyle == style)
        #expect(try parse("[clog]\nlink-style = \"\(style.rawValue)\"", flavor: .clog).linkStyle == style)
    }

    @Test func outputFormats() throws {
        #expect(try parse("[changelog]\noutput-format = \"markdown\"").outputFormat == .markdown)
        #expect(try parse("[changelog]\noutput-format = \"json\"").outputFormat == .json)
        #expect(try parse("[changelog]\noutput-format = \"md\"").outputFormat == .markdown)
        #expect(try parse("[clog]\noutput-format = \"md\"", flavor: .clog).outputFormat == .markdown)
    }

    @Test func tagPrefix() throws {
        #expect(try parse("[changelog]\ntag-prefix = \"v\"").tagPrefix == "v")
        #expect(try parse("[changelog]\ntag-prefix = \"\"").tagPrefix == "")
        let error = try #require(failure("[changelog]\ntag-prefix = \"release-\""))
        #expect(error.key == "changelog.tag-prefix")
        #expect(error.description == #".changelog.toml: key 'changelog.tag-prefix' must be one of "v", "" (found "release-")"#)
    }

    @Test func fromLatestTagTrue() throws {
        #expect(try parse("[changelog]\nfrom-latest-tag = true").fromLatestTag == true)
    }

    @Test func inlineSettingsTable() throws {
        let configuration = try parse(#"changelog = { repository = "https://x.org/o/r", link-style = "cgit" }"#)
        #expect(configuration.repositoryURL == "https://x.org/o/r")
        #expect(configuration.linkStyle == .cgit)
    }

    // MARK: clog

    /// The "Default Options" and "Custom Sections" examples of clog-cli's README.
    @Test func clogReadmeExample() throws {
        let configuration = try parse(
            """
            [clog]
            # A repository link with the trailing '.git' which will be used to generate
            # all commit and issue links
            repository = "https://github.com/clog-tool/clog-cli"
            # A constant release title
            subtitle = "my awesome title"

            # specify the style of commit links to generate, defaults to "github" if omitted
            link-style = "github"

            # The preferred way to set a constant changelog. This file will be read for old changelog
            # data, then prepended to for new changelog data. It's the equivilant to setting
            # both infile and outfile to the same file.
            #
            # Do not use with outfile or infile fields!
            #
            # Defaults to stdout when omitted
            changelog = "mychangelog.md"

            # This sets an output file only! If it exists already, new changelog data will be
            # prepended, if not it will be created.
            #
            # Defaults to stdout when omitted
            outfile = "MyChangelog.md"

            # This sets the input file old! Any data inside this file will be appended to any
            # new data that clog picks up
            infile = "My_old_changelog.md"

            # This sets the output format. There are two options "json" or "markdown" and
            # defaults to "markdown" when omitted
            output-format = "json"

            # If you use tags, you can set the following if you wish to only pick
            # up changes since your latest tag
            from-latest-tag = true

            [sections]
            MySection = ["mysec", "ms"]
            # You can also use spaces in the section names
            "Another Section" = ["another"]

            [components]
            MyLongComponentName = ["long", "comp"]
            """, flavor: .clog)
        var expected = Configuration()
        expected.repositoryURL = "https://github.com/clog-tool/clog-cli"
        expected.subtitle = "my awesome title"
        expected.linkStyle = .github
        expected.changelog = "mychangelog.md"
        expected.outfile = "MyChangelog.md"
        expected.infile = "My_old_changelog.md"
        expected.outputFormat = .json
        expected.fromLatestTag = true
        expected.sections = [
            SectionAliases(title: "MySection", aliases: ["mysec", "ms"]),
            SectionAliases(title: "Another Section", aliases: ["another"]),
        ]
        expected.components = [SectionAliases(title: "MyLongComponentName", aliases: ["long", "comp"])]
        #expect(configuration == expected)
    }

    /// clog-cli's own `.clog.toml`.
    @Test func clogDogfoodFile() throws {
        let configuration = try parse(
            "[clog]\nrepository = \"https://github.com/thoughtram/clog\"\nfrom-latest-tag = true\n", flavor: .clog)
        #expect(configuration.repositoryURL == "https://github.com/thoughtram/clog")
        #expect(configuration.fromLatestTag == true)
    }

    /// clog read its enum values case-insensitively (`Github`, `JSON`); `.changelog.toml` does not.
    @Test func clogValuesAreCaseInsensitive() throws {
        let configuration = try parse("[clog]\nlink-style = \"Github\"\noutput-format = \"JSON\"", flavor: .clog)
        #expect(configuration.linkStyle == .github)
        #expect(configuration.outputFormat == .json)
        let error = try #require(failure("[changelog]\nlink-style = \"Github\""))
        #expect(error.key == "changelog.link-style")
    }

    @Test func clogHasNoTagPrefix() throws {
        let error = try #require(failure("[clog]\ntag-prefix = \"v\"", flavor: .clog))
        #expect(error.key == "clog.tag-prefix")
        #expect(error.description.hasPrefix(".clog.toml: unknown key 'clog.tag-prefix'"))
        #expect(error.description.contains("only in .changelog.toml"))
    }

    @Test func clogGitDirIsExplained() throws {
        let error = try #require(failure("[clog]\ngit-dir = \"/myproject/.git\"", flavor: .clog))
        #expect(error.key == "clog.git-dir")
        #expect(error.description.contains("--repo"))
    }

    @Test func settingsTableFollowsTheFlavor() throws {
        let inClog = try #require(failure("[changelog]\nrepository = \"x\"", flavor: .clog))
        #expect(inClog.key == "changelog")
        #expect(inClog.description.hasPrefix(".clog.toml: unknown table 'changelog'"))
        #expect(inClog.description.contains("[clog]"))

        let inChangelog = try #require(failure("[clog]\nrepository = \"x\""))
        #expect(inChangelog.key == "clog")
        #expect(
            inChangelog.description == """
                .changelog.toml: unknown table 'clog' (the settings table of this file is [changelog]); \
                known tables: branches, bump, changelog, check, components, keep-a-changelog, packages, release, sections
                """)
    }

    // MARK: Unknown tables and keys

    @Test func unknownKeyNamesFileKeyAndKnownKeys() throws {
        let error = try #require(failure("[clog]\noutfil = \"x.md\"", flavor: .clog))
        #expect(error.file == ".clog.toml")
        #expect(error.key == "clog.outfil")
        #expect(
            error.description == """
                .clog.toml: unknown key 'clog.outfil' (did you mean 'outfile'?); known keys: changelog, \
                from-latest-tag, infile, link-style, outfile, output-format, repository, style, subtitle
                """)
    }

    @Test func unknownKeyInChangelogTomlListsTagPrefix() throws {
        let error = try #require(failure("[changelog]\nsurprise = 1"))
        #expect(
            error.description == """
                .changelog.toml: unknown key 'changelog.surprise'; known keys: changelog, contributors, from-latest-tag, \
                infile, link-style, other, outfile, output-format, packages-in-root, repository, style, subtitle, tag-prefix, template
                """)
    }

    @Test func unknownTable() throws {
        let error = try #require(failure("[deploy]\nsign = true"))
        #expect(error.key == "deploy")
        #expect(
            error.description == """
                .changelog.toml: unknown table 'deploy'; known tables: branches, bump, changelog, check, components, keep-a-changelog, packages, release, sections
                """)
    }

    @Test func unknownNestedTable() throws {
        let error = try #require(failure("[changelog.extra]\nx = 1"))
        #expect(error.key == "changelog.extra")
        #expect(error.description.hasPrefix(".changelog.toml: unknown table 'changelog.extra'; known keys: changelog,"))
    }

    @Test func settingAtTheTopLevel() throws {
        let error = try #require(failure("repository = \"https://github.com/o/r\""))
        #expect(error.key == "repository")
        #expect(
            error.description == """
                .changelog.toml: unknown key 'repository' at the top level (settings belong in the [changelog] table); \
                known tables: branches, bump, changelog, check, components, keep-a-changelog, packages, release, sections
                """)
    }

    @Test func firstUnknownKeyInFileOrderIsReported() throws {
        let error = try #require(failure("[changelog]\nzzz = 1\naaa = 2"))
        #expect(error.key == "changelog.zzz")
    }

    // MARK: Wrong types

    @Test func booleanExpected() throws {
        let error = try #require(failure("[changelog]\nfrom-latest-tag = \"true\""))
        #expect(error.key == "changelog.from-latest-tag")
        #expect(
            error.description == """
                .changelog.toml: key 'changelog.from-latest-tag' must be a boolean (true or false), found a string ("true")
                """)
    }

    @Test func stringExpected() throws {
        let error = try #require(failure("[clog]\nrepository = 42", flavor: .clog))
        #expect(error.description == ".clog.toml: key 'clog.repository' must be a string, found an integer (42)")
        let array = try #require(failure("[changelog]\noutfile = [\"a.md\"]"))
        #expect(array.description == ".changelog.toml: key 'changelog.outfile' must be a string, found an array")
        let float = try #require(failure("[changelog]\nsubtitle = 1.5"))
        #expect(float.description.hasSuffix("found a floating-point number (1.5)"))
        let date = try #require(failure("[changelog]\nsubtitle = 2026-11-21"))
        #expect(date.description.hasSuffix("must be a string, found a date"))
        let table = try #require(failure("[changelog]\ninfile = { path = \"x\" }"))
        #expect(table.description.hasSuffix("must be a string, found a table"))
    }

    @Test func choiceExpected() throws {
        let value = try #require(failure("[changelog]\nlink-style = \"bitbucket\""))
        #expect(value.key == "changelog.link-style")
        #expect(
            value.description == """
                .changelog.toml: key 'changelog.link-style' must be one of github, gitlab, stash, cgit (found "bitbucket")
                """)
        let type = try #require(failure("[changelog]\noutput-format = true"))
        #expect(
            type.description == """
                .changelog.toml: key 'changelog.output-format' must be a string (one of markdown, json), found a boolean (true)
                """)
        let gitweb = try #require(failure("[clog]\nlink-style = \"gitweb\"", flavor: .clog))
        #expect(gitweb.key == "clog.link-style")
    }

    @Test func tableExpected() throws {
        let settings = try #require(failure("changelog = \"CHANGELOG.md\""))
        #expect(settings.key == "changelog")
        #expect(settings.description == #".changelog.toml: key 'changelog' must be a table, found a string ("CHANGELOG.md")"#)
        let sections = try #require(failure("[[sections]]\nFeatures = [\"feat\"]"))
        #expect(sections.description == ".changelog.toml: key 'sections' must be a table, found an array")
    }

    @Test func sectionValueMustBeAnArray() throws {
        let error = try #require(failure("[sections]\nDocs = \"docs\""))
        #expect(error.key == "sections.Docs")
        #expect(
            error.description == """
                .changelog.toml: key 'sections.Docs' must be an array of non-empty strings, found a string ("docs"); \
                write Docs = ["docs"]
                """)
        let nested = try #require(failure("[sections.Docs]\naliases = [\"docs\"]"))
        #expect(nested.description.hasSuffix("key 'sections.Docs' must be an array of non-empty strings, found a table"))
    }

    @Test func sectionItemsMustBeStrings() throws {
        let error = try #require(failure("[components]\nParser = [\"parser\", 7]"))
        #expect(error.key == "components.Parser")
        #expect(
            error.description == """
                .changelog.toml: key 'components.Parser' must be an array of non-empty strings; item 2 is an integer (7)
                """)
    }

    // MARK: Empty values

    @Test func emptyStrings() throws {
        let repository = try #require(failure("[changelog]\nrepository = \"\""))
        #expect(repository.description == ".changelog.toml: key 'changelog.repository' must not be empty, found an empty string")
        let changelog = try #require(failure("[clog]\nchangelog = \"  \"", flavor: .clog))
        #expect(changelog.key == "clog.changelog")
        #expect(try parse("[changelog]\nsubtitle = \"\"").subtitle == nil)
        let format = try #require(failure("[changelog]\noutput-format = \"\""))
        #expect(format.description.hasSuffix(#"must be one of markdown, json (found "")"#))
    }

    @Test func emptyArraysAndItems() throws {
        let empty = try #require(failure("[sections]\nDocs = []"))
        #expect(empty.key == "sections.Docs")
        #expect(empty.description == ".changelog.toml: key 'sections.Docs' must list at least one commit type, found an empty array")
        let component = try #require(failure("[components]\nParser = []"))
        #expect(component.description.hasSuffix("must list at least one scope, found an empty array"))
        let item = try #require(failure("[sections]\n\"Bug Fixes\" = [\"fix\", \"\"]"))
        #expect(item.key == #"sections."Bug Fixes""#)
        #expect(
            item.description == """
                .changelog.toml: key 'sections."Bug Fixes"' must be an array of non-empty strings; item 2 is an empty string
                """)
        let title = try #require(failure("[sections]\n\"\" = [\"x\"]"))
        #expect(title.description.contains("must name a section"))
    }

    // MARK: Sections and components

    @Test func sectionsKeepFileOrder() throws {
        let configuration = try parse(
            """
            [sections]
            Zeta = ["z"]
            Alpha = [
                "a",
                "alpha",
            ]
            "My Section" = ["ms"] # a comment
            Beta = ['b']
            "Aardvark" = ["aa"]

            [components]
            Web = ["web"]
            Api = ["api"]
            """)
        #expect(configuration.sections.map(\.title) == ["Zeta", "Alpha", "My Section", "Beta", "Aardvark"])
        #expect(configuration.sections[1].aliases == ["a", "alpha"])
        #expect(configuration.components.map(\.title) == ["Web", "Api"])
    }

    @Test func orderWithDottedKeysAndInlineTables() throws {
        let dotted = try parse("sections.Zulu = [\"z\"]\nsections.Bravo = [\"b\"]\ncomponents = { Y = [\"y\"], X = [\"x\"] }\n")
        #expect(dotted.sections.map(\.title) == ["Zulu", "Bravo"])
        #expect(dotted.components.map(\.title) == ["Y", "X"])
        let sharedPrefix = try parse("sections = { B2 = [\"b\"], B = [\"B2\"] }")
        #expect(sharedPrefix.sections.map(\.title) == ["B2", "B"])
    }

    @Test func unicodeTitlesAndQuotedKeys() throws {
        let configuration = try parse(
            """
            [sections]
            "Sécurité" = ["sec"]
            "Améliorations" = ["amé"]
            "v1.x" = ["legacy"]
            """)
        #expect(configuration.sections.map(\.title) == ["Sécurité", "Améliorations", "v1.x"])
        #expect(configuration.sections[1].aliases == ["amé"])
        let error = try #require(failure("[sections]\n\"v1.x\" = 1"))
        #expect(error.key == #"sections."v1.x""#)
    }

    @Test func orderWithWindowsLineEndings() throws {
        let configuration = try parse("[clog]\r\nfrom-latest-tag = true\r\n[sections]\r\nZ = [\"z\"]\r\nA = [\"a\"]\r\n", flavor: .clog)
        #expect(configuration.fromLatestTag == true)
        #expect(configuration.sections.map(\.title) == ["Z", "A"])
    }

    @Test func aliasesAreUniqueAcrossSections() throws {
        let error = try #require(failure("[sections]\nDocs = [\"docs\"]\nNotes = [\"notes\", \"docs\"]"))
        #expect(error.key == "sections.Notes")
        #expect(
            error.description == """
                .changelog.toml: key 'sections.Notes' lists the commit type "docs", already listed under 'sections.Docs'
                """)
        let repeated = try parse("[components]\nParser = [\"parser\", \"parse\", \"parser\"]")
        #expect(repeated.components == [SectionAliases(title: "Parser", aliases: ["parser", "parse"])])
    }

    // MARK: Syntax errors

    @Test func syntaxErrorHasLineAndColumn() throws {
        let error = try #require(failure("[clog]\nrepository = \"https://x\"\nsubtitle = \n", flavor: .clog))
        #expect(error.key == nil)
        #expect(error.file == ".clog.toml")
        #expect(error.description.hasPrefix(".clog.toml: line 3, column 12: TOML syntax error: "))
        #expect(error.description.count > ".clog.toml: line 3, column 12: TOML syntax error: ".count)
    }

    @Test func syntaxErrors() throws {
        let redefined = try #require(failure("[changelog]\nsubtitle = \"a\"\n\n[changelog]\n"))
        #expect(redefined.description.hasPrefix(".changelog.toml: line 4, column 1: TOML syntax error: "))
        let duplicateKey = try #require(failure("[changelog]\nsubtitle = \"a\"\nsubtitle = \"b\"\n"))
        #expect(duplicateKey.description.hasPrefix(".changelog.toml: line 3, "))
        let unterminated = try #require(failure("[sections]\nDocs = [\"docs\",\n"))
        #expect(unterminated.description.contains("TOML syntax error"))
        let nul = try #require(failure("[changelog]\nsubtitle = \"a\u{0}\"\n"))
        #expect(nul.description == ".changelog.toml: line 2, column 14: TOML syntax error: NUL characters are not allowed")
    }

    @Test func errorDescriptionIsFileAndMessage() {
        let error = ConfigurationError(file: "x.toml", key: "a.b", message: "something")
        #expect(error.description == "x.toml: something")
    }

    // MARK: [check]

    @Test func checkDefaultsWhenAbsent() throws {
        #expect(try parse("[changelog]\nsubtitle = \"x\"").check == LintOptions())
        #expect(try parse("[check]\n").check == LintOptions())
        #expect(Configuration().bump == VersionPolicy())
    }

    @Test func everyKeyOfCheck() throws {
        let configuration = try parse(
            """
            [check]
            types = ["feat", "Fix", "deps", "feat"]
            header-max-length = 72
            scopes = ["api", "cli", "api"]
            disabled-rules = ["body-leading-blank", "footer-format"]
            ignore-merges = false
            ignore-reverts = false
            ignore-autosquash = false
            """)
        var expected = LintOptions()
        expected.types = ["feat", "fix", "deps"]
        expected.headerMaxLength = 72
        expected.scopes = ["api", "cli"]
        expected.disabledRules = [.bodyBlankLine, .footerFormat]
        expected.ignoreMerges = false
        expected.ignoreReverts = false
        expected.ignoreAutosquash = false
        #expect(configuration.check == expected)
    }

    @Test func checkAndBumpInClogToml() throws {
        let configuration = try parse(
            "[clog]\nfrom-latest-tag = true\n[check]\nheader-max-length = 50\n[bump]\ninitial = \"1.0.0\"", flavor: .clog)
        #expect(configuration.check.headerMaxLength == 50)
        #expect(configuration.bump.initial == SemanticVersion(major: 1, minor: 0, patch: 0))
        let error = try #require(failure("[clog]\n[deploy]\n", flavor: .clog))
        #expect(error.description.hasSuffix("known tables: branches, bump, check, clog, components, keep-a-changelog, release, sections"))
    }

    @Test func everyRuleCanBeDisabledByName() throws {
        let names = Diagnostic.Rule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let configuration = try parse("[check]\ndisabled-rules = [\(names)]")
        #expect(configuration.check.disabledRules == Set(Diagnostic.Rule.allCases))
    }

    @Test func unknownRuleName() throws {
        let error = try #require(failure("[check]\ndisabled-rules = [\"type-enum\", \"body-leading-blanks\"]"))
        #expect(error.key == "check.disabled-rules")
        #expect(
            error.description == """
                .changelog.toml: key 'check.disabled-rules' lists the unknown rule "body-leading-blanks" (did you mean \
                'body-leading-blank'?); known rules: body-leading-blank, breaking-change-upper-case, empty-message, \
                footer-format, header-format, header-max-length, scope-empty, scope-enum, separator, subject-empty, \
                type-empty, type-enum
                """)
        let far = try #require(failure("[check]\ndisabled-rules = [\"max-line-length\"]"))
        #expect(
            far.description.hasPrefix(
                #".changelog.toml: key 'check.disabled-rules' lists the unknown rule "max-line-length"; known rules: "#))
        let notArray = try #require(failure("[check]\ndisabled-rules = \"type-enum\""))
        #expect(
            notArray.description == """
                .changelog.toml: key 'check.disabled-rules' must be an array of non-empty strings, found a string \
                ("type-enum"); write disabled-rules = ["type-enum"]
                """)
    }

    @Test func checkTypes() throws {
        let empty = try #require(failure("[check]\ntypes = []"))
        #expect(empty.key == "check.types")
        #expect(
            empty.description == """
                .changelog.toml: key 'check.types' must list at least one commit type, found an empty array; to allow \
                any type, add "type-enum" to disabled-rules instead
                """)
        let spaced = try #require(failure("[check]\ntypes = [\"feat\", \"bug fix\"]"))
        #expect(
            spaced.description == """
                .changelog.toml: key 'check.types' must list commit types; item 2 ("bug fix") is not one: a type is \
                made of letters, digits, '-' and '_'
                """)
        let number = try #require(failure("[check]\ntypes = [\"feat\", 1]"))
        #expect(number.description.hasSuffix("must be an array of non-empty strings; item 2 is an integer (1)"))
    }

    @Test func checkHeaderMaxLength() throws {
        let zero = try #require(failure("[check]\nheader-max-length = 0"))
        #expect(zero.key == "check.header-max-length")
        #expect(zero.description == ".changelog.toml: key 'check.header-max-length' must be a positive integer, found an integer (0)")
        #expect(try #require(failure("[check]\nheader-max-length = -5")).description.hasSuffix("found an integer (-5)"))
        let text = try #require(failure("[check]\nheader-max-length = \"72\""))
        #expect(text.description == #".changelog.toml: key 'check.header-max-length' must be an integer, found a string ("72")"#)
        let float = try #require(failure("[check]\nheader-max-length = 72.5"))
        #expect(float.description.hasSuffix("must be an integer, found a floating-point number (72.5)"))
    }

    @Test func checkBooleansAndScopes() throws {
        let flag = try #require(failure("[check]\nignore-merges = \"no\""))
        #expect(flag.description == #".changelog.toml: key 'check.ignore-merges' must be a boolean (true or false), found a string ("no")"#)
        #expect(try #require(failure("[check]\nignore-reverts = 0")).key == "check.ignore-reverts")
        #expect(try #require(failure("[check]\nignore-autosquash = []")).key == "check.ignore-autosquash")
        #expect(try #require(failure("[check]\nscopes = [\"\"]")).key == "check.scopes")
        #expect(try parse("[check]\nscopes = []").check.scopes == [])
    }

    @Test func unknownKeyInCheck() throws {
        let error = try #require(failure("[check]\ntype = [\"feat\"]"))
        #expect(error.key == "check.type")
        #expect(
            error.description == """
                .changelog.toml: unknown key 'check.type' (did you mean 'types'?); known keys: disabled-rules, \
                header-max-length, ignore-autosquash, ignore-merges, ignore-reverts, scopes, types
                """)
        let misplaced = try #require(failure("[check]\ninitial = \"1.0.0\""))
        #expect(
            misplaced.description.hasPrefix(
                ".changelog.toml: unknown key 'check.initial' ('initial' belongs in the [bump] table); known keys: "))
    }

    @Test func checkAndBumpKeysInTheWrongPlace() throws {
        let inSettings = try #require(failure("[changelog]\nheader-max-length = 72"))
        #expect(
            inSettings.description.hasPrefix(
                ".changelog.toml: unknown key 'changelog.header-max-length' ('header-max-length' belongs in the [check] table)"))
        let topLevel = try #require(failure("initial = \"0.1.0\""))
        #expect(
            topLevel.description == """
                .changelog.toml: unknown key 'initial' at the top level ('initial' belongs in the [bump] table); \
                known tables: branches, bump, changelog, check, components, keep-a-changelog, packages, release, sections
                """)
        let table = try #require(failure("check = true"))
        #expect(table.description == ".changelog.toml: key 'check' must be a table, found a boolean (true)")
    }

    // MARK: [bump]

    @Test func everyKeyOfBump() throws {
        let configuration = try parse(
            """
            [bump]
            initial = "1.0.0-rc.1"
            major = ["epic"]
            minor = ["feat", "Perf"]
            patch = ["fix", "deps"]
            breaking-below-one = "major"
            """)
        var expected = VersionPolicy()
        expected.initial = SemanticVersion(major: 1, minor: 0, patch: 0, prerelease: ["rc", "1"])
        expected.majorTypes = ["epic"]
        expected.minorTypes = ["feat", "perf"]
        expected.patchTypes = ["fix", "deps"]
        expected.breakingBumpsMinorBelowOne = false
        #expect(configuration.bump == expected)
        #expect(try parse("[bump]\nbreaking-below-one = \"minor\"").bump.breakingBumpsMinorBelowOne)
    }

    @Test func bumpLevelsReplaceTheirDefaults() throws {
        let patchOnly = try parse("[bump]\npatch = [\"feat\", \"fix\"]").bump
        #expect(patchOnly.patchTypes == ["feat", "fix"])
        #expect(patchOnly.minorTypes.isEmpty, "feat moved out of the default minor level")
        #expect(patchOnly.majorTypes.isEmpty)
        let noPatch = try parse("[bump]\npatch = []").bump
        #expect(noPatch.patchTypes.isEmpty && noPatch.minorTypes == ["feat"])
        let refactorMinor = try parse("[bump]\nminor = [\"feat\", \"refactor\"]").bump
        #expect(refactorMinor.minorTypes == ["feat", "refactor"] && refactorMinor.patchTypes == ["fix", "perf"])
    }

    @Test func bumpTypeInTwoLevels() throws {
        let error = try #require(failure("[bump]\nminor = [\"feat\"]\npatch = [\"fix\", \"FEAT\"]"))
        #expect(error.key == "bump.patch")
        #expect(
            error.description == """
                .changelog.toml: key 'bump.patch' lists the type "feat", already listed under 'bump.minor'; a type \
                bumps one level only
                """)
    }

    @Test func bumpInitialMustBeASemanticVersion() throws {
        let short = try #require(failure("[bump]\ninitial = \"1.0\""))
        #expect(short.key == "bump.initial")
        #expect(
            short.description == """
                .changelog.toml: key 'bump.initial' must be a semantic version such as "0.1.0" or "1.0.0", found "1.0"
                """)
        let prefixed = try #require(failure("[bump]\ninitial = \"v0.1.0\""))
        #expect(
            prefixed.description == """
                .changelog.toml: key 'bump.initial' must be a semantic version such as "0.1.0" or "1.0.0", found \
                "v0.1.0"; write it without the 'v' prefix: "0.1.0"
                """)
        #expect(try #require(failure("[bump]\ninitial = \"01.0.0\"")).key == "bump.initial")
        let number = try #require(failure("[bump]\ninitial = 1"))
        #expect(number.description == ".changelog.toml: key 'bump.initial' must be a string, found an integer (1)")
    }

    @Test func bumpChoicesAndUnknownKeys() throws {
        let choice = try #require(failure("[bump]\nbreaking-below-one = \"patch\""))
        #expect(
            choice.description == """
                .changelog.toml: key 'bump.breaking-below-one' must be one of minor, major (found "patch")
                """)
        let unknown = try #require(failure("[bump]\nmajor-on-zero = true"))
        #expect(unknown.key == "bump.major-on-zero")
        #expect(
            unknown.description == """
                .changelog.toml: unknown key 'bump.major-on-zero'; known keys: breaking-below-one, initial, major, \
                minor, patch
                """)
        let wrongType = try #require(failure("[bump]\nminor = \"feat\""))
        #expect(wrongType.description.hasSuffix(#"write minor = ["feat"]"#))
        let misplaced = try #require(failure("[bump]\ntypes = [\"feat\"]"))
        #expect(misplaced.description.contains("('types' belongs in the [check] table)"))
    }
}
