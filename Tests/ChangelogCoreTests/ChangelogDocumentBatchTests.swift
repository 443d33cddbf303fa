import Testing

@testable import ChangelogCore

/// What merging the sections one at a time gives.
private func sequential(
    _ bytes: [UInt8], _ sections: [(text: String, key: SectionKey)], spacing: SectionSpacing = .oneBlankLine
) -> [UInt8] {
    var document = bytes
    for section in sections {
        document = ChangelogDocument(bytes: document).merging(section.text, for: section.key, spacing: spacing)
    }
    return document
}

private func batch(_ bytes: [UInt8], _ sections: [(text: String, key: SectionKey)], spacing: SectionSpacing = .oneBlankLine)
    -> (bytes: [UInt8], statistics: ChangelogDocument.BatchStatistics)
{
    var statistics = ChangelogDocument.BatchStatistics()
    let result = ChangelogDocument(bytes: bytes).merging(sections, spacing: spacing, statistics: &statistics)
    return (result, statistics)
}

/// SplitMix64: the same documents on every run and platform.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let versionPool = [
    "0.1.0", "0.9.0", "1.0.0-alpha", "1.0.0-rc.1", "1.0.0-rc.2", "1.0.0", "1.0.1", "1.1.0-beta.2", "1.1.0",
    "1.2.0", "2.0.0-rc.1", "2.0.0", "2.1.0", "10.0.0",
]

