import Testing

@testable import ChangelogCore

// Found by Fuzz/Sources/FuzzConfiguration: a quoted key holding "\r\n" (one Character) was printed
// raw, so the one-line error spread over two lines.
@Suite struct ConfigurationQuotingTests {
    @Test func lineBreaksAndControlCharactersInKeysAreEscaped() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse("\"bu\\r\\n\\u0085x\u{2028}\\u0007\" = 1\n", file: ".clog.toml", flavor: .clog)
        }
        let description = try #require(error?.description)
        #expect(description.hasPrefix(#".clog.toml: unknown key '"bu\r\n\u{0085}x\u{2028}\u{07}"' at the top level"#))
        #expect(!description.unicodeScalars.contains { "\n\r\u{85}\u{2028}\u{7}".unicodeScalars.contains($0) })
    }

    @Test func aVersionFilePatternWithALineBreakStaysOnOneLine() throws {
        let text = "[release]\nfiles = [\"c/v.py:__version__ = \\rat-)\"]\n"
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse(text, file: ".changelog.toml", flavor: .changelog)
        }
        let message = try #require(error?.message)
        #expect(message.hasPrefix("key 'release.files' has an entry that cannot be used: c/v.py: the pattern '__version__ = \\rat-)'"))
        #expect(!message.unicodeScalars.contains("\r"))
    }

    @Test func printableTextIsKept() {
        #expect(TOMLTableReader.quote("Bug \"Fixes\" \\ é 🎉\t") == #""Bug \"Fixes\" \\ é 🎉\t""#)
    }
}
