import Testing

@testable import ChangelogCore

// Found by Fuzz/Sources/FuzzChangelogMerge: a section appended after a code fence or HTML comment
// left open at the end of the file was swallowed by it, so every rerun appended it again.
@Suite struct ChangelogDocumentOpenBlockTests {
    private func mergedTwice(
        _ text: String, _ section: String, _ key: SectionKey,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        let once = ChangelogDocument(text: text).merging(section, for: key)
        #expect(
            ChangelogDocument(bytes: once).merging(section, for: key) == once, "a rerun changed the file",
            sourceLocation: sourceLocation)
        #expect(ChangelogDocument(bytes: once).section(for: key) != nil, sourceLocation: sourceLocation)
        #expect(ChangelogDocument(text: text).merging([(section, key)]) == once, sourceLocation: sourceLocation)
        return String(decoding: once, as: UTF8.self)
    }

    @Test func anOpenFenceIsClosedBeforeTheSection() {
        let key = SectionKey.version(SemanticVersion("2.0.0")!)
        #expect(
            mergedTwice("Intro\n\n```\n## 2.0.0\n", "## 2.0.0\n* x\n", key)
                == "Intro\n\n```\n## 2.0.0\n\n```\n\n## 2.0.0\n* x\n")
        // The closing fence repeats the opening one; CRLF files get CRLF.
        #expect(
            mergedTwice("# Changelog\r\n\r\n~~~~ text\r\ncode\r\n\r\n", "## 2.0.0\n* x\n", key)
                == "# Changelog\r\n\r\n~~~~ text\r\ncode\r\n\r\n~~~~\r\n\r\n## 2.0.0\r\n* x\r\n")
    }

    @Test func anOpenCommentIsClosedBeforeTheSection() {
        let key = SectionKey.version(SemanticVersion("0.9.0")!)
        // A reference-like line inside the open comment is the comment's text: it stays inside.
        #expect(
            mergedTwice("## 1.0.0\n* a\n<!-- notes\n[1.0.0]: x\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n* a\n<!-- notes\n[1.0.0]: x\n\n-->\n\n## 0.9.0\n* b\n")
    }

    /// Fuzz/Open's input: the comment closes on a line that looks like a link reference, which
    /// the merge used to skip as one, putting the section inside the comment.
    @Test func referenceLikeLinesInsideACommentAreNotReferences() {
        let key = SectionKey.version(SemanticVersion("0.1.0")!)
        #expect(mergedTwice("\n<!--\n[.]:-->", "## 0.1.0\n* x\n", key) == "\n<!--\n[.]:-->\n\n## 0.1.0\n* x\n")
    }

    /// The second merge fuzzer input: after a section, the comment closes on a reference-like line
    /// with text after `-->`; the last section stopped before that line, so the merged section went
    /// inside the comment and every rerun added it again.
    @Test func aCommentClosingOnAReferenceLikeLineEndsTheLastSection() {
        // Fuzz/Seeds/FuzzChangelogMerge/crash-comment-closes-after-section, minimised.
        let low = SectionKey.version(SemanticVersion("0.1.0")!)
        #expect(mergedTwice("## 2.0.0\n<!--\n[.]:-->", "## 0.1.0\n* x\n", low) == "## 2.0.0\n<!--\n[.]:-->\n\n## 0.1.0\n* x\n")
        let key = SectionKey.version(SemanticVersion("0.9.0")!)
        #expect(
            mergedTwice("## 1.0.0\n* a\n<!--\n[.]:-->%%\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n* a\n<!--\n[.]:-->%%\n\n## 0.9.0\n* b\n")
        // `-->` in the middle of the line, real references after it: they stay the trailing block.
        #expect(
            mergedTwice("## 1.0.0\n* a\n<!--\n[x]: y --> z\n\n[1.0.0]: u\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n* a\n<!--\n[x]: y --> z\n\n## 0.9.0\n* b\n\n[1.0.0]: u\n")
        // CRLF.
        #expect(
            mergedTwice("## 1.0.0\r\n* a\r\n<!--\r\n[.]: -->\r\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\r\n* a\r\n<!--\r\n[.]: -->\r\n\r\n## 0.9.0\r\n* b\r\n")
        // The comment belongs to the section's notes, whole.
        let document = ChangelogDocument(text: "## 1.0.0\n* a\n<!--\n[x]: -->\n\n[1.0.0]: u\n")
        #expect(document.body(of: .version(SemanticVersion("1.0.0")!)) == "* a\n<!--\n[x]: -->")
    }

    @Test func aCommentClosingOnAReferenceLikeLineWithoutSections() {
        let key = SectionKey.version(SemanticVersion("0.1.0")!)
        #expect(
            mergedTwice("<!--\n[a]: b --> c\n[b]: y\n", "## 0.1.0\n* x\n", key)
                == "<!--\n[a]: b --> c\n\n## 0.1.0\n* x\n\n[b]: y\n")
    }

    /// A fence never closes on a reference-like line, but one inside a fence is code, not a reference.
    @Test func referenceLikeLinesInsideAFenceAreCode() {
        let key = SectionKey.version(SemanticVersion("0.9.0")!)
        #expect(
            mergedTwice("## 1.0.0\n```\n[a]: x\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n```\n[a]: x\n\n```\n\n## 0.9.0\n* b\n")
        #expect(
            mergedTwice("## 1.0.0\r\n~~~\r\n[a]: x\r\n\r\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\r\n~~~\r\n[a]: x\r\n\r\n~~~\r\n\r\n## 0.9.0\r\n* b\r\n")
        #expect(
            mergedTwice("## 1.0.0\n~~~\n[a]: x\n~~~\n[1.0.0]: u\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n~~~\n[a]: x\n~~~\n\n## 0.9.0\n* b\n\n[1.0.0]: u\n")
    }

    @Test func closedBlocksAreLeftAlone() {
        let key = SectionKey.version(SemanticVersion("0.9.0")!)
        #expect(
            mergedTwice("## 1.0.0\n```\n## 0.1.0\n```\n<!-- x -->\n", "## 0.9.0\n* b\n", key)
                == "## 1.0.0\n```\n## 0.1.0\n```\n<!-- x -->\n\n## 0.9.0\n* b\n")
    }
}
