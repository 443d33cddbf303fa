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
        contributors(credited: credited(by: commits), resolve: resolve, isKnown: isKnown)
    }

    /// Everyone `commits` credit, as written (before `.mailmap`), each spelling once, newest first:
    /// what `contributors(credited:)` needs, computed without `resolve` so releases can share it out.
    public static func credited(by commits: some Sequence<SourceCommit>) -> [Person] {
        var seen = Set<Person>()
        var credited: [Person] = []
        // `people(of:)` without its arrays: this runs on every commit of a whole history.
        for commit in commits {
            if seen.insert(commit.author).inserted { credited.append(commit.author) }
            for person in CoAuthorTrailers.people(in: commit.message) where seen.insert(person).inserted { credited.append(person) }
        }
        return credited
    }

    /// `contributors(of:)` from the people credited, newest first, as written.
    public static func contributors(
        credited: some Sequence<Person>, resolve: (Person) -> Person, isKnown: (String) -> Bool
    ) -> [Contributor] {
        var seen: [String: Contributor] = [:]
        for raw in credited {
            let person = resolve(raw)
            let key = Contributor.key(person)
            if seen[key] == nil { seen[key] = Contributor(name: person.name, email: person.email, isFirstTime: !isKnown(key)) }
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
