import Testing

@testable import ChangelogCore

@Suite("package-lock.json")
struct PackageLockTests {
    static let packages = """
          "packages": {
            "": {
              "name": "widget",
              "version": "1.0.0",
              "license": "MIT",
              "dependencies": {
                "left-pad": "^1.3.0"
              },
              "devDependencies": {
                "version": "^2.0.0"
              }
            },
            "node_modules/left-pad": {
              "version": "1.0.0",
              "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.0.0.tgz",
              "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEB+8Jq/0uXfbWXTXxrzDd0R6gGP/P+I/+ki6sY7+g1nuIV2g==",
              "deprecated": "use String.prototype.padStart()",
              "license": "WTFPL"
            },
            "node_modules/version": {
              "version": "2.0.1",
              "dev": true
            }
          }
        """

    /// As npm 10 writes it: the root's own entry under "", dependencies that happen to be at 1.0.0 too.
    static let lockV3 = """
        {
          "name": "widget",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
        \(packages)
        }

        """

    static let lockV2 = """
        {
          "name": "widget",
          "version": "1.0.0",
          "lockfileVersion": 2,
          "requires": true,
        \(packages),
          "dependencies": {
            "left-pad": {
              "version": "1.0.0",
              "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.0.0.tgz",
              "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEB+8Jq/0uXfbWXTXxrzDd0R6gGP/P+I/+ki6sY7+g1nuIV2g=="
            }
          }
        }

        """

    func update(_ lock: String, to version: String) throws -> (text: String, previous: String) {
        let result = try PackageLock.updating(Array(lock.utf8), path: "package-lock.json", to: semver(version))
        return (String(decoding: result.bytes, as: UTF8.self), result.previous)
    }

    @Test("v3 and v2: the top-level version and packages[\"\"].version, nothing else")
    func versions2And3() throws {
        for lock in [Self.lockV3, Self.lockV2] {
            let result = try update(lock, to: "1.1.0")
            let expected =
                lock
                .replacingFirst("\"version\": \"1.0.0\",\n  \"lockfileVersion\"", with: "\"version\": \"1.1.0\",\n  \"lockfileVersion\"")
                .replacingFirst(
                    "\"name\": \"widget\",\n      \"version\": \"1.0.0\"", with: "\"name\": \"widget\",\n      \"version\": \"1.1.0\"")
            #expect(result.text == expected)
            #expect(result.previous == "1.0.0")
        }
    }

    @Test("Versions of different lengths that disagree both take the new one")
    func staleRootEntry() throws {
        let lock = Self.lockV3.replacingFirst(
            "\"name\": \"widget\",\n      \"version\": \"1.0.0\"",
            with: "\"name\": \"widget\",\n      \"version\": \"0.10.0-dev\"")
        let result = try update(lock, to: "1.1.0-rc.1")
        #expect(
            result.text
                == lock.replacingFirst(
                    "\"version\": \"1.0.0\",\n  \"lockfileVersion\"", with: "\"version\": \"1.1.0-rc.1\",\n  \"lockfileVersion\""
                )
                .replacingFirst("\"version\": \"0.10.0-dev\"", with: "\"version\": \"1.1.0-rc.1\""))
        #expect(result.previous == "1.0.0")
    }

    @Test("v1: the top-level version only; tabs, no final newline and a BOM are kept")
    func version1() throws {
        let lock =
            "\u{FEFF}{\n\t\"name\": \"widget\",\n\t\"lockfileVersion\": 1,\n\t\"dependencies\": {\n\t\t\"left-pad\": {\n"
            + "\t\t\t\"version\": \"1.0.0\"\n\t\t}\n\t},\n\t\"requires\": true,\n\t\"version\": \"1.0.0\"\n}"
        let result = try update(lock, to: "2.0.0-rc.1")
        #expect(result.text == lock.replacingFirst("\"version\": \"1.0.0\"\n}", with: "\"version\": \"2.0.0-rc.1\"\n}"))
    }

    @Test("A lock file of another shape is refused with what to do")
    func refusals() throws {
        func message(_ lock: String) -> String? {
            do {
                _ = try update(lock, to: "1.1.0")
                return nil
            } catch {
                return "\(error)"
            }
        }
        let fix = "run npm install to rewrite it and commit it, then release"
        #expect(
            message(Self.lockV3.replacingFirst("\"lockfileVersion\": 3", with: "\"lockfileVersion\": 4"))
                == "package-lock.json: no lockfileVersion 1, 2 or 3 at the top level; this tool edits only those package-lock.json formats")
        #expect(
            message("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"version\": \"1.0.0\"}}}")
                == "package-lock.json: no top-level \"version\" string; \(fix)")
        #expect(
            message("{\"version\": \"1.0.0\", \"lockfileVersion\": 2, \"packages\": {\"\": {\"name\": \"widget\"}}}")
                == "package-lock.json: no \"version\" string in packages[\"\"] (lockfileVersion 2); \(fix)")
        #expect(
            message("{\"version\": 1, \"lockfileVersion\": 1}")
                == "package-lock.json: the top-level \"version\" is not a string; \(fix)")
        #expect(
            message("{\"version\": \"1.0.\\u0030\", \"lockfileVersion\": 1}")
                == "package-lock.json: the top-level \"version\" is written with escapes; \(fix)")
        #expect(
            message("{\"version\": \"1.0.0\", \"version\": \"1.0.0\", \"lockfileVersion\": 1}")
                == "package-lock.json: not valid JSON: the member \"version\" appears twice (line 1); fix the file first")
        #expect(
            message(String(Self.lockV3.dropLast(3)))
                == "package-lock.json: not valid JSON: the file ends inside an object (line 29); fix the file first")
        #expect(
            message(Self.lockV3.replacingFirst("\"requires\": true", with: "\"requires\": tru"))
                == "package-lock.json: not valid JSON: a value is expected (line 5); fix the file first")
        #expect(
            message(Self.lockV3 + "{}")
                == "package-lock.json: not valid JSON: more content after the top-level object (line 31); fix the file first")
    }
}
