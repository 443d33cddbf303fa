import ChangelogCore
import Testing

@Suite struct CommitIDTests {
    @Test(arguments: [
        "0123456789abcdef0123456789abcdef01234567", "ffffffffffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000000000000", "e3b0c44298fc1c149afbf4c8996fb924a1b2c3d4",
    ])
    func hexRoundTrips(hex: String) throws {
        let id = try #require(CommitID(hex: hex))
        #expect(id.hex == hex)
        #expect(id.short == String(hex.prefix(8)))
        #expect(id.description == hex)
    }

    @Test func upperCaseDigitsReadAsLowerCase() throws {
        let id = try #require(CommitID(hex: "ABCDEF0123456789ABCDEF0123456789ABCDEF01"))
        #expect(id.hex == "abcdef0123456789abcdef0123456789abcdef01")
        #expect(id == CommitID(hex: "abcdef0123456789abcdef0123456789abcdef01"))
    }

    @Test(arguments: [
        "", "abc", "0123456789abcdef0123456789abcdef0123456", "0123456789abcdef0123456789abcdef012345678",
        "g123456789abcdef0123456789abcdef01234567", "0123456789abcdef 123456789abcdef01234567",
    ])
    func anythingButFortyHexDigitsIsNoID(text: String) {
        #expect(CommitID(hex: text) == nil)
    }

    @Test func idsDifferingInAnyByteDiffer() throws {
        let base = "0000000000000000000000000000000000000000"
        var seen: Set<CommitID> = [try #require(CommitID(hex: base))]
        for position in 0..<40 {
            var digits = Array(base)
            digits[position] = "1"
            seen.insert(try #require(CommitID(hex: String(digits))))
        }
        #expect(seen.count == 41)
    }

    @Test func abbreviatedPrefixesMatchEitherCase() throws {
        let id = try #require(CommitID(hex: "abcdef0123456789abcdef0123456789abcdef01"))
        #expect(id.hasPrefix("abcdef0"))
        #expect(id.hasPrefix("ABCDEF0"))
        #expect(!id.hasPrefix("abcdef1"))
    }
}
