import ChangelogCore
import Git
import Testing

@testable import ChangelogKit

/// Core's id and libgit2's hold the same bytes: converting never goes through text, so this
/// checks that both spell every id alike and that the conversion is lossless both ways.
@Suite struct CommitIDConversionTests {
    @Test(arguments: [
        "0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98",
        "00000000000000000000000000000000000000ff", "ff00000000000000000000000000000000000000",
    ])
    func bothSpellTheSameID(hex: String) throws {
        let object = try #require(ObjectID(hex: hex))
        let commit = CommitID(object)
        #expect(commit.hex == object.hex)
        #expect(commit == CommitID(hex: hex))
        #expect(ObjectID(commit) == object)
    }
}
