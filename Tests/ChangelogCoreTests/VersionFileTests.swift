import Testing

@testable import ChangelogCore

// Helpers shared by the VersionFile*Tests suites.

func semver(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SemanticVersion {
    guard let version = SemanticVersion(text) else {
        Issue.record("'\(text)' should parse", sourceLocation: sourceLocation)
        return SemanticVersion(major: 0, minor: 0, patch: 0)
    }
    return version
}

/// Reads the current version of `content` through `entry`, updates it to `version` and checks the
/// whole result byte for byte (a String comparison alone would equate NFC and NFD text).
func expectUpdate(
    _ entry: String, _ content: String, from current: String, to version: String, gives expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try expectUpdate(
        entry, Array(content.utf8), from: current, to: version, gives: Array(expected.utf8),
        sourceLocation: sourceLocation)
}

func expectUpdate(
    _ entry: String, _ content: [UInt8], from current: String, to version: String, gives expected: [UInt8],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let file = try VersionFile.parse(entry)
    #expect(try file.currentVersion(in: content) == current, sourceLocation: sourceLocation)
    let result = try file.updating(content, to: semver(version))
    #expect(
        String(decoding: result, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
        sourceLocation: sourceLocation)
    #expect(result == expected, "bytes differ", sourceLocation: sourceLocation)
    #expect(try file.currentVersion(in: result) == version, sourceLocation: sourceLocation)
}

/// Both reading and updating `content` through `entry` fail with exactly `message`.
func expectFailure(
    _ entry: String, _ content: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try expectFailure(entry, Array(content.utf8), message, sourceLocation: sourceLocation)
}

func expectFailure(
    _ entry: String, _ content: [UInt8], _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let file = try VersionFile.parse(entry)
    let expected = VersionFileError(path: file.path, message: message)
    #expect(throws: expected, sourceLocation: sourceLocation) { try file.currentVersion(in: content) }
    #expect(throws: expected, sourceLocation: sourceLocation) { try file.updating(content, to: semver("9.9.9")) }
}

/// The error `VersionFile.parse(entry)` throws.
func parseError(_ entry: String, sourceLocation: SourceLocation = #_sourceLocation) -> VersionFileError? {
    do {
        let file = try VersionFile.parse(entry)
        Issue.record("'\(entry)' parsed as \(file)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

struct EntryCase: Sendable, CustomTestStringConvertible {
    var entry: String
    var format: VersionFile.Format
    var testDescription: String { entry }
}

@Suite("VersionFile: entries, VERSION files, patterns")
struct VersionFileTests {
    // MARK: Parsing entries

    @Test(
        "Known file names are recognised in any directory",
        arguments: [
            EntryCase(entry: "VERSION", format: .plain),
            EntryCase(entry: "VERSION.txt", format: .plain),
            EntryCase(entry: "./VERSION", format: .plain),
            EntryCase(entry: "setup.py", format: .setupPy),
            EntryCase(entry: "python/setup.py", format: .setupPy),
            EntryCase(entry: "pyproject.toml", format: .pyproject),
            EntryCase(entry: "package.json", format: .packageJSON),
            EntryCase(entry: "web/app/package.json", format: .packageJSON),
            EntryCase(entry: "Cargo.toml", format: .cargoToml),
            EntryCase(entry: "crates/core/Cargo.toml", format: .cargoToml),
        ])
    func knownNames(_ c: EntryCase) throws {
        let file = try VersionFile.parse(c.entry)
        #expect(file == VersionFile(path: c.entry, format: c.format))
    }

    @Test("path:regex splits at the first colon, so patterns may hold colons")
    func patternEntries() throws {
        #expect(
            try VersionFile.parse(#"src/version.h:#define APP_VERSION "(.*)""#)
                == VersionFile(path: "src/version.h", format: .pattern(#"#define APP_VERSION "(.*)""#)))
        #expect(
            try VersionFile.parse("chart/Chart.yaml:^version: (.*)$")
                == VersionFile(path: "chart/Chart.yaml", format: .pattern("^version: (.*)$")))
        // A known name with a pattern is a pattern entry.
        #expect(try VersionFile.parse(#"setup.py:VERSION = '(.*)'"#).format == .pattern("VERSION = '(.*)'"))
    }

    @Test(
        "Exactly one capture group: named groups count, (?:), lookarounds, escapes and classes do not",
        arguments: [
            #"v(\d+\.\d+\.\d+)"#, #"(?<version>[^"]+)"#, #"(?P<v>.*)"#, #"(?'v'.*)"#, #"(?:version|VERSION) = "(.*)""#,
            #"\(not a group\) "(.*)""#, #"[(]x[)] (.*)"#, #"[)(] (.*)"#, #"(?=\d)(\d.*)(?!x)"#, #"(?i)version: (.*)"#,
            #"\Q(literal)\E(.*)"#,
        ])
    func oneGroup(_ pattern: String) throws {
        #expect(try VersionFile.parse("f:" + pattern).format == .pattern(pattern))
        #expect(PatternLocator.captureGroupCount(pattern) == 1)
    }

    @Test("Counting groups also knows what Swift's Regex does not support yet")
    func groupCountBeyondSwiftRegex() {
        #expect(PatternLocator.captureGroupCount(#"(?<=v)(\d.*)(?<!x)"#) == 1)
        #expect(PatternLocator.captureGroupCount(#"[]()] (.*)"#) == 1)
        #expect(PatternLocator.captureGroupCount(#"[^]()] (.*)"#) == 1)
        #expect(PatternLocator.captureGroupCount(#"(?P=name)(?P<name>x)"#) == 1)
        #expect(PatternLocator.captureGroupCount(#"(*ACCEPT)(a)(b)"#) == 2)
        #expect(PatternLocator.captureGroupCount(#"\Q(a)(b)"#) == 0)
    }

    @Test("Entries that name no known file or hold a broken pattern are errors that say how to write them")
    func entryErrors() throws {
        #expect(
            parseError("docs/conf.py")
                == VersionFileError(
                    path: "docs/conf.py",
                    message: "cannot tell where the version is in this file; name a VERSION, VERSION.txt, setup.py, "
                        + "pyproject.toml, package.json or Cargo.toml file, or write 'docs/conf.py:regex' with one capture "
                        + #"group around the version, e.g. 'docs/conf.py:version = "(.*)"'"#))
        #expect(parseError("version.txt")?.message.hasPrefix("cannot tell where the version is in this file") == true)
        #expect(parseError("Cargo.toml/")?.path == "Cargo.toml/")
        #expect(
            parseError("")
                == VersionFileError(
                    path: "",
                    message: "cannot tell where the version is in an empty entry; name a VERSION, VERSION.txt, setup.py, "
                        + "pyproject.toml, package.json or Cargo.toml file, or write '<path>:regex' with one capture group "
                        + #"around the version, e.g. '<path>:version = "(.*)"'"#))
        #expect(
            parseError(#":version = "(.*)""#)
                == VersionFileError(
                    path: #":version = "(.*)""#,
                    message: #"no file name before ':'; write 'path:regex', e.g. 'src/version.h:VERSION "(.*)"'"#))
        #expect(
            parseError("src/version.h:")
                == VersionFileError(
                    path: "src/version.h",
                    message: "no regular expression after ':'; write 'src/version.h:regex' with one capture group around "
                        + #"the version, e.g. 'src/version.h:version = "(.*)"'"#))
        #expect(
            parseError("src/version.h:VERSION (")
                == VersionFileError(
                    path: "src/version.h",
                    message: "the pattern 'VERSION (' is not a valid regular expression (expected ')'); write "
                        + #"'src/version.h:regex' with one capture group around the version, e.g. 'src/version.h:version = "(.*)"'"#))
        #expect(
            parseError("f:version = .*")
                == VersionFileError(
                    path: "f",
                    message: "the pattern 'version = .*' has no capture group; it needs exactly one, around the version, "
                        + #"e.g. 'version = "(.*)"' (write any other group as (?:...))"#))
        #expect(
            parseError(#"f:(version|VERSION) = "(.*)""#)
                == VersionFileError(
                    path: "f",
                    message: #"the pattern '(version|VERSION) = "(.*)"' has 2 capture groups; it needs exactly one, around "#
                        + #"the version, e.g. 'version = "(.*)"' (write any other group as (?:...))"#))
        #expect(parseError("f:(?<a>x)(?P<b>y)")?.message.contains("has 2 capture groups") == true)
    }

    @Test("An error prints as 'path: message', or the message alone when there is no path")
    func errorDescription() {
        #expect(VersionFileError(path: "a/Cargo.toml", message: "no version").description == "a/Cargo.toml: no version")
        #expect(VersionFileError(path: "", message: "empty").description == "empty")
    }

    // MARK: VERSION files

    @Test("A VERSION file is the version alone; a BOM, whitespace and the line ending are kept")
    func plain() throws {
        try expectUpdate("VERSION", "1.2.3\n", from: "1.2.3", to: "1.3.0", gives: "1.3.0\n")
        try expectUpdate("VERSION", "1.2.3", from: "1.2.3", to: "1.3.0", gives: "1.3.0")
        try expectUpdate("VERSION.txt", "1.2.3\r\n", from: "1.2.3", to: "2.0.0-rc.1", gives: "2.0.0-rc.1\r\n")
        try expectUpdate("VERSION", "\u{FEFF}1.2.3\n", from: "1.2.3", to: "1.2.4", gives: "\u{FEFF}1.2.4\n")
        try expectUpdate("VERSION", "  0.0.0.dev0 \t\n\n", from: "0.0.0.dev0", to: "0.1.0", gives: "  0.1.0 \t\n\n")
        try expectUpdate("VERSION", "", from: "", to: "0.1.0", gives: "0.1.0")
        try expectUpdate("VERSION", "\n", from: "", to: "0.1.0", gives: "0.1.0\n")
        try expectUpdate("VERSION", "\u{FEFF}", from: "", to: "0.1.0", gives: "\u{FEFF}0.1.0")
    }

    @Test("A VERSION file with more than the version is an error, not a guess")
    func plainErrors() throws {
        try expectFailure(
            "VERSION", "1.2.3\n1.2.4\n",
            "holds more than one line; a VERSION file holds the version alone, e.g. 1.2.3 "
                + "(or list the file as 'VERSION:<regex>')")
        try expectFailure(
            "pkg/VERSION.txt", "Version: 1.2.3\n",
            "holds more than one word; a VERSION.txt file holds the version alone, e.g. 1.2.3 "
                + "(or list the file as 'pkg/VERSION.txt:<regex>')")
    }

    @Test(
        "A file that is not UTF-8 is an error naming the line",
        arguments: [
            VersionFile(path: "VERSION", format: .plain), VersionFile(path: "setup.py", format: .setupPy),
            VersionFile(path: "pyproject.toml", format: .pyproject), VersionFile(path: "package.json", format: .packageJSON),
            VersionFile(path: "Cargo.toml", format: .cargoToml), VersionFile(path: "v.h", format: .pattern("V (.*)")),
        ])
    func notUTF8(_ file: VersionFile) {
        // Latin-1 "é" on line 2, and a truncated sequence on line 3.
        for bytes: [UInt8] in [Array("x\nname = \"caf".utf8) + [0xE9, 0x22, 0x0A], Array("a\nb\nc".utf8) + [0xE2, 0x82]] {
            let line = bytes.last == 0x0A ? 2 : 3
            let expected = VersionFileError(
                path: file.path, message: "not valid UTF-8 (line \(line)); save the file as UTF-8")
            #expect(throws: expected) { try file.currentVersion(in: bytes) }
            #expect(throws: expected) { try file.updating(bytes, to: semver("1.0.0")) }
        }
    }

    // MARK: Patterns

    @Test("A pattern replaces its capture group only; CRLF line ends and trailing comments stay")
    func patternCRLF() throws {
        let header =
            "#ifndef APP_VERSION_H\r\n#define APP_VERSION_H\r\n"
            + "#define APP_VERSION_MAJOR 1\r\n"
            + "#define APP_VERSION \"1.2.3\" // bumped by changelog\r\n"
            + "#endif\r\n"
        try expectUpdate(
            #"include/version.h:^#define APP_VERSION "(.*)""#, header, from: "1.2.3", to: "1.3.0",
            gives: header.replacingFirst("\"1.2.3\"", with: "\"1.3.0\""))
        // `$` matches before "\r\n", and `.` does not swallow the "\r".
        try expectUpdate(
            "include/version.h:^#define APP_VERSION_MAJOR (.*)$", header, from: "1", to: "2.0.0",
            gives: header.replacingFirst("MAJOR 1", with: "MAJOR 2.0.0"))
        // Like other regex engines, a pattern sees "\r" and "\n" as two characters (Swift's `Character`
        // would hold "\r\n" as one, and `\r` alone would never match).
        try expectUpdate(
            "include/version.h:_MAJOR (.*)\r", header, from: "1", to: "3.0.0",
            gives: header.replacingFirst("MAJOR 1", with: "MAJOR 3.0.0"))
    }

    @Test("^ and $ match at line ends, so a pattern can pick the top-level key of a YAML file")
    func patternYAML() throws {
        let chart = """
            apiVersion: v2
            name: widget
            version: 0.4.0
            appVersion: "1.2.3"
            dependencies:
              - name: postgresql
                version: 12.1.0
                repository: https://charts.bitnami.com/bitnami

            """
        try expectUpdate(
            "chart/Chart.yaml:^version: (.*)$", chart, from: "0.4.0", to: "0.5.0",
            gives: chart.replacingFirst("version: 0.4.0", with: "version: 0.5.0"))
        try expectUpdate(
            #"chart/Chart.yaml:^appVersion: "(.*)"$"#, chart, from: "1.2.3", to: "1.3.0-rc.1",
            gives: chart.replacingFirst(#"appVersion: "1.2.3""#, with: #"appVersion: "1.3.0-rc.1""#))
        try expectFailure(
            "chart/Chart.yaml:version: (.*)", chart,
            "the pattern 'version: (.*)' matches 2 times (lines 3, 7); it must match exactly once: "
                + "make it more specific, e.g. anchor it with ^ and $")
    }

    @Test("Pattern errors: no match, a group outside the match, a version the pattern could not find again")
    func patternErrors() throws {
        try expectFailure(
            #"src/version.h:#define VERSION "(.*)""#, "#define APP_VERSION 1\n",
            #"the pattern '#define VERSION "(.*)"' does not match; write it to match the line that "#
                + "holds the version, with one capture group around the version")
        try expectFailure(
            #"VERSION:(?:version = "(.*)"|VERSION)"#, "# VERSION file\n",
            #"the pattern '(?:version = "(.*)"|VERSION)' matches on line 1 but its capture group "#
                + "takes no part in the match; put the group around the version itself")

        let file = try VersionFile.parse(#"v.py:__version__ = "(1\.\d+\.\d+)""#)
        let content = Array("__version__ = \"1.4.2\"\n".utf8)
        #expect(try file.currentVersion(in: content) == "1.4.2")
        #expect(
            throws: VersionFileError(
                path: "v.py",
                message: #"after writing 2.0.0 the version could no longer be found: the pattern '__version__ = "(1\.\d+\.\d+)"' "#
                    + "does not match; write it to match the line that holds the version, with one capture group around "
                    + "the version")
        ) { try file.updating(content, to: semver("2.0.0")) }

        let digit = try VersionFile.parse("build.gradle:version=(\\d)")
        #expect(
            throws: VersionFileError(
                path: "build.gradle",
                message: #"after writing 2.0.0 the version reads back as "2"; make the capture group match any whole version"#
            )
        ) { try digit.updating(Array("version=1\n".utf8), to: semver("2.0.0")) }
    }
}

extension String {
    /// `self` with the first occurrence of `target` replaced; records an issue when there is none,
    /// so a test's expected text cannot silently equal its input.
    func replacingFirst(_ target: String, with replacement: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        guard let range = firstRange(of: target) else {
            Issue.record("'\(target)' not found", sourceLocation: sourceLocation)
            return self
        }
        var result = self
        result.replaceSubrange(range, with: replacement)
        return result
    }
}
