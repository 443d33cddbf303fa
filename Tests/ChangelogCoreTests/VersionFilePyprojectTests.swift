import Testing

@testable import ChangelogCore

@Suite("VersionFile: pyproject.toml")
struct VersionFilePyprojectTests {
    @Test("[project] version wins over the version keys of [tool.poetry.dependencies]; comments stay")
    func pep621() throws {
        let pyproject = """
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            build-backend = "setuptools.build_meta"

            [tool.poetry.dependencies]
            python = "^3.8"
            requests = { version = "^2.0", optional = true }

            [project]   # PEP 621
            name = "widget"
            description = "Widgets [with brackets]; version = \\"0.0.0\\""
            version = "1.2.3"  # keep this comment
            requires-python = ">=3.8"
            dependencies = [
                "requests>=2.0",
                # version = "0.0.1" in a comment
                "click>=8.0",
            ]

            [project.optional-dependencies]
            dev = ["pytest>=7"]

            """
        let expected = pyproject.replacingFirst(
            #"version = "1.2.3"  # keep this comment"#, with: #"version = "1.3.0"  # keep this comment"#)
        try expectUpdate("pyproject.toml", pyproject, from: "1.2.3", to: "1.3.0", gives: expected)
    }

    @Test("Without [project], the version in [tool.poetry], even when its dependency tables come first")
    func poetry() throws {
        let pyproject = """
            [tool.poetry.dependencies]
            python = "^3.10"
            requests = { version = "^2.31", extras = ["socks"] }

            [tool.poetry.group.dev.dependencies]
            pytest = { version = "^7.0" }

            [tool.poetry]
            name = "widget"
            version = '0.4.0'
            description = ""

            """
        try expectUpdate(
            "pyproject.toml", pyproject, from: "0.4.0", to: "0.5.0",
            gives: """
                [tool.poetry.dependencies]
                python = "^3.10"
                requests = { version = "^2.31", extras = ["socks"] }

                [tool.poetry.group.dev.dependencies]
                pytest = { version = "^7.0" }

                [tool.poetry]
                name = "widget"
                version = '0.5.0'
                description = ""

                """)
    }

    @Test("Poetry 2: dynamic = [\"version\"] in [project] with the version in [tool.poetry]")
    func poetryDynamic() throws {
        let pyproject = "[project]\nname = \"w\"\ndynamic = [\"version\"]\n\n[tool.poetry]\nversion = \"2.0.0\"\n"
        try expectUpdate(
            "pyproject.toml", pyproject, from: "2.0.0", to: "2.0.1",
            gives: "[project]\nname = \"w\"\ndynamic = [\"version\"]\n\n[tool.poetry]\nversion = \"2.0.1\"\n")
    }

    @Test("Dotted keys, quoted table names and inline tables are followed to the same key")
    func otherSpellings() throws {
        try expectUpdate(
            "pyproject.toml", "[tool]\npoetry.version = \"1.0.0\"\npoetry.name = \"w\"\n",
            from: "1.0.0", to: "1.1.0", gives: "[tool]\npoetry.version = \"1.1.0\"\npoetry.name = \"w\"\n")
        try expectUpdate(
            "pyproject.toml", "[ \"project\" ]\nversion\t=\t\"1.0.0\"\n",
            from: "1.0.0", to: "1.1.0", gives: "[ \"project\" ]\nversion\t=\t\"1.1.0\"\n")
        try expectUpdate(
            "pyproject.toml", "project = { name = \"w\", version = \"1.0.0\" }\n",
            from: "1.0.0", to: "1.1.0", gives: "project = { name = \"w\", version = \"1.1.0\" }\n")
    }

    @Test("Headers and keys inside multi-line strings and nested arrays are not taken for the real ones")
    func lookalikes() throws {
        let pyproject = #"""
            [tool.docs]
            text = """
            [project]
            version = "9.9.9"
            """
            literal = '''
            [project]
            version = '9.9.8'
            '''
            matrix = [
              [1, 2],  # [project]
              ["version = \"9.9.7\""],
            ]

            [project]
            name = "w"
            version = "1.2.3"

            """#
        try expectUpdate(
            "pyproject.toml", pyproject, from: "1.2.3", to: "1.2.4",
            gives: pyproject.replacingFirst("version = \"1.2.3\"", with: "version = \"1.2.4\""))
    }

    @Test("CRLF line ends and a byte order mark are kept")
    func crlfAndBOM() throws {
        try expectUpdate(
            "pyproject.toml", "\u{FEFF}[project]\r\nname = \"w\"\r\nversion = \"1.0.0\"\r\n",
            from: "1.0.0", to: "1.0.1", gives: "\u{FEFF}[project]\r\nname = \"w\"\r\nversion = \"1.0.1\"\r\n")
    }

    @Test("A dynamic version, a missing one, a non-string one and broken TOML are errors")
    func errors() throws {
        try expectFailure(
            "pyproject.toml", "[project]\nname = \"w\"\ndynamic = [\"version\", \"readme\"]\n",
            #"the version is dynamic (dynamic = ["version"] in [project]), so it is not written here; "#
                + #"list the file that holds it instead, e.g. 'src/pkg/__init__.py:__version__ = "(.*)"'"#)
        try expectFailure(
            "pyproject.toml", "[project]\nname = \"w\"\n\n[tool.black]\nline-length = 100\n",
            #"no version in [project] or [tool.poetry]; add version = "1.2.3" there, "#
                + "or list the file as 'pyproject.toml:<regex>'")
        try expectFailure(
            "py/pyproject.toml", "[tool.poetry.dependencies]\nrequests = { version = \"^2\" }\n",
            #"no version in [project] or [tool.poetry]; add version = "1.2.3" there, "#
                + "or list the file as 'py/pyproject.toml:<regex>'")
        try expectFailure(
            "pyproject.toml", "[project]\nname = \"w\"\nversion = 1\n",
            #"version in [project] (line 3) is not a string; write version = "1.2.3""#)
        try expectFailure(
            "pyproject.toml", "[project]\nname = \"w\"\nversion = \"1.2\\u002E3\"\n",
            "version in [project] (line 3) is written in a form that cannot be edited in place; "
                + #"write it as version = "1.2.3" under a [project] header, on one line, without escapes"#)
        try expectFailure(
            "pyproject.toml", "[project]\nversion = \"\"\"1.2.3\"\"\"\n",
            "version in [project] (line 2) is written in a form that cannot be edited in place; "
                + #"write it as version = "1.2.3" under a [project] header, on one line, without escapes"#)
        let broken = try VersionFile.parse("pyproject.toml")
        let error = #expect(throws: VersionFileError.self) {
            try broken.currentVersion(in: Array("[project]\nname = \"w\"\nversion = \"1.0.0\n".utf8))
        }
        #expect(error?.path == "pyproject.toml")
        #expect(error?.message.hasPrefix("not valid TOML (line 3, column") == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("); fix the file first") == true)
        try expectFailure(
            "pyproject.toml", "[project]\nversion = \"1.0.0\"\n\0\n",
            "not valid TOML (line 3: a NUL character); fix the file first")
    }
}