/// Builds random documents and batches from the features the merge has rules for.
private struct Fuzzer {
    var random: SeededGenerator

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }

    mutating func blankLines(_ range: ClosedRange<Int>) -> [[UInt8]] {
        (0..<Int.random(in: range, using: &random)).map { _ in Array(pick(["", "", "", "  ", "\t"]).utf8) }
    }

    mutating func heading(_ key: SectionKey) -> [[UInt8]] {
        let name = key.description
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return [Array("<a name=\"\(name)\"></a>".utf8), Array("## [\(name)](https://x/compare/a...b) (2026-01-01)".utf8)]
        case 1: return [Array("## [\(name)] - 2026-01-01".utf8)]
        case 2: return [Array("### v\(name)".utf8)]
        case 3: return [Array("<a name=\"\(name)\"></a>".utf8)] + blankLines(1...2) + [Array("## A release".utf8)]
        case 4: return [Array("# \(name)".utf8)]
        default: return [Array("## \(name) (2026-01-01)".utf8)]
        }
    }

    mutating func bodyLine() -> [[UInt8]] {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return [Array("```markdown".utf8), Array("## \(pick(versionPool))".utf8), Array("```".utf8)]
        case 1:
            return [
                Array("~~~~".utf8), Array("<a name=\"\(pick(versionPool))\"></a>".utf8), Array("## Unreleased".utf8), Array("~~~~".utf8),
            ]
        case 2: return [Array("<!--".utf8), Array("## \(pick(versionPool))".utf8), Array("-->".utf8)]
        case 3: return [Array("* caf".utf8) + [0xE9, 0xFF, 0xC3] + Array(" bytes".utf8)]
        case 4: return [Array("#### Features".utf8)]
        case 5: return [Array("* trailing spaces   ".utf8)]
        case 6: return [Array("[\(pick(versionPool))]: https://x/\(pick(versionPool))".utf8)]
        case 7: return [Array("<a name=\"\(pick(versionPool))\"></a>".utf8)]
        case 8: return [Array("```".utf8)]  // unclosed unless something closes it
        case 9: return [Array("<!-- open".utf8)]
        case 10: return [Array("text with\r".utf8)]
        default: return [Array("* entry \(Int.random(in: 0..<1000, using: &random))".utf8)]
        }
    }

    mutating func sectionLines(_ key: SectionKey, weird: Int) -> [[UInt8]] {
        var lines = heading(key)
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            lines += blankLines(0...1)
            lines += chance(weird) ? bodyLine() : [Array("* entry \(Int.random(in: 0..<1000, using: &random))".utf8)]
        }
        return lines
    }

    mutating func keys(_ count: Int) -> [SectionKey] {
        var keys: [SectionKey] = []
        for _ in 0..<count {
            let key = chance(10) ? .unreleased : version(pick(versionPool))
            if chance(80), keys.contains(key) { continue }
            keys.append(key)
        }
        return keys
    }

    mutating func document() -> [UInt8] {
        switch Int.random(in: 0..<30, using: &random) {
        case 0: return []
        case 1: return Array(pick(["\n", "  \n\n", "\r\n\r\n", " "]).utf8)
        default: break
        }
        var lines: [[UInt8]] = []
        if chance(80) { lines.append(Array("# Changelog".utf8)) }
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            lines += blankLines(0...2)
            switch Int.random(in: 0..<8, using: &random) {
            case 0: lines.append(Array("<a name=\"\(pick(versionPool))\"></a>".utf8))
            case 1: lines.append(Array("<a name=\"top\"></a>".utf8))
            case 2: lines += [Array("```".utf8), Array("## 3.0.0".utf8), Array("```".utf8)]
            case 3: lines.append(Array("[keep]: https://keepachangelog.com".utf8))
            case 4: lines.append(Array("Caf".utf8) + [0xE9] + Array(" intro".utf8))
            default: lines.append(Array("Hand-written intro.".utf8))
            }
        }
        let weird = pick([0, 5, 20])
        for key in keys(Int.random(in: 0...6, using: &random)) {
            lines += blankLines(0...3)
            lines += sectionLines(key, weird: weird)
        }
        if chance(40) {
            lines += blankLines(0...2)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                lines.append(Array("[\(pick(versionPool))]: https://x/compare".utf8))
                if chance(20) { lines += blankLines(1...1) }
            }
        }
        lines += blankLines(0...2)
        let ending = Int.random(in: 0..<4, using: &random)  // LF, CRLF, mixed, mostly CRLF
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            let crlf = ending == 1 || (ending == 2 && chance(50)) || (ending == 3 && chance(80))
            bytes += crlf ? [0x0D, 0x0A] : [0x0A]
        }
        if chance(25) {
            // No final line ending, sometimes after trailing blanks or a stray CR.
            while bytes.last == 0x0A || (bytes.last == 0x0D && chance(50)) { bytes.removeLast() }
            if chance(20) { bytes += Array(pick(["  ", "\r", "\n  "]).utf8) }
        }
        return bytes
    }

    mutating func sectionText(_ key: SectionKey) -> String {
        let name = key.description
        switch Int.random(in: 0..<40, using: &random) {
        case 0: return pick(["", "\n\n", "  \n"])
        case 1: return "Just text, no heading.\n"
        case 2: return "## \(name)\n* a\n\n## 0.0.1\n* b\n"
        case 3: return "## \(name)\n```\n* unclosed\n"
        case 4: return "## \(name)\n* a\n[\(name)]: https://x\n"
        case 5: return "## \(name)\n* a\n<a name=\"\(name)\"></a>\n"
        case 6: return "## \(name)\r\n* crlf\r\n"
        case 7: return "## 0.0.2\n* wrong key\n"
        case 8: return "\n\n## [\(name)]\n* surrounded\n\n\n"
        case 9: return "<!--\n## \(name)\n"
        case 10: return "## \(name)\n<!-- note -->\n* a\n"
        case 11: return "## \(name)"
        case 12, 13, 14: return "## [\(name)] - 2026-11-21\n### Added\n- thing \(name)\n"
        default:
            let style = Int.random(in: 0..<3, using: &random)
            if style == 0 { return "## \(name)\n\n* entry\n" }
            return rendered(name, "regenerated")
        }
    }

    mutating func batch(for document: [UInt8]) -> [(text: String, key: SectionKey)] {
        let present = ChangelogDocument(bytes: document).sections.map(\.key)
        var keys: [SectionKey] = []
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let key: SectionKey =
                !present.isEmpty && chance(40)
                ? pick(present)
                : chance(10) ? .unreleased : version(pick(versionPool))
            if !keys.contains(key) { keys.append(key) }
        }
        if chance(80) {
            // Oldest first, as callers pass them; Unreleased is the newest.
            keys.sort { lhs, rhs in
                switch (lhs, rhs) {
                case (.version(let a), .version(let b)): return a < b
                case (.version, .unreleased): return true
                default: return false
                }
            }
        }
        if chance(5), let first = keys.first { keys.append(first) }  // not a caller's batch, but defined
        return keys.map { (text: sectionText($0), key: $0) }
    }
}

