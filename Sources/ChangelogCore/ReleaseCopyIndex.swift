/// The commits of a branch indexed by what a copy of another branch's commit keeps: its id named
/// in a `(cherry picked from commit …)` line, its author and date (rebase and cherry-pick keep
/// them), its subject (a squash merge's subject is the branch's commit subject with ` (#123)`
/// appended, and its body lists the squashed subjects as `* subject`), and versions named in
/// subjects (`chore: release 1.4.0`).
///
/// It answers cheaply whether a release tagged on another branch may have come back to this one,
/// before anything costlier (a merge base, diffs) is computed: a release whose tagged commit left
/// no such trace here, committed after it, did not come back. Each trace keeps the latest commit
/// time it was seen at: a fix picked from here into a maintenance branch shares its author and
/// subject with the original here, but the original was committed before the pick.
public struct ReleaseCopyIndex {
    /// Positions in the indexed commits, by what a copy keeps. Identities and subjects are kept
    /// by hash, not by value: a collision only adds a candidate, which the comparison of changes
    /// then rejects, and a whole history's strings are not copied into the index.
    private var origins: [CommitID: [Int32]] = [:]
    private let identities: SortedPositions
    private let subjects: SortedPositions
    private var versions: [SemanticVersion: [Int32]] = [:]
    /// Commits whose message starts with an empty line: its subject is then a later line.
    private var laterSubjects: [Int32] = []
    private let committed: [Int64]

    /// What one commit leaves in the index, worked out from it alone (so on any core): the hashes
    /// of its identity and subjects, and the rarer origins and versions it names.
    public struct Trace: Sendable {
        fileprivate var identity: Int
        fileprivate var subject: Int
        fileprivate var listed: [Int] = []
        fileprivate var origins: [CommitID] = []
        fileprivate var versions: [SemanticVersion] = []
        fileprivate var laterSubject: Bool
    }

    public static func trace(of commit: SourceCommit) -> Trace {
        // The subject as a slice of the message: a whole history's subjects are never copied.
        let subjectLine = Self.subjectLine(of: commit.message)
        let subject = Self.key(subjectLine)
        var trace = Trace(
            identity: Self.identity(of: commit), subject: subject.hashValue, laterSubject: subjectLine.isEmpty)
        // Most messages have no cherry-pick line: look for its words before parsing.
        if CommitMessageParser.mayHaveCherryPickLine(commit.message) {
            trace.origins = CommitMessageParser.cherryPickedFrom(in: commit.message).compactMap { CommitID(hex: $0) }
        }
        // Only a body with a `* ` or `- ` in it can list squashed subjects.
        if subjectLine.utf8.count < commit.message.utf8.count, Self.mayListItems(commit.message.utf8[subjectLine.utf8.endIndex...]) {
            for line in commit.message.split(separator: "\n").dropFirst() {
                if let item = Self.listItem(line) { trace.listed.append(Self.key(item).hashValue) }
            }
        }
        if Self.contains(0x2E, in: subject.utf8) { trace.versions = Self.versions(named: subject) }
        return trace
    }

    /// `committed[i]` is when `commits[i]` was committed (committer time, seconds since 1970).
    public init(_ commits: [SourceCommit], committed: [Int64]) {
        self.init(traces: commits.map(Self.trace), committed: committed)
    }

    /// The index of the commits whose traces (`trace(of:)`) are `traces`, in order.
    public init(traces: [Trace], committed: [Int64]) {
        self.committed = committed
        var identities: [(Int, Int32)] = [], subjects: [(Int, Int32)] = []
        identities.reserveCapacity(traces.count)
        subjects.reserveCapacity(traces.count)
        for (position, trace) in traces.enumerated() {
            let at = Int32(position)
            identities.append((trace.identity, at))
            subjects.append((trace.subject, at))
            for item in trace.listed { subjects.append((item, at)) }
            for origin in trace.origins { origins[origin, default: []].append(at) }
            for version in trace.versions { versions[version, default: []].append(at) }
            if trace.laterSubject { laterSubjects.append(at) }
        }
        self.identities = SortedPositions(identities)
        self.subjects = SortedPositions(subjects)
    }

