import ChangelogCore
import FuzzSupport

// The checks of the merge target; main.swift only hands libFuzzer its inputs.

private let versions = ["0.1.0", "0.9.0", "1.0.0", "1.4.0", "1.4.0-rc.1", "2.0.0", "10.0.0"].map { SemanticVersion($0)! }

private let commits: [ParsedCommit] = [
    "feat(parser): accept multi-line footers\n\nCloses #12",
    "fix: keep CRLF line endings",
    "feat!: drop the legacy flag\n\nBREAKING CHANGE: the flag is gone",
].enumerated().map { index, message in
    ParsedCommit(
        SourceCommit(
            id: CommitID(hex: String(repeating: String(index + 1), count: 40))!, message: message,
            author: Person(name: "A U Thor", email: "author@example.com"),
            date: Timestamp(secondsSince1970: 1_763_700_000, offsetMinutes: 0), parentCount: 1))
}

/// The section `changelog` would generate for `key`, in one of two styles.
private func section(_ key: SectionKey, linked: Bool) -> String {
    var version: SemanticVersion?
    if case .version(let v) = key { version = v }
    let release = Release(
        version: version, tag: version.map { "v\($0)" }, previousTag: "v0.0.1", head: "HEAD", date: "2026-11-21",
        sections: ReleaseComposer().sections(for: commits))
    let renderer = MarkdownRenderer(
        links: LinkContext(repositoryURL: linked ? "https://github.com/o/r" : nil, style: .github),
        subtitle: linked ? "Codename" : nil)
    return renderer.render(release)
}

private let keys = versions.map { SectionKey.version($0) } + [.unreleased]

/// Rendered once: `sections[key index][linked]`.
private let sections = keys.map { key in [false, true].map { section(key, linked: $0) } }

/// A key and its generated section, picked by one byte.
private func pick(_ byte: UInt8) -> (text: String, key: SectionKey) {
    let index = Int(byte >> 1) % keys.count
    return (sections[index][Int(byte & 1)], keys[index])
}

private func isBlank(_ byte: UInt8) -> Bool { [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C].contains(byte) }

/// `section` as `merging` inserts it: without surrounding blank lines, every line ending in `newline`.
private func normalized(_ section: String, crlf: Bool) -> [UInt8] {
    var lines = section.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
    while let first = lines.first, first.allSatisfy(isBlank) { lines.removeFirst() }
    while let last = lines.last, last.allSatisfy(isBlank) { lines.removeLast() }
    return lines.flatMap { $0 + (crlf ? [0x0D, 0x0A] : [0x0A]) }
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return needle.isEmpty }
    return (0...(haystack.count - needle.count)).contains { start in
        haystack[start..<start + needle.count].elementsEqual(needle)
    }
}

private func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a, b).prefix { $0 == $1 }.count
}

private func commonSuffix(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
}

/// The section a merge of `key` replaces, if any (DESIGN: the same key; else Unreleased for a
/// version above every version in the document).
private func target(_ document: ChangelogDocument, _ key: SectionKey) -> ChangelogDocument.Section? {
    if let same = document.section(for: key) { return same }
    guard case .version(let new) = key, let unreleased = document.section(for: .unreleased) else { return nil }
    let above = document.sections.allSatisfy { section in
        if case .version(let other) = section.key { return other < new }
        return true
    }
    return above ? unreleased : nil
}

/// Whether most line endings outside `replaced` (those a merge keeps) are CRLF; LF on a tie.
private func usesCRLF(_ bytes: [UInt8], outside replaced: Range<Int>?) -> Bool {
    var crlf = 0
    var lf = 0
    for index in bytes.indices where bytes[index] == 0x0A && !(replaced?.contains(index) ?? false) {
        if index > 0, bytes[index - 1] == 0x0D { crlf += 1 } else { lf += 1 }
    }
    // A stray CR ending the file is a CRLF once a merge terminates the line.
    if bytes.last == 0x0D, !(replaced?.contains(bytes.count - 1) ?? false) { crlf += 1 }
    return crlf > lf
}

private func checkMerge(_ document: ChangelogDocument, _ text: String, _ key: SectionKey) -> [UInt8] {
    let original = document.bytes
    let merged = document.merging(text, for: key)
    let crlf = usesCRLF(original, outside: target(document, key)?.range)
    let expected = normalized(text, crlf: crlf)
    require(contains(merged, expected), "the merged document lacks the section for \(key)")

    if !original.contains(where: { !isBlank($0) }) {
        let newline: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        require(merged == Array("# Changelog".utf8) + newline + newline + expected, "an empty document did not get its title")
    } else if let target = target(document, key) {
        require(merged.starts(with: original[..<target.range.lowerBound]), "bytes before the replaced \(target.key) section changed")
        require(
            merged.reversed().starts(with: original[target.range.upperBound...].reversed()),
            "bytes after the replaced \(target.key) section changed")
    } else {
        // An insertion: the original is a prefix and a suffix of the result, around the new text.
        require(merged.count >= original.count + expected.count, "an insertion lost bytes")
        require(
            commonPrefix(original, merged) + commonSuffix(original, merged) >= original.count,
            "an insertion changed the original's bytes")
    }

    let again = ChangelogDocument(bytes: merged).merging(text, for: key)
    require(again == merged, "merging \(key) twice differs from merging it once")
    return merged
}

/// Merges two generated sections picked by the first two bytes into the document the rest is.
func fuzzMerge(_ input: UnsafeBufferPointer<UInt8>) {
    guard input.count >= 2 else { return }
    let first = pick(input[0]), second = pick(input[1])
    let document = ChangelogDocument(bytes: Array(input.dropFirst(2)))

    let once = checkMerge(document, first.text, first.key)
    let twice = checkMerge(ChangelogDocument(bytes: once), second.text, second.key)
    require(document.merging([first]) == once, "the batch merge of one section differs")
    require(document.merging([first, second]) == twice, "the batch merge of two sections differs from merging one by one")
}
