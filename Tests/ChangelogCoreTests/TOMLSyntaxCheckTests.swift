import Testing

@testable import ChangelogCore

// Inputs found by Fuzz/Sources/FuzzConfiguration: each aborted the process inside toml++ (an
// assertion) before TOMLSyntaxCheck ran first; now they are one-line errors naming line and column.
@Suite struct TOMLSyntaxCheckTests {
    @Test(
        "A table name starting with a character that starts no key is an error, not an abort",
        arguments: [
            ("[!]\n", 1, 2, "expected a table name, found '!'"),
            ("# x\n\n  [[ {a}]]\n", 3, 6, "expected a table name, found '{'"),
            ("[changelog]\nrepository = \"x\"\n[\n", 3, 2, "expected a table name, found the end of the line"),
            ("\u{FEFF}[\u{FFFD}s]", 1, 2, "expected a table name, found '\u{FFFD}'"),
        ])
    func tableNames(text: String, line: Int, column: Int, problem: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        }
        #expect(error?.message == "line \(line), column \(column): TOML syntax error: \(problem)")
    }

    @Test("An array element starting with '}' is an error, not an abort")
    func closingBraceInArray() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[release]\nfiles = [\"VERSION\", }]\n", file: ".clog.toml", flavor: .clog)
        }
        #expect(error?.description == ".clog.toml: line 2, column 21: TOML syntax error: expected a value or ']', found '}'")
        #expect(TOMLSyntaxCheck.abortingError(in: "a = [ # c\n\n }")?.line == 3)
        #expect(TOMLSyntaxCheck.abortingError(in: "a = { b = [ } ] }")?.column == 13)
    }

    /// `1979-09-01 5`: toml++ reads a date-time with a space before a one-digit time, and asserts.
    @Test(
        "A date, a space and a digit that is no time is an error, not an abort",
        arguments: [
            "a=1979-09-=1 5\n", "a = 1979-09-01 0\n", "a = [1979-09-0a 5]", "a = 0000-00-00 0", "e=1C79-09-=1 5 ", "a = 1abc-de-fg 5]",
            "a=1C79-\u{FFFD}9-=1 5\n", "a=1ü79-é9-=1 5\n",
        ])
    func dateSpaceDigit(text: String) throws {
        let found = try #require(TOMLSyntaxCheck.abortingError(in: text))
        #expect(found.problem == "expected a time (HH:MM:SS) after the date and the space")
        #expect(throws: ConfigurationError.self) { try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog) }
    }

    @Test func aDateTimeWithASpaceIsStillValid() throws {
        #expect(TOMLSyntaxCheck.abortingError(in: "a = 1979-05-27 07:32:00Z\nb = [1979-05-27 07:32:00, 1979-05-27 # c\n]") == nil)
        #expect(TOMLSyntaxCheck.abortingError(in: "a = 1979-05-27 \n") == nil)
    }

    @Test("A date whose 'T' is followed by no digit is an error, not an abort")
    func dateTimeWithoutTime() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse("a = { b = [1, 1979-05-27T\u{FFFD}7:32:00Z] }\n", file: ".changelog.toml", flavor: .changelog)
        }
        #expect(error?.message == "line 1, column 26: TOML syntax error: expected a time after 'T', found '\u{FFFD}'")
        #expect(TOMLSyntaxCheck.abortingError(in: "a = 2026-11-21tZ")?.problem == "expected a time after 't', found 'Z'")
        #expect(TOMLSyntaxCheck.abortingError(in: "a = 2026-11-21T") == nil, "the end of the text is reported by toml++")
        // A bare key may look like a date.
        #expect(TOMLSyntaxCheck.abortingError(in: "2026-11-21Tx = 2026-11-21T10:00:00Z\nb = [ 2026-11-21t01:02:03 ]") == nil)
    }

    @Test("Brackets and braces in strings, comments, values and nested arrays are not taken for headers")
    func validTOML() throws {
        let texts = [
            "[release]\ncommit-message = \"\"\"\\\n[!] release {version}\"\"\"\n",
            "[release]\ncommit-message = '''\n[!]'''\ntag-message = \"[!] \\\" [\"\n",
            "a = \"\"\"x\\\n[!]\"\"\"\"\"\n",
            "a = [\n  [+1], # [!]\n  [{ b = 1 }, {}],\n]\n",
            "a = [\n[\n{}]]\n[\"!\"]\n['}']\nb = {}\n",
            "a = 1 # [!\n[ b . c ]\n[[ d ]]\n",
        ]
        for text in texts {
            #expect(TOMLSyntaxCheck.abortingError(in: text) == nil, "\(text)")
            // toml++ itself parses what the check lets through.
            #expect(throws: Never.self, "\(text)") { _ = try TOMLDocument(text, file: "valid.toml") }
        }
        let configuration = try Configuration.parse(texts[0], file: ".changelog.toml", flavor: .changelog)
        #expect(configuration.release.commitMessage == "[!] release {version}")
    }

    @Test("A version file in TOML with such a header is an error naming the file")
    func versionFile() throws {
        let file = try VersionFile.parse("pyproject.toml")
        let error = #expect(throws: VersionFileError.self) {
            try file.currentVersion(in: Array("[project]\nversion = \"1.0.0\"\n[+x]\n".utf8))
        }
        #expect(error?.path == "pyproject.toml")
        #expect(error?.message == "not valid TOML (line 3, column 2: expected a table name, found '+'); fix the file first")
    }
}
