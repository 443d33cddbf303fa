import ChangelogCore
import ChangelogKit
import Testing

@Suite struct RepositoryURLTests {
    @Test(arguments: [
        ("git@github.com:acme/widget.git", "https://github.com/acme/widget"),
        ("git@github.com:acme/widget", "https://github.com/acme/widget"),
        ("ssh://git@github.com/acme/widget.git", "https://github.com/acme/widget"),
        ("ssh://git@gitlab.example.com:2222/group/sub/project.git", "https://gitlab.example.com/group/sub/project"),
        ("https://github.com/acme/widget.git", "https://github.com/acme/widget"),
        ("https://github.com/acme/widget/", "https://github.com/acme/widget"),
        ("https://user:token@github.com/acme/widget.git", "https://github.com/acme/widget"),
        ("http://git.example.com/acme/widget", "http://git.example.com/acme/widget"),
        ("git://git.kernel.org/pub/scm/git/git.git", "https://git.kernel.org/pub/scm/git/git"),
        ("  git@github.com:acme/widget.git\n", "https://github.com/acme/widget"),
    ])
    func remotesBecomeWebAddresses(remote: String, expected: String) {
        #expect(RepositoryURL.webAddress(fromRemote: remote) == expected)
    }

    @Test(arguments: ["/srv/git/widget.git", "../widget", "file:///srv/git/widget.git", "", "C:/repos/widget"])
    func localRemotesHaveNoWebAddress(remote: String) {
        #expect(RepositoryURL.webAddress(fromRemote: remote) == nil)
    }

    @Test func gitLabHostsGetGitLabLinks() {
        #expect(RepositoryURL.guessedLinkStyle("https://gitlab.example.com/g/p") == .gitlab)
        #expect(RepositoryURL.guessedLinkStyle("https://github.com/o/r") == .github)
        #expect(RepositoryURL.guessedLinkStyle(nil) == .github)
    }
}
