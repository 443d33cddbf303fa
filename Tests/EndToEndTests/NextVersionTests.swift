import FixtureSupport
import Foundation
import Testing

/// Every row of the version policy, each on a real repository, through `changelog next`.
@Suite struct NextVersionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var expected: String
        var json: Bool
        var history: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        guard let text = try? Sandbox.fixture("version-policy.cases") else { return [] }
        var cases: [Case] = []
        for block in text.components(separatedBy: "\n=== ").dropFirst() {
            var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var item = Case(name: lines.removeFirst(), arguments: [], expected: "", json: false, history: "")
            var history: [String] = []
            for line in lines {
                if line.hasPrefix("args ") {
                    item.arguments = line.dropFirst(5).split(separator: " ").map(String.init)
                } else if line.hasPrefix("expect-json ") {
                    item.expected = String(line.dropFirst(12))
                    item.json = true
                } else if line.hasPrefix("expect ") {
                    item.expected = String(line.dropFirst(7))
                } else {
                    history.append(line)
                }
            }
            item.history = history.joined(separator: "\n")
            cases.append(item)
        }
        return cases
    }()

    @Test func theCasesAreRead() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func nextVersion(_ item: Case) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: item.history)
        let result = try sandbox.changelog(["next"] + item.arguments)
        if item.json {
            #expect(result.status == 0)
            #expect(result.stdout.contains(item.expected), "\(result.stdout)")
        } else if item.expected == "error" {
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("does not come after"), "\(result.stderr)")
        } else if item.expected == "none" {
            #expect(result.status == 3)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("changelog: nothing to release"))
        } else {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == item.expected + "\n")
        }
    }

    @Test func jsonNamesTheCommitsThatDriveTheBump() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("next", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        #expect(object["current"] as? String == "1.0.0")
        #expect(object["currentTag"] as? String == "v1.0.0")
        #expect(object["next"] as? String == "2.0.0")
        #expect(object["nextTag"] as? String == "v2.0.0")
        #expect(object["bump"] as? String == "major")
        let commits = try #require(object["commits"] as? [[String: Any]])
        #expect(commits.map { $0["subject"] as? String } == ["drop Python 2 support"])
        #expect(commits.first?["type"] as? String == "refactor")
        #expect(commits.first?["breaking"] as? Bool == true)
    }

    @Test func nothingToReleaseInJSON() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(text: "commit feat: x\ntag v1.0.0\ncommit docs: y\n")
        let result = try sandbox.changelog("next", "--format", "json")
        #expect(result.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        #expect(object["next"] is NSNull)
        #expect(object["bump"] as? String == "none")
    }

    @Test func generateBumpUsesTheSameVersion() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        let next = try sandbox.changelog("next").stdout.trimmingCharacters(in: .newlines)
        let generated = try sandbox.changelog("--bump")
        #expect(generated.stdout.hasPrefix("<a name=\"\(next)\"></a>"))
    }

    @Test func aBadPrereleaseIdentifierIsAUsageError() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
        let result = try sandbox.changelog("next", "--prerelease", "r c")
        #expect(result.status == 64)
    }
}
