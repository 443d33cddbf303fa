import Testing

@testable import ChangelogCore

@Suite("VersionFile: package.json")
struct VersionFilePackageJSONTests {
    @Test("Only the top-level \"version\" changes, even after nested ones in dependencies and engines")
    func realisticPackageJSON() throws {
        let package = #"""
            {
              "name": "@acme/widget",
              "private": true,
              "description": "Set \"version\": \"0.0.0\" in your config",
              "engines": { "node": ">=18", "version": "ignored" },
              "dependencies": {
                "left-pad": "^1.3.0",
                "version": "npm:semver@^7.0.0"
              },
              "publishConfig": {"registry": "https://npm.example.com", "version": "0.0.1"},
              "workspaces": [{"version": "9.9.9"}, "packages/*"],
              "keywords": ["version", "release"],
              "versions": "not this one",
              "version"  :	"1.2.3",
              "scripts": {
                "test": "jest"
              }
            }

            """#
        let expected = package.replacingFirst("\"version\"  :\t\"1.2.3\",", with: "\"version\"  :\t\"2.0.0\",")
        try expectUpdate("package.json", package, from: "1.2.3", to: "2.0.0", gives: expected)
    }

    @Test("Compact JSON, CRLF and a byte order mark are kept as written")
    func compactAndCRLF() throws {
        try expectUpdate(
            "package.json", #"{"name":"w","version":"0.0.0-development","main":"index.js"}"#,
            from: "0.0.0-development", to: "0.1.0",
            gives: #"{"name":"w","version":"0.1.0","main":"index.js"}"#)
        try expectUpdate(
            "web/package.json", "\u{FEFF}{\r\n\t\"version\": \"1.0.0\",\r\n\t\"name\": \"w\"\r\n}\r\n",
            from: "1.0.0", to: "1.1.0",
            gives: "\u{FEFF}{\r\n\t\"version\": \"1.1.0\",\r\n\t\"name\": \"w\"\r\n}\r\n")
    }

    @Test("A missing, repeated or non-string version is an error")
    func versionErrors() throws {
        try expectFailure(
            "package.json", "{\n  \"name\": \"w\",\n  \"engines\": {\"version\": \"1\"}\n}\n",
            #"no top-level "version" member; add "version": "1.2.3" to the top-level object, "#
                + "or list the file as 'package.json:<regex>'")
        try expectFailure(
            "package.json", "{\n  \"version\": \"1.0.0\",\n  \"name\": \"w\",\n  \"version\": \"1.0.1\"\n}\n",
            #"2 top-level "version" members (lines 2, 4) where one is expected; keep one"#)
        try expectFailure(
            "package.json", "{\n  \"name\": \"w\",\n  \"version\": 1\n}\n",
            #"the top-level "version" member (line 3) is not a string; write "version": "1.2.3""#)
    }

    @Test(
        "Text that is not a JSON object is an error naming the line",
        arguments: [
            ("", "not valid JSON: the file is empty (line 1); fix the file first"),
            ("[\n{\"version\": \"1.0.0\"}\n]\n", "not valid JSON: the top level is not an object (line 1); fix the file first"),
            (
                "{\n  \"name\": \"w,\n  \"version\": \"1.0.0\"\n}\n",
                "not valid JSON: a string is not terminated (line 2); fix the file first"
            ),
            ("{\n  \"version\": \"1.0.0\"\n", "not valid JSON: the top-level object is not closed (line 3); fix the file first"),
            (
                "{\n  \"version\": \"1.0.0\"\n}\n}\n",
                "not valid JSON: more content after the top-level object (line 4); fix the file first"
            ),
            ("{\n  \"version\" \"1.0.0\"\n}\n", "not valid JSON: a member name without ':' (line 2); fix the file first"),
        ])
    func invalidJSON(_ content: String, _ message: String) throws {
        try expectFailure("package.json", content, message)
    }
}
