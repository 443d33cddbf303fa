import Testing

@testable import ChangelogCore

/// Inputs far larger than real ones still give the right answer (their cost is measured by the
/// bench, not here): megabyte headers, ten thousand configured sections.
@Suite struct LargeInputTests {
    @Test func theCaretStandsUnderTheRightColumnOfAMegabyteLine() {
        let line = String(repeating: "a", count: 1_000_000) + "é\tb" + String(repeating: "c", count: 1_000_000)
        #expect(LintReport.caretPadding(line, column: 1_000_001) == String(repeating: " ", count: 1_000_000))
        #expect(LintReport.caretPadding(line, column: 1_000_004) == String(repeating: " ", count: 1_000_001) + "\t ")
        #expect(LintReport.caretPadding(line, column: 2_000_004).utf8.count == 2_000_003)
        // An ASCII letter followed by a combining mark is one Character, as wide as the letter.
        #expect(LintReport.caretPadding("ae\u{301}x", column: 4) == "   ")
        #expect(LintReport.caretPadding("a\u{7F}\u{1}b", column: 4) == " ")
    }

    @Test func aOneWordHeaderOfThreeMegabytesIsReportedWithItsCaret() throws {
        let header = String(repeating: "x", count: 3_000_000)
        let result = CommitLinter().lint(message: header, id: nil, parentCount: 1, stripComments: false)
        #expect(!result.valid)
        let text = LintReport.text([result], color: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let caret = try #require(lines.first { $0.hasSuffix("^") })
        let column = try #require(result.errors.map(\.column).first)
        #expect(caret.count == 4 + column)
    }

    @Test func aTenMegabyteMessageParsesWhole() throws {
        var message = "feat(io): stream the export\n\n"
        let paragraph = String(repeating: "lorem ipsum dolor sit amet, closes nothing: here ", count: 20) + "\n"
        while message.utf8.count < 10_000_000 { message += paragraph }
        message += "\nBREAKING CHANGE: the export is streamed\nCloses #12\n"
        guard case .conventional(let commit) = CommitMessageParser.parse(message) else {
            Issue.record("a valid ten-megabyte message was not parsed as a Conventional Commit")
            return
        }
        #expect(commit.type == "feat" && commit.scope == "io" && commit.subject == "stream the export")
        #expect(commit.isBreaking && commit.breakingNote == "the export is streamed")
        #expect(commit.references.map(\.issue) == ["12"])
        #expect((commit.body?.utf8.count ?? 0) > 9_900_000)
    }

    @Test func tenThousandSectionsKeepTheirFileOrder() throws {
        let count = 10_000
        // Names in an order that is neither sorted nor reverse-sorted.
        let names = (0..<count).map { "Section \(($0 * 7_919) % count)" }
        var text = "[changelog]\nsubtitle = \"x\"\n[sections]\n"
        for (index, name) in names.enumerated() { text += "\"\(name)\" = [\"type\(index)\"]\n" }
        let configuration = try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        #expect(configuration.sections.map(\.title) == names)
        #expect(configuration.sections.last?.aliases == ["type\(count - 1)"])

        // The first unknown key in file order is the one named, among thousands.
        var unknown = "[check]\n"
        for index in (0..<count).reversed() { unknown += "zz\(index) = 1\n" }
        do {
            _ = try Configuration.parse(unknown, file: ".changelog.toml", flavor: .changelog)
            Issue.record("unknown keys were accepted")
        } catch {
            #expect(error.key == "check.zz\(count - 1)")
        }
    }

    @Test func keysOfTablesAndDottedKeysRankByTheirFirstMention() throws {
        let text = "[sections]\nZeta = [\"z\"]\n\"Alpha beta\" = [\"a\"]\nMiddle = [\"m\"]\n"
        let configuration = try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        #expect(configuration.sections.map(\.title) == ["Zeta", "Alpha beta", "Middle"])
        let unknownTable = "[zeta]\n[alpha]\nx = 1\n"
        do {
            _ = try Configuration.parse(unknownTable, file: ".changelog.toml", flavor: .changelog)
            Issue.record("an unknown table was accepted")
        } catch {
            #expect(error.key == "zeta")
        }
    }

    @Test func tenThousandSectionsEachTakeTheirTypes() {
        let sections = (0..<10_000).map { (title: "Section \($0)", aliases: ["type\($0)", "alias\($0)"]) }
        let layout = SectionLayout.standard.adding(sections: sections, components: [])
        #expect(layout.definitions.count == SectionLayout.standard.definitions.count + 10_000)
        #expect(layout.definitions.last == .init(title: "Section 9999", types: ["type9999", "alias9999"]))
        #expect(layout.sectionIndex(forType: "type5000") == SectionLayout.standard.definitions.count + 5_000)
    }

    /// The merge as it was written first (a scan of every definition per section), as the oracle.
    private func referenceAdding(_ base: SectionLayout, _ sections: [(title: String, aliases: [String])]) -> [SectionLayout.Definition] {
        var definitions = base.definitions
        for section in sections {
            let aliases = section.aliases.map { $0.lowercased() }
            for index in definitions.indices { definitions[index].types.removeAll { aliases.contains($0) } }
            if let index = definitions.firstIndex(where: { $0.title == section.title }) {
                definitions[index].types += aliases
            } else {
                definitions.append(.init(title: section.title, types: aliases))
            }
        }
        return definitions
    }

    @Test func sectionsMergeAsTheyAlwaysDid() {
        var generator = SystemRandomNumberGenerator()
        let titles = ["Features", "Bug Fixes", "Docs", "Chores", "Reverts", "Speed"]
        let types = ["feat", "fix", "perf", "docs", "Doc", "chore", "revert", "build", "FEAT"]
        for _ in 0..<300 {
            let sections = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (
                    title: titles.randomElement(using: &generator)!,
                    aliases: (0..<Int.random(in: 1...3, using: &generator)).map { _ in types.randomElement(using: &generator)! }
                )
            }
            let layout = SectionLayout.standard.adding(sections: sections, components: [])
            #expect(layout.definitions == referenceAdding(.standard, sections), "\(sections)")
        }
    }
}
