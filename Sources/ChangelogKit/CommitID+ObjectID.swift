import ChangelogCore
import Git

// The two spellings of one id: Core's and libgit2's hold the same bytes in the same words.

extension CommitID {
    init(_ id: ObjectID) {
        let (first, second, last) = id.words
        self.init(first: first, second: second, last: last)
    }
}

extension ObjectID {
    init(_ id: CommitID) {
        self.init(words: (id.first, id.second, id.last))
    }
}
