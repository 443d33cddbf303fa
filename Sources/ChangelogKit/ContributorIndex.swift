import ChangelogCore
import Git

/// Names the contributors of planned releases: each identity mapped through `.mailmap` once, and
/// first-timers told apart by the history before each release.
final class ContributorIndex {
    private let repository: Repository
    private let mailmap: Mailmap
    private var resolved: [Person: Person] = [:]

    init(repository: Repository) throws(ChangelogError) {
        self.repository = repository
        mailmap = try git { () throws(GitError) in try repository.mailmap() }
    }

    func resolve(_ person: Person) -> Person {
        if let known = resolved[person] { return known }
        let (name, email) = mailmap.resolve(name: person.name, email: person.email)
        let result = Person(name: name, email: email)
        resolved[person] = result
        return result
    }

    /// `--all`: every plan's contributors, oldest release first, so "earlier" is the releases below
    /// it (Unreleased last); the whole history is in the plans already, nothing more is read.
    func assign(toAll plans: inout [ReleasePlan]) {
        let order = plans.indices.sorted { a, b in
            switch (plans[a].version, plans[b].version) {
            case let (x?, y?): return x < y || (x == y && a > b)
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a > b
            }
        }
        // Reading the trailers of every commit is shared out among the cores; `.mailmap` and the
        // first-time marks, which depend on the order, follow on the few distinct people.
        let credited = parallelMap(plans.map(\.sources), chunks: 16) { ContributorList.credited(by: $0) }
        var known = Set<String>()
        for index in order {
            plans[index].contributors = ContributorList.contributors(
                credited: credited[index], resolve: resolve, isKnown: { known.contains($0) })
            for contributor in plans[index].contributors { known.insert(contributor.key) }
        }
    }

    /// One release whose range starts after `bases`: a contributor is a first-timer when no
    /// commit reachable from them credits them. The walk stops as soon as everyone is found, which
    /// for a release of returning contributors is a few commits back; only a newcomer costs a walk
    /// of the whole earlier history.
    func assign(to plan: inout ReleasePlan, after bases: [ObjectID]) throws(ChangelogError) {
        var contributors = ContributorList.contributors(of: plan.sources, resolve: resolve, isKnown: { _ in false })
        var missing = Set(contributors.map(\.key))
        if !bases.isEmpty && !missing.isEmpty {
            try git { () throws(GitError) in
                try repository.visitAncestors(of: bases) { commit in
                    for person in ContributorList.people(of: SourceCommit(commit), resolve: resolve) {
                        missing.remove(Contributor.key(person))
                    }
                    return !missing.isEmpty
                }
            }
        }
        for index in contributors.indices { contributors[index].isFirstTime = missing.contains(contributors[index].key) }
        plan.contributors = contributors
    }
}