@Suite struct ChangelogDocumentBatchTests {
    /// clog's spacing too, with sections that end in blank lines (clog's empty release does).
    @Test(arguments: [SectionSpacing.oneBlankLine, .clog])
    func randomBatchesMatchMergingOneAtATime(spacing: SectionSpacing) {
        var fuzzer = Fuzzer(random: SeededGenerator(state: spacing == .clog ? 0xC106_5EED : 0x5EED_C4A6_E106))
        var outlined = 0
        for round in 0..<4000 {
            let document = fuzzer.document()
            var sections = fuzzer.batch(for: document)
            if spacing == .clog {
                sections = sections.map { (text: $0.text + fuzzer.pick(["", "\n", "\n\n", "\n  \n"]), key: $0.key) }
            }
            let expected = sequential(document, sections, spacing: spacing)
            let (actual, statistics) = batch(document, sections, spacing: spacing)
            if actual != expected {
                Issue.record(
                    """
                    round \(round): batch differs from merging one at a time
                    document: \(String(decoding: document, as: UTF8.self).debugDescription)
                    sections: \(sections.map { "\($0.key): \($0.text.debugDescription)" })
                    expected: \(String(decoding: expected, as: UTF8.self).debugDescription)
                    actual:   \(String(decoding: actual, as: UTF8.self).debugDescription)
                    """)
                return
            }
            if let counted = statistics.lineEndings {
                let table = ChangelogDocument.lineTable(actual)
                #expect(counted == (table.crlf, table.lf), "round \(round): line endings miscounted")
            }
            outlined += sections.count - statistics.wholeDocumentMerges
        }
        // Most merges must take the outline path, or the test proves little about it.
        #expect(outlined > 8000)
    }

    // MARK: Examples

