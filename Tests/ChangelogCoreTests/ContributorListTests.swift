import Testing

@testable import ChangelogCore

private func commit(_ short: String, _ message: String, by author: Person = CoreCommitFactory.author) -> SourceCommit {
    SourceCommit(id: CoreCommitFactory.id(short), message: message, author: author, date: CoreCommitFactory.date, parentCount: 1)
}

private let ada = Person(name: "Ada Lovelace", email: "ada@example.com")
private let grace = Person(name: "Grace Hopper", email: "grace@example.com")
private let alan = Person(name: "alan Turing", email: "alan@example.com")

@Suite("Co-authored-by trailers")
struct CoAuthorTrailersTests {
    @Test func readsTheTrailerBlock() {
        let message =
            "feat: pair on the parser\n\nBody text.\n\nCo-authored-by: Grace Hopper <grace@example.com>\nco-AUTHORED-BY:  Alan Turing   <alan@example.com> \n"
        #expect(
            CoAuthorTrailers.people(in: message) == [
                Person(name: "Grace Hopper", email: "grace@example.com"), Person(name: "Alan Turing", email: "alan@example.com"),
            ])
    }

    @Test func crlfAndOtherTrailers() {
        let message = "fix: x\r\n\r\nReviewed-by: Z <z@example.com>\r\nCo-authored-by: Grace Hopper <grace@example.com>\r\n"
        #expect(CoAuthorTrailers.people(in: message) == [grace])
    }

    @Test func onlyTheLastParagraphCounts() {
        let message = "docs: explain trailers\n\nCo-authored-by: Grace Hopper <grace@example.com> is how GitHub credits.\n\nCloses #4\n"
        #expect(CoAuthorTrailers.people(in: message) == [])
    }

    @Test func theSubjectIsNoTrailerBlock() {
        #expect(CoAuthorTrailers.people(in: "Co-authored-by: Grace Hopper <grace@example.com>") == [])
    }

    @Test func withoutAnAddressNoOne() {
        #expect(CoAuthorTrailers.people(in: "fix: x\n\nCo-authored-by: Grace Hopper\nCo-authored-by: <>\n") == [])
        #expect(
            CoAuthorTrailers.people(in: "fix: x\n\nCo-authored-by: <grace@example.com>\n") == [Person(name: "", email: "grace@example.com")]
        )
    }
}

@Suite("ContributorList")
struct ContributorListTests {
    @Test func authorsAndCoAuthorsEachOnceSortedByName() {
        let commits = [
            commit("00000003", "fix: c", by: grace),
            commit("00000002", "feat: b\n\nCo-authored-by: Alan Turing <ALAN@example.com>", by: ada),
            commit("00000001", "feat: a", by: alan),
            commit("00000000", "chore: not listed, still a contribution", by: ada),
        ]
        let list = ContributorList.contributors(of: commits, resolve: { $0 }, isKnown: { _ in true })
        // The newest commit's spelling wins (ALAN@), the address compared case-insensitively.
        #expect(
            list == [
                Contributor(name: "Ada Lovelace", email: "ada@example.com"),
                Contributor(name: "Alan Turing", email: "ALAN@example.com"),
                Contributor(name: "Grace Hopper", email: "grace@example.com"),
            ])
    }

    @Test func resolveMapsBeforeDeduplicating() {
        let old = Person(name: "G. Hopper", email: "hopper@old.example")
        let commits = [commit("00000002", "fix: b", by: grace), commit("00000001", "fix: a", by: old)]
        let list = ContributorList.contributors(of: commits, resolve: { $0 == old ? grace : $0 }, isKnown: { _ in false })
        #expect(list == [Contributor(name: "Grace Hopper", email: "grace@example.com", isFirstTime: true)])
    }

    @Test func firstTimersAreThoseNotKnown() {
        let commits = [commit("00000002", "fix: b\n\nCo-authored-by: Grace Hopper <grace@example.com>", by: ada)]
        let list = ContributorList.contributors(of: commits, resolve: { $0 }, isKnown: { $0 == "ada@example.com" })
        #expect(list.map(\.isFirstTime) == [false, true])
    }

    @Test func withoutAnAddressTheNameIsTheIdentity() {
        let nameless = Person(name: "Build Bot", email: "")
        let commits = [commit("00000002", "fix: b", by: nameless), commit("00000001", "fix: a", by: nameless)]
        let list = ContributorList.contributors(of: commits, resolve: { $0 }, isKnown: { _ in false })
        #expect(list.count == 1)
        #expect(list.first?.key == "name:Build Bot")
    }

    @Test func sortingIsCaseInsensitiveThenExact() {
        let sorted = ContributorList.sorted([
            Contributor(name: "bob", email: "b2@x"), Contributor(name: "Bob", email: "b1@x"), Contributor(name: "alice", email: "a@x"),
        ])
        #expect(sorted.map(\.name) == ["alice", "Bob", "bob"])
    }
}
