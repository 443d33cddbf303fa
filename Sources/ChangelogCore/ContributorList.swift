/// Builds a release's contributors from its commits: authors and co-authors, each once, sorted.
public enum ContributorList {
    /// Everyone `commit` credits: its author, then its co-authors, as `resolve` (`.mailmap`) names them.
    public static func people(of commit: SourceCommit, resolve: (Person) -> Person) -> [Person] {
        [resolve(commit.author)] + CoAuthorTrailers.people(in: commit.message).map(resolve)
    }

    /// The contributors of `commits` (newest first), each once by `Contributor.key`, with the
    /// spelling of their newest commit, sorted by name (case-insensitively), then address.
    /// `isKnown` says whether a key has a commit in an earlier release; the others are first-timers.
    public static func contributors(
        of commits: some Sequence<SourceCommit>, resolve: (Person) -> Person, isKnown: (String) -> Bool
    ) -> [Contributor] {
        var seen: [String: Contributor] = [:]
        for commit in commits {
            for person in people(of: commit, resolve: resolve) {
                let key = Contributor.key(person)
                if seen[key] == nil { seen[key] = Contributor(name: person.name, email: person.email, isFirstTime: !isKnown(key)) }
            }
        }
        return sorted(Array(seen.values))
    }

    public static func sorted(_ contributors: [Contributor]) -> [Contributor] {
        contributors.sorted { a, b in
            let (x, y) = (a.name.lowercased(), b.name.lowercased())
            if x != y { return x < y }
            if a.name != b.name { return a.name < b.name }
            return a.email.lowercased() < b.email.lowercased()
        }
    }
}
