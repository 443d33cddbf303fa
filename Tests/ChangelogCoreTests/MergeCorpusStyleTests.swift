import Foundation
import Testing

@testable import ChangelogCore

/// The merge fuzzer's committed corpus (Fuzz/Corpus/FuzzChangelogMerge: odd documents it found)
/// replayed with every style's sections and a named section: the batch merge equals merging one
/// by one, and merging again changes nothing. The fuzzer itself renders the default style only.
@Suite struct MergeCorpusStyleTests {
    static let corpus: [[UInt8]] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let directory = url.appendingPathComponent("Fuzz/Corpus/FuzzChangelogMerge")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { try? Array(Data(contentsOf: directory.appendingPathComponent($0))) }
    }()

    static let keys: [SectionKey] =
        ["0.1.0", "1.0.0", "1.4.0", "1.4.0-rc.1", "2.0.0"].map { .version(SemanticVersion($0)!) } + [.unreleased, .named("VERSION")]

    static func section(_ key: SectionKey, _ style: ChangelogStyle) -> String {
        var version: SemanticVersion?
        var name: String?
        switch key {
        case .version(let v): version = v
        case .named(let n): name = n
        case .unreleased: break
        }
        let commits = [
            CoreCommitFactory.commit("aaaa0001", "feat(parser): accept footers\n\nCloses #12"),
            CoreCommitFactory.commit("aaaa0002", "fix: keep CRLF"),
            CoreCommitFactory.commit("aaaa0003", "feat!: drop the flag\n\nBREAKING CHANGE: the flag is gone\n\n- use the other"),
        ]
        let release = Release(
            version: version, tag: version.map { "v\($0)" }, previousTag: "v0.0.1", head: version == nil ? "HEAD" : nil,
            date: Timestamp(gitDate: "2026-11-21T12:00:00Z")!, sections: ReleaseComposer().sections(for: commits), name: name)
        return MarkdownRenderer(links: LinkContext(repositoryURL: "https://github.com/o/r", style: .github), style: style).render(release)
    }

    @Test(arguments: ChangelogStyle.allCases)
    func theCorpusMergesAlikeInEveryStyle(_ style: ChangelogStyle) throws {
        try #require(Self.corpus.count > 100, "the corpus is there")
        let sections = Self.keys.map { (text: Self.section($0, style), key: $0) }
        for input in Self.corpus where input.count >= 2 {
            let first = sections[Int(input[0]) % sections.count]
            let second = sections[Int(input[1]) % sections.count]
            let document = ChangelogDocument(bytes: Array(input.dropFirst(2)))
            let once = document.merging(first.text, for: first.key)
            let onceDocument = ChangelogDocument(bytes: once)
            let twice = onceDocument.merging(second.text, for: second.key)
            #expect(onceDocument.merging(first.text, for: first.key) == once, "rerun of \(first.key)")
            #expect(document.merging([first]) == once, "batch of one, \(first.key)")
            #expect(document.merging([first, second]) == twice, "batch of two, \(first.key) then \(second.key)")
        }
    }
}
