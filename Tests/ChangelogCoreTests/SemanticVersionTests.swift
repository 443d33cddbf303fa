import Testing

@testable import ChangelogCore

private func v(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SemanticVersion {
    guard let version = SemanticVersion(text) else {
        Issue.record("'\(text)' should parse", sourceLocation: sourceLocation)
        return SemanticVersion(major: -1, minor: -1, patch: -1)
    }
    return version
}

struct ValidVersionCase: Sendable, CustomTestStringConvertible {
    var text: String
    var major: Int, minor: Int, patch: Int
    var prerelease: [String] = []
    var build: [String] = []
    var testDescription: String { text }
}

@Suite("SemanticVersion")
struct SemanticVersionTests {
    // MARK: Parsing

    @Test(
        "Parses every form semver 2.0.0 allows, and prints it back unchanged",
        arguments: [
            ValidVersionCase(text: "0.0.0", major: 0, minor: 0, patch: 0),
            ValidVersionCase(text: "1.2.3", major: 1, minor: 2, patch: 3),
            ValidVersionCase(text: "10.20.30", major: 10, minor: 20, patch: 30),
            ValidVersionCase(text: "99999.0.1", major: 99999, minor: 0, patch: 1),
            ValidVersionCase(text: "1.0.0-alpha", major: 1, minor: 0, patch: 0, prerelease: ["alpha"]),
            ValidVersionCase(text: "1.0.0-alpha.1", major: 1, minor: 0, patch: 0, prerelease: ["alpha", "1"]),
            ValidVersionCase(text: "1.0.0-0.3.7", major: 1, minor: 0, patch: 0, prerelease: ["0", "3", "7"]),
            ValidVersionCase(text: "1.0.0-x.7.z.92", major: 1, minor: 0, patch: 0, prerelease: ["x", "7", "z", "92"]),
            ValidVersionCase(text: "1.0.0-x-y-z.--", major: 1, minor: 0, patch: 0, prerelease: ["x-y-z", "--"]),
            ValidVersionCase(text: "1.0.0-0A.is.legal", major: 1, minor: 0, patch: 0, prerelease: ["0A", "is", "legal"]),
            ValidVersionCase(text: "1.2.3-0a", major: 1, minor: 2, patch: 3, prerelease: ["0a"]),
            ValidVersionCase(text: "1.0.0-alpha+001", major: 1, minor: 0, patch: 0, prerelease: ["alpha"], build: ["001"]),
            ValidVersionCase(text: "1.0.0+20130313144700", major: 1, minor: 0, patch: 0, build: ["20130313144700"]),
            ValidVersionCase(
                text: "1.0.0-beta+exp.sha.5114f85", major: 1, minor: 0, patch: 0, prerelease: ["beta"],
                build: ["exp", "sha", "5114f85"]),
            ValidVersionCase(
                text: "1.0.0+21AF26D3----117B344092BD", major: 1, minor: 0, patch: 0,
                build: ["21AF26D3----117B344092BD"]),
            ValidVersionCase(
                text: "2.0.0-rc.1+build.123", major: 2, minor: 0, patch: 0, prerelease: ["rc", "1"],
                build: ["build", "123"]),
            ValidVersionCase(
                text: "1.2.3----RC-SNAPSHOT.12.9.1--.12+788", major: 1, minor: 2, patch: 3,
                prerelease: ["---RC-SNAPSHOT", "12", "9", "1--", "12"], build: ["788"]),
        ])
    func parsesValid(_ c: ValidVersionCase) throws {
        let version = try #require(SemanticVersion(c.text))
        #expect(version.major == c.major)
        #expect(version.minor == c.minor)
        #expect(version.patch == c.patch)
        #expect(version.prerelease == c.prerelease)
        #expect(version.build == c.build)
        #expect(version.isPrerelease == !c.prerelease.isEmpty)
        #expect(version.description == c.text)
        // Substrings parse the same way.
        #expect(SemanticVersion(c.text[...])?.description == c.text)
    }

    @Test(
        "Rejects what the specification does not allow",
        arguments: [
            // missing or extra components
            "", "1", "1.2", "1.2.3.4", "1.2.3.DEV", "1..3", ".1.2", "1.2.", "1.2.x", "a.b.c",
            // leading zeros in numeric parts
            "01.1.1", "1.01.1", "1.1.01", "00.0.0", "1.2.3-0123", "1.2.3-0123.0123", "1.2.3-rc.01", "1.2.3-00",
            // empty identifiers
            "1.2.3-", "1.2.3+", "1.2.3-rc..1", "1.2.3-.rc", "1.2.3-rc.", "1.1.2+.123", "1.2.3+a..b", "1.2.3-+b",
            "1.0.0-alpha..", "1.0.0-alpha...1",
            // prefixes, spaces, signs
            "v1.2.3", "V1.2.3", " 1.2.3", "1.2.3 ", "+1.2.3", "-1.2.3", "-1.0.3-gamma+b7718", "1.-2.3",
            // characters outside [0-9A-Za-z-]
            "1.0.0-alpha_beta", "1.2.3-é", "1.2.3+ß", "1.2.3-rc 1", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
            "１.2.3", "1.٢.3",
            // wrong shapes from the specification's test list
            "+invalid", "-invalid", "-invalid+invalid", "-invalid.01", "alpha", "alpha.beta", "alpha.1", "alpha+beta",
            "1.2-SNAPSHOT", "1.2-RC-SNAPSHOT", "+justmeta", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
            // does not fit in Int
            "99999999999999999999999.0.0",
        ])
    func rejectsInvalid(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test("parseTag accepts a bare version or a v/V prefix, and reports the prefix")
    func parseTag() throws {
        let bare = try #require(SemanticVersion.parseTag("1.2.3"))
        #expect(bare.version == v("1.2.3"))
        #expect(bare.prefix == "")

        let lower = try #require(SemanticVersion.parseTag("v1.4.0-rc.1"))
        #expect(lower.version == v("1.4.0-rc.1"))
        #expect(lower.version.prerelease == ["rc", "1"])
        #expect(lower.prefix == "v")

        let upper = try #require(SemanticVersion.parseTag("V2.0.0+build.7"))
        #expect(upper.version.description == "2.0.0+build.7")
        #expect(upper.prefix == "V")
    }

    @Test(
        "parseTag rejects other prefixes and invalid versions",
        arguments: [
            "", "v", "vv1.2.3", "version1.2.3", "release-1.2.3", "x1.2.3", "v1.2", "v01.2.3", "v1.2.3-", " v1.2.3",
            "v 1.2.3", "latest", "nightly",
        ])
    func parseTagRejects(_ name: String) {
        #expect(SemanticVersion.parseTag(name) == nil)
    }

    // MARK: Precedence (semver §11)

    static let specChain = [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0",
    ]

    @Test("The specification's example chain is strictly increasing")
    func specChainOrder() {
        let versions = Self.specChain.map { v($0) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower), "!(\(higher) < \(lower))")
            #expect(lower != higher)
        }
        // Transitivity across the whole chain, both ways round.
        for i in versions.indices {
            for j in versions.indices {
                #expect((versions[i] < versions[j]) == (i < j), "\(versions[i]) vs \(versions[j])")
            }
        }
    }

    @Test("Sorting any arrangement gives the specification's chain")
    func sortsSpecChain() {
        let chain = Self.specChain.map { v($0) }
        let arrangements: [[Int]] = [
            Array(chain.indices.reversed()),
            [3, 7, 0, 5, 1, 6, 2, 4],
            [7, 6, 5, 4, 0, 1, 2, 3],
        ]
        for arrangement in arrangements {
            #expect(arrangement.map { chain[$0] }.sorted().map(\.description) == Self.specChain)
        }
        #expect(chain.max()?.description == "1.0.0")
        #expect(chain.min()?.description == "1.0.0-alpha")
    }

    @Test(
        "Precedence pairs: lower < higher",
        arguments: [
            ("1.0.0", "2.0.0"), ("2.0.0", "2.1.0"), ("2.1.0", "2.1.1"),
            ("1.9.0", "1.10.0"), ("1.0.9", "1.0.10"), ("9.0.0", "10.0.0"), ("1.99.99", "2.0.0"),
            ("2.0.0-rc.1", "2.0.0"), ("1.9.9", "2.0.0-alpha"),
            ("1.0.0-rc.2", "1.0.0-rc.10"), ("1.0.0-2", "1.0.0-10"),
            ("1.0.0-1", "1.0.0-alpha"), ("1.0.0-999", "1.0.0-a"),
            ("1.0.0-Beta", "1.0.0-alpha"), ("1.0.0-RC.1", "1.0.0-rc.1"),
            ("1.0.0-alpha", "1.0.0-alpha-1"), ("1.0.0-alpha", "1.0.0-alpha.0"),
            ("1.0.0-a.b.c", "1.0.0-a.b.c.d"), ("1.0.0-beta.11", "1.0.0-beta.a"),
            ("1.0.0-0", "1.0.0-0.0"),
        ])
    func precedencePairs(_ lower: String, _ higher: String) {
        #expect(v(lower) < v(higher))
        #expect(!(v(higher) < v(lower)))
        #expect(v(lower) != v(higher))
    }

    @Test("Identifiers with a hyphen are alphanumeric: numeric ones sort before them, and they compare in ASCII order")
    func hyphenIdentifiersAreAlphanumeric() {
        // semver §11.4.3: numeric identifiers always have lower precedence than non-numeric ones.
        #expect(v("1.0.0-1") < v("1.0.0--1"))
        // §11.4.2: "-1" and "-2" are compared lexically in ASCII order.
        #expect(v("1.0.0--1") < v("1.0.0--2"))
    }

    @Test("No version is below itself; equal versions compare equal")
    func irreflexive() {
        for text in Self.specChain + ["0.0.0", "1.2.3-rc.1+b"] {
            #expect(!(v(text) < v(text)))
            #expect(v(text) == v(text))
            #expect(v(text) <= v(text))
        }
    }

    // MARK: Build metadata

    @Test("Build metadata is ignored by equality, hashing and ordering, but printed")
    func buildMetadataIgnored() {
        let a = v("1.0.0+a"), b = v("1.0.0+b.2"), none = v("1.0.0")
        #expect(a == b)
        #expect(a == none)
        #expect(!(a < b) && !(b < a))
        #expect(!(a < none) && !(none < a))
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b, none]).count == 1)
        #expect(a.description == "1.0.0+a")
        #expect(b.description == "1.0.0+b.2")
        #expect(v("1.0.0-rc.1+x") == v("1.0.0-rc.1+y"))
        #expect(v("1.0.0-rc.1+x") != v("1.0.0-rc.2+x"))
        #expect(v("1.0.0-rc.1+zzz") < v("1.0.0-rc.2+aaa"))
        #expect(v("1.0.0+zzz") > v("1.0.0-rc.1"))
        let dictionary = [a: "first"]
        #expect(dictionary[b] == "first")
    }

    @Test("Pre-release identifiers take part in equality and hashing")
    func prereleaseNotIgnored() {
        #expect(v("1.0.0-rc.1") != v("1.0.0"))
        #expect(v("1.0.0-rc.1") != v("1.0.0-rc"))
        #expect(Set([v("1.0.0-rc.1"), v("1.0.0-rc.2"), v("1.0.0")]).count == 3)
    }

    @Test("release drops pre-release and build; isPrerelease; memberwise init prints canonically")
    func releaseAndDescription() {
        let version = v("3.1.4-beta.2+sha.abc")
        #expect(version.release.description == "3.1.4")
        #expect(version.release.build.isEmpty)
        #expect(version.release.prerelease.isEmpty)
        #expect(version.isPrerelease)
        #expect(!version.release.isPrerelease)
        #expect(v("1.2.3+b").isPrerelease == false)
        #expect(SemanticVersion(major: 2, minor: 0, patch: 0, prerelease: ["rc", "1"], build: ["7"]).description == "2.0.0-rc.1+7")
        #expect(SemanticVersion(major: 0, minor: 1, patch: 0).description == "0.1.0")
    }
}
