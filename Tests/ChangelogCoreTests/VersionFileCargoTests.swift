import Testing

@testable import ChangelogCore

@Suite("VersionFile: Cargo.toml")
struct VersionFileCargoTests {
    @Test("[package] version changes; dependency versions before and after it and [[bin]] tables do not")
    func realisticCargo() throws {
        let cargo = """
            [dependencies]
            serde = { version = "1", features = ["derive"] }

            [ package ] # the crate
            name = "widget"
            version = "0.3.1" # keep
            edition = "2021"
            authors = [
                "A. Person <a@example.com>",
            ]

            [package.metadata.docs.rs]
            all-features = true

            [[bin]]
            name = "widget"
            path = "src/main.rs"

            [dependencies.tokio]
            version = "1.35"
            features = ["full"]

            [dev-dependencies]
            pretty_assertions = { version = "1.4" }

            """
        let expected = cargo.replacingFirst(#"version = "0.3.1" # keep"#, with: #"version = "0.4.0" # keep"#)
        try expectUpdate("Cargo.toml", cargo, from: "0.3.1", to: "0.4.0", gives: expected)
    }

    @Test("A version key in an array of tables is never taken for the package's")
    func arrayTables() throws {
        let cargo = "[[package]]\nname = \"a\"\nversion = \"9.9.9\"\n\n[package2]\n"
        try expectFailure(
            "Cargo.toml", cargo + "\n",
            #"no version in [package] or [workspace.package]; add version = "1.2.3" there, "#
                + "or list the file as 'Cargo.toml:<regex>'")
    }

    @Test("A virtual workspace's [workspace.package] version changes")
    func workspacePackage() throws {
        let cargo = """
            [workspace]
            members = ["crates/*"]
            resolver = "2"

            [workspace.package]
            version = "2.0.0-rc.1"
            edition = "2021"

            [workspace.dependencies]
            serde = { version = "1.0" }

            """
        try expectUpdate(
            "Cargo.toml", cargo, from: "2.0.0-rc.1", to: "2.0.0",
            gives: cargo.replacingFirst("version = \"2.0.0-rc.1\"", with: "version = \"2.0.0\""))
    }

    @Test("A root package inheriting from its own [workspace.package] updates the workspace version")
    func rootInheritsFromSameFile() throws {
        let cargo = """
            [package]
            name = "app"
            version.workspace = true

            [workspace]
            members = [".", "crates/core"]

            [workspace.package]
            version = "1.4.0"

            """
        try expectUpdate(
            "Cargo.toml", cargo, from: "1.4.0", to: "1.5.0",
            gives: cargo.replacingFirst("version = \"1.4.0\"", with: "version = \"1.5.0\""))
    }

    @Test(
        "A member crate that inherits its version is an error saying where the version lives",
        arguments: [
            "[package]\nname = \"core\"\nversion.workspace = true\nedition.workspace = true\n",
            "[package]\nname = \"core\"\nversion = { workspace = true }\n",
        ])
    func inherited(_ cargo: String) throws {
        try expectFailure(
            "crates/core/Cargo.toml", cargo,
            "the version is inherited from the workspace (version.workspace = true in [package]); "
                + "list the workspace's Cargo.toml, whose [workspace.package] holds the version, instead")
    }

    @Test("CRLF line ends and a byte order mark are kept")
    func crlfAndBOM() throws {
        try expectUpdate(
            "Cargo.toml", "\u{FEFF}[package]\r\nname = \"w\"\r\nversion = '0.1.0'\r\n",
            from: "0.1.0", to: "0.2.0", gives: "\u{FEFF}[package]\r\nname = \"w\"\r\nversion = '0.2.0'\r\n")
    }

    @Test("No version, or no package at all, is an error")
    func errors() throws {
        try expectFailure(
            "Cargo.toml", "[package]\nname = \"w\"\n\n[workspace.package]\nversion = \"1.0.0\"\n",
            #"no version in [package]; add version = "1.2.3" there, or list the file as 'Cargo.toml:<regex>'"#)
        try expectFailure(
            "Cargo.toml", "[dependencies]\nserde = { version = \"1\" }\n",
            #"no version in [package] or [workspace.package]; add version = "1.2.3" there, "#
                + "or list the file as 'Cargo.toml:<regex>'")
        try expectFailure(
            "Cargo.toml", "[package]\nname = \"w\"\nversion = [1, 0]\n",
            #"version in [package] (line 3) is not a string; write version = "1.2.3""#)
        try expectFailure(
            "Cargo.toml", "[package]\nname = \"w\"\n[package]\nversion = \"1.0.0\"\n",
            "not valid TOML (line 3, column 1: Error while parsing table header: cannot redefine existing "
                + "table 'package'); fix the file first")
    }
}

@Suite("VersionFile: TOML key locator")
struct TOMLKeyLocatorTests {
    @Test("Each key is attributed to its table, with its line; only single-line strings have a content range")
    func entries() {
        let text = "a = 1\n[t]\nb.c = 'x'\nd = \"\"\"\nm\n\"\"\"\n[[arr]]\ne = \"y\"\nf = { g = \"z\", h = [1, {i = 2}] }\n"
        let bytes = Array(text.utf8)
        let entries = TOMLKeyLocator.entries(in: bytes)
        #expect(entries.map { $0.path.joined(separator: ".") } == ["a", "t.b.c", "t.d", "arr.e", "arr.f", "arr.f.g", "arr.f.h"])
        #expect(entries.map(\.line) == [1, 3, 4, 8, 9, 9, 9])
        #expect(entries.map(\.inArrayTable) == [false, false, false, true, true, true, true])
        #expect(
            entries.map { $0.stringContent.map { String(decoding: bytes[$0], as: UTF8.self) } }
                == [nil, "x", nil, "y", nil, "z", nil])
    }
}