    /// A byte order mark an editor saved stays in front, before a title or before the first anchor,
    /// in a batch as in one merge at a time.
    @Test(arguments: ["# Changelog\n\n", ""])
    func aByteOrderMarkStaysInFront(_ title: String) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let file = bom + Array((title + "<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-12-01)\n\n#### Features\n\n* a\n").utf8)
        let sections: [(text: String, key: SectionKey)] = [
            ("<a name=\"1.0.0\"></a>\n## 1.0.0 (2026-12-01)\n\n#### Features\n\n* a, again\n", version("1.0.0")),
            ("<a name=\"1.1.0\"></a>\n## 1.1.0 (2026-12-02)\n\n#### Features\n\n* b\n", version("1.1.0")),
        ]
        let merged = batch(file, sections).bytes
        #expect(merged == sequential(file, sections))
        #expect(merged.starts(with: bom + Array((title + "<a name=\"1.1.0\"></a>\n").utf8)))
        #expect(merged.count(where: { $0 == 0xEF }) == 1)
    }

    @Test func regeneratingEveryReleaseReplacesInPlace() {
        let text = "# Changelog\n\n" + ["1.2.0", "1.1.0", "1.0.0"].map { rendered($0) }.joined(separator: "\n")
        let sections = ["1.0.0", "1.1.0", "1.2.0"].map { (text: rendered($0, "new"), key: version($0)) }
        let (result, statistics) = batch(Array(text.utf8), sections)
        #expect(
            String(decoding: result, as: UTF8.self)
                == "# Changelog\n\n" + ["1.2.0", "1.1.0", "1.0.0"].map { rendered($0, "new") }.joined(separator: "\n"))
        #expect(statistics.wholeDocumentMerges == 0)
    }

    @Test func emptyFileGetsEveryReleaseNewestOnTop() {
        let sections = ["1.0.0", "1.1.0", "2.0.0-rc.1", "2.0.0"].map { (text: rendered($0), key: version($0)) }
        let (result, statistics) = batch([], sections)
        #expect(
            String(decoding: result, as: UTF8.self)
                == "# Changelog\n\n" + ["2.0.0", "2.0.0-rc.1", "1.1.0", "1.0.0"].map { rendered($0) }.joined(separator: "\n"))
        // Only the title needs the whole (empty) document.
        #expect(statistics.wholeDocumentMerges == 1)
    }

    @Test func releasingReplacesUnreleasedOnlyAboveEveryVersion() {
        let text = "# Changelog\n\n## [Unreleased]\n- wip\n\n## 1.0.0\n- a\n\n[1.0.0]: https://x\n"
        // 0.9.0 fills in history; 1.1.0 then releases Unreleased; 1.2.0 goes on top.
        let sections: [(text: String, key: SectionKey)] = [
            ("## 0.9.0\n- old\n", version("0.9.0")), ("## 1.1.0\n- b\n", version("1.1.0")), ("## 1.2.0\n- c\n", version("1.2.0")),
        ]
        let (result, statistics) = batch(Array(text.utf8), sections)
        #expect(
            String(decoding: result, as: UTF8.self)
                == "# Changelog\n\n## 1.2.0\n- c\n\n## 1.1.0\n- b\n\n## 1.0.0\n- a\n\n## 0.9.0\n- old\n\n[1.0.0]: https://x\n")
        #expect(result == sequential(Array(text.utf8), sections))
        #expect(statistics.wholeDocumentMerges == 0)
    }

    @Test func crlfFileWithoutFinalNewline() {
        let text = "# Changelog\r\n\r\n## 1.0.0\r\n* a"
        let sections: [(text: String, key: SectionKey)] = [("## 0.9.0\n* b\n", version("0.9.0")), ("## 1.1.0\n* c\n", version("1.1.0"))]
        let (result, statistics) = batch(Array(text.utf8), sections)
        #expect(
            String(decoding: result, as: UTF8.self)
                == "# Changelog\r\n\r\n## 1.1.0\r\n* c\r\n\r\n## 1.0.0\r\n* a\r\n\r\n## 0.9.0\r\n* b\r\n")
        #expect(statistics.wholeDocumentMerges == 0)
    }

    @Test func lineEndingsFollowTheMajorityAsItChanges() {
        // LF lines are the majority, but the replaced LF section takes the CRLF of the lines kept
        // around it; then CRLF lines are the majority, and the next section gets CRLF.
        let text = "# A\r\nb\r\n\r\n## 1.0.0\n* a\n* b\n* c\n* d\n"
        let sections: [(text: String, key: SectionKey)] = [("## 1.0.0\n* a\n", version("1.0.0")), ("## 1.1.0\n* b\n", version("1.1.0"))]
        let (result, _) = batch(Array(text.utf8), sections)
        #expect(String(decoding: result, as: UTF8.self) == "# A\r\nb\r\n\r\n## 1.1.0\r\n* b\r\n\r\n## 1.0.0\r\n* a\r\n")
        #expect(result == sequential(Array(text.utf8), sections))
    }

    @Test func aStrayCarriageReturnAtTheEndBecomesACRLF() {
        // Terminating `* d\r` with LF makes a CRLF line: outside 2.0.0, five CRLF lines against four
        // LF (a tie without it), so 2.0.0, then 3.0.0, get CRLF.
        let text = "## 2.0.0\n* 1\n* 2\n* 3\n* 4\n\n## 1.0.0\r\n* a\r\n* b\r\n* c\r\n* d\r"
        let sections: [(text: String, key: SectionKey)] = [
            ("## 0.9.0\n* z\n", version("0.9.0")), ("## 2.0.0\n", version("2.0.0")), ("## 3.0.0\n", version("3.0.0")),
        ]
        let (result, statistics) = batch(Array(text.utf8), sections)
        #expect(result == sequential(Array(text.utf8), sections))
        #expect(String(decoding: result, as: UTF8.self).hasPrefix("## 3.0.0\r\n\r\n## 2.0.0\r\n\n## 1.0.0\r\n"))
        #expect(statistics.wholeDocumentMerges == 0)
    }

    @Test func anchorBeforeTheInsertionIsLeftToTheWholeDocumentMerge() {
        // The orphan anchor takes the inserted heading as its own: the section starts at the anchor.
        let text = "# Changelog\n\n## 1.0.0\n* a\n<a name=\"0.9.0\"></a>\n"
        let sections: [(text: String, key: SectionKey)] = [("## 0.8.0\n* b\n", version("0.8.0")), ("## 0.7.0\n* c\n", version("0.7.0"))]
        let (result, statistics) = batch(Array(text.utf8), sections)
        #expect(result == sequential(Array(text.utf8), sections))
        #expect(statistics.wholeDocumentMerges == 1)
    }

    @Test func sectionsInsideAnUnclosedFenceStayInvisible() {
        let text = "# Changelog\n\n## 1.0.0\n```\n* a\n"
        let sections: [(text: String, key: SectionKey)] = [("## 0.8.0\n* b\n", version("0.8.0")), ("## 0.9.0\n* c\n", version("0.9.0"))]
        #expect(batch(Array(text.utf8), sections).bytes == sequential(Array(text.utf8), sections))
    }

    @Test func blankSectionsAndAnEmptyBatchChangeNothing() {
        let text = Array("# Changelog\n\n## 1.0.0\n* a".utf8)
        #expect(batch(text, []).bytes == text)
        #expect(batch(text, [(text: "\n \n", key: version("2.0.0"))]).bytes == text)
        #expect(batch([], [(text: "", key: version("2.0.0"))]).bytes == [])
    }

    // MARK: Scaling

    /// Not timed: counts the bytes scanned, which merging one at a time makes quadratic.
    @Test func scansTheDocumentOnce() {
        let count = 2000
        let versions = (0..<count).map { "\($0 / 100).\($0 % 100).0" }
        let sections = versions.map { (text: rendered($0), key: version($0)) }
        let sectionBytes = sections.reduce(0) { $0 + $1.text.utf8.count }

        // From an empty file: every release goes on top.
        let (fresh, first) = batch([], sections)
        #expect(first.wholeDocumentMerges == 1)
        #expect(first.bytesScanned <= 3 * sectionBytes)
        #expect(ChangelogDocument(bytes: fresh).sections.map(\.key) == versions.reversed().map(version))

        // Regenerating: every release replaced, half of them missing from the file.
        let half = ChangelogDocument(bytes: []).merging(sections.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let regenerated = versions.map { (text: rendered($0, "again"), key: version($0)) }
        let (again, second) = batch(half, regenerated)
        #expect(second.wholeDocumentMerges == 0)
        #expect(second.bytesScanned <= half.count + 2 * sectionBytes)
        #expect(ChangelogDocument(bytes: again).sections.map(\.key) == versions.reversed().map(version))

        // And the same bytes as one at a time, on a size that is quick that way.
        let small = Array(regenerated.prefix(120))
        let smallHalf = Array(half.prefix(half.count / 16))
        #expect(batch(smallHalf, small).bytes == sequential(smallHalf, small))
    }
}
