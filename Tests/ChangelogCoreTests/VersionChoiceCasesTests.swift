import ChangelogCore
import Foundation
import Testing

/// Every row of the version policy (`Fixtures/version-policy.cases`, also run end to end through
/// `changelog next`), decided in-process: the histories are linear, so the current release is the
/// highest tag and the range is every commit after it.
@Suite struct VersionChoiceCasesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var prerelease: String?
        var expected: String
        var jsonKey: String?
        var history: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let text = try? String(contentsOf: root.appendingPathComponent("Fixtures/version-policy.cases"), encoding: .utf8) else {
            return []
        }
        return text.components(separatedBy: "\n=== ").dropFirst().map { block in
            var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var item = Case(name: lines.removeFirst(), expected: "", history: [])
            for line in lines {
                if line.hasPrefix("args ") {
                    let words = line.dropFirst(5).split(separator: " ").map(String.init)
                    if let index = words.firstIndex(of: "--prerelease") { item.prerelease = words[index + 1] }
                } else if line.hasPrefix("expect-json ") {
                    // `"key": "value"`
                    let parts = line.dropFirst(12).split(separator: "\"").map(String.init)
                    item.jsonKey = parts[0]
                    item.expected = parts[2]
                } else if line.hasPrefix("expect ") {
                    item.expected = String(line.dropFirst(7))
                } else {
                    item.history.append(line)
                }
            }
            return item
        }
    }()

    /// The commits (oldest first) and the tags of a linear `.history` text.
    static func read(_ history: [String]) -> (commits: [SourceCommit], tags: [(version: SemanticVersion, at: Int)]) {
        var commits: [SourceCommit] = []
        var tags: [(SemanticVersion, Int)] = []
        var labels: [String: String] = [:]
        for line in history {
            if line.hasPrefix("commit ") {
                let id = String(format: "%040x", commits.count + 1)
                commits.append(
                    SourceCommit(
                        id: CommitID(hex: id)!, message: String(line.dropFirst(7)) + "\n",
                        author: Person(name: "A", email: "a@example.com"),
                        date: Timestamp(secondsSince1970: Int64(commits.count), offsetMinutes: 0), parentCount: 1))
            } else if line.hasPrefix("|") {
                var text = String(line.dropFirst(2))
                for (label, id) in labels { text = text.replacingOccurrences(of: "$" + label, with: id) }
                commits[commits.count - 1].message += text + "\n"
            } else if line.hasPrefix("tag "), let (version, _) = SemanticVersion.parseTag(line.dropFirst(4)) {
                tags.append((version, commits.count - 1))
            } else if line.hasPrefix("label ") {
                labels[String(line.dropFirst(6))] = commits.last!.id.hex
            }
        }
        return (commits, tags)
    }

    @Test func theCasesAreRead() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func versionChoice(_ item: Case) throws {
        let (commits, tags) = Self.read(item.history)
        let current = tags.max { $0.version < $1.version }
        let stable = tags.filter { !$0.version.isPrerelease }.map(\.version).max()
        let since = commits[((current?.at ?? -1) + 1)...].reversed().map(ParsedCommit.init)
        let tagged = Set(tags.map(\.version))
        let choice: VersionChoice
        do {
            choice = try VersionChoice(
                current: current?.version, stable: stable, commits: since, policy: VersionPolicy(),
                prerelease: item.prerelease, isTagged: tagged.contains)
        } catch {
            guard case .notAfterCurrent = error else {
                Issue.record("\(error)")
                return
            }
            #expect(item.expected == "error")
            return
        }
        switch item.jsonKey {
        case "bump": #expect(choice.bump.rawValue == item.expected)
        case "current": #expect(current?.version.description == item.expected)
        case "nextTag", "next": #expect(choice.next.map { "\($0)" } == item.expected)
        case nil where item.expected == "none": #expect(choice.next == nil)
        case nil: #expect(choice.next.map { "\($0)" } == item.expected)
        default: Issue.record("unknown key \(item.jsonKey!)")
        }
    }
}