    /// Positions by a hash, sorted once: a whole history's keys without a dictionary entry each.
    private struct SortedPositions {
        private let keys: [Int]
        private let positions: [Int32]

        init(_ pairs: [(Int, Int32)]) {
            let sorted = pairs.sorted { $0.0 < $1.0 }
            keys = sorted.map(\.0)
            positions = sorted.map(\.1)
        }

        subscript(key: Int) -> ArraySlice<Int32>? {
            var low = 0, high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < keys.count, keys[end] == key { end += 1 }
            return end > low ? positions[low..<end] : nil
        }
    }

    /// `SourceCommit.subjectLine` without copying it out of the message.
    public static func subjectLine(of message: String) -> Substring {
        let utf8 = message.utf8
        // A whole history's messages are searched: through their bytes when they are contiguous,
        // where the generic index walk costs several times more.
        let found: String.Index?? = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.firstIndex(of: 0x0A).map { utf8.index(utf8.startIndex, offsetBy: $0) }
        }
        guard var end = found ?? utf8.firstIndex(of: 0x0A) else { return message[...] }
        if end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return message[..<end]
    }

    /// `bytes.contains(byte)`, through the bytes when they are contiguous.
    private static func contains(_ byte: UInt8, in bytes: Substring.UTF8View) -> Bool {
        bytes.withContiguousStorageIfAvailable { $0.contains(byte) } ?? bytes.contains(byte)
    }

    /// The hash of a commit's author and author date, which a cherry-pick and a rebase keep even
    /// when they reword the message (`cherry-pick -e`, `rebase` with `reword`): the subject is
    /// indexed apart, and a copy of a reworded tagged commit would otherwise leave no trace.
    private static func identity(of commit: SourceCommit) -> Int {
        var hasher = Hasher()
        hasher.combine(commit.author)
        hasher.combine(commit.date.secondsSince1970)
        return hasher.finalize()
    }

    /// Whether `commit` (committed at `committed`) may carry a release made elsewhere: a pick or
    /// a rebase (committed later than it was written), a cherry-pick line, or a subject that names
    /// a version (a squash merge). A range with none holds no release's copy, and its tags need
    /// not be read.
    public static func mayCarryARelease(_ commit: SourceCommit, committed: Int64) -> Bool {
        if commit.date.secondsSince1970 != committed { return true }
        if CommitMessageParser.mayHaveCherryPickLine(commit.message) { return true }
        let subject = key(subjectLine(of: commit.message))
        return contains(0x2E, in: subject.utf8) && !versions(named: subject).isEmpty
    }

    /// True when some commit here, committed no earlier than `committed`, could be a copy of
    /// `commit`, the commit a release's tag names: it names it in a cherry-pick line, has its
    /// author and date, its subject (as a squash merge), or names `version`.
    public func mayHoldCopy(of commit: SourceCommit, committed time: Int64, version: SemanticVersion) -> Bool {
        let traces = [
            origins[commit.id].map { $0[...] }, identities[Self.identity(of: commit)], versions[version].map { $0[...] },
            subjects[Self.key(Self.subjectLine(of: commit.message)).hashValue],
        ]
        return traces.contains { positions in positions?.contains { committed[Int($0)] >= time } ?? false }
    }

    /// The positions of the commits that could copy one of `branch`'s commits (a cherry-pick line
    /// naming it or its original, its author and date, or its subject), or squash-merge
    /// the release of `version`: what `ChangeMatcher` then compares, instead of a whole history.
    /// The originals that `branch`'s cherry-pick lines name are the caller's to add.
    public func candidates(copying branch: [SourceCommit], version: SemanticVersion) -> Set<Int32> {
        var found = Set(versions[version] ?? [])
        for commit in branch {
            found.formUnion(origins[commit.id] ?? [])
            for origin in CommitMessageParser.cherryPickedFrom(in: commit.message) {
                if let id = CommitID(hex: origin) { found.formUnion(origins[id] ?? []) }
            }
            found.formUnion(identities[Self.identity(of: commit)] ?? [])
            found.formUnion(subjects[Self.key(Self.subjectLine(of: commit.message)).hashValue] ?? [])
        }
        return found
    }

    /// The positions of the commits whose message may name the release of `version` whose tagged
    /// commit has `subject` (`message(_:names:version:)`), by hash: a few to check, not a history.
    public func mayName(subject: String, version: SemanticVersion) -> Set<Int32> {
        var found = Set(versions[version] ?? [])
        found.formUnion(subjects[Self.key(subject).hashValue] ?? [])
        found.formUnion(laterSubjects)
        return found
    }

    /// True when `message` names the release whose tagged commit has `subject`: as a squash merge
    /// writes it (`subject (#123)`, or `* subject` in its body), or by naming `version`.
    public static func message(_ message: String, names subject: String, version: SemanticVersion) -> Bool {
        let wanted = key(subject)
        // The first line that is not empty, as `split(separator: "\n")` gives it, then the others.
        var lines = message.split(separator: "\n", maxSplits: 1)
        guard let first = lines.first else { return false }
        let head = key(first)
        if head == wanted { return true }
        if lines.count > 1, mayListItems(lines[1].utf8) {
            lines = message.split(separator: "\n")
            if lines.dropFirst().contains(where: { listItem($0).map(key) == wanted }) { return true }
        }
        guard head.utf8.contains(0x2E) else { return false }
        return versions(named: head).contains(version)
    }

    /// The versions a subject names as words: `chore: release 1.1.0.`, `Release v1.1.0!`,
    /// `release/1.1.0 (#45)`, `Merge branch 'release-1.1.0'`. A word's closing punctuation is not
    /// part of it, nor a branch's `release-` (letters and a hyphen) before the version.
    static func versions(named subject: Substring) -> [SemanticVersion] {
        var found: [SemanticVersion] = []
        for whole in subject.split(whereSeparator: { " ()[],:;'\"/".contains($0) }) where whole.utf8.contains(0x2E) {
            var word = whole
            while let last = word.last, ".!?".contains(last) { word = word.dropLast() }
            if let (version, _) = SemanticVersion.parseTag(word) {
                found.append(version)
            } else if let hyphen = word.firstIndex(of: "-"), word[..<hyphen].allSatisfy({ $0.isASCII && $0.isLetter }),
                let (version, _) = SemanticVersion.parseTag(word[word.index(after: hyphen)...])
            {
                found.append(version)
            }
        }
        return found
    }

    /// A subject without surrounding spaces and without the ` (#123)` a forge appends on merging.
    public static func key(_ subject: some StringProtocol) -> Substring {
        let whole = Substring(subject)
        if let ascii = asciiKey(whole) { return ascii }
        var text = whole.drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        guard text.hasSuffix(")") else { return text }
        let number = text.dropLast().reversed().prefix { $0.isASCII && $0.isNumber }
        let head = text.dropLast(number.count + 1)
        if !number.isEmpty && head.hasSuffix(" (#") { return head.dropLast(3) }
        return text
    }

    /// `key` for an ASCII subject, the common case, read as bytes: the same result without the
    /// grapheme breaking that characters cost. In ASCII a character is one byte but `\r\n`, which
    /// neither version trims or takes for a digit, so they cut at the same places. nil for others.
    private static func asciiKey(_ text: Substring) -> Substring? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Substring? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            // ` (#123)`: digits before the `)`, ` (#` before them.
            if end > start, bytes[end - 1] == 0x29 {
                var digits = end - 1
                while digits > start, bytes[digits - 1] >= 0x30 && bytes[digits - 1] <= 0x39 { digits -= 1 }
                if digits < end - 1, digits - start >= 3, bytes[digits - 3] == 0x20, bytes[digits - 2] == 0x28, bytes[digits - 1] == 0x23 {
                    end = digits - 3
                }
            }
            let utf8 = text.utf8
            return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        } ?? nil
    }

    /// False when no line of `body` can be a list item: it has no `* ` or `- ` anywhere.
    private static func mayListItems(_ body: Substring.UTF8View) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 0x20 && (previous == 0x2A || previous == 0x2D) { return true }
                previous = byte
            }
            return false
        }
        return body.withContiguousStorageIfAvailable { scan($0) } ?? scan(body)
    }

    /// The text of a `* item` or `- item` line, as forges list squashed commits.
    static func listItem(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("* ") || trimmed.hasPrefix("- ") else { return nil }
        return trimmed.dropFirst(2)
    }
}
