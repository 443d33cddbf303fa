import Foundation

/// A deterministic, realistic history of any size, written as a `git fast-import` stream.
///
/// The same parameters always give the same bytes, so the same commit ids: benchmarks and the
/// large-history tests compare like with like. The mix follows what real projects show: mostly
/// features and fixes, some other types, a few breaking changes, a tenth of messages that are not
/// Conventional Commits, merges of short side branches, multi-paragraph bodies, footers, non-ASCII
/// text and a few bodies that are not valid UTF-8.
public struct SyntheticHistory {
    public var commits: Int
    /// A version tag about every this many commits (±25%).
    public var tagEvery: Int
    public var seed: UInt64

    public init(commits: Int, tagEvery: Int = 100, seed: UInt64 = 42) {
        self.commits = commits
        self.tagEvery = tagEvery
        self.seed = seed
    }

    /// What the generator meant each commit to be, for oracles that must not trust the parser under test.
    public enum Kind: String, Sendable {
        case feat, fix, perf, breaking, other, nonConventional, merge
        /// The kinds a changelog lists.
        public var isListed: Bool { self == .feat || self == .fix || self == .perf || self == .breaking }
    }

    public struct Output {
        public var stream: Data
        /// Kind of each commit by fast-import mark (1-based).
        public var kinds: [Int: Kind]
        /// Tag names in creation order, with the mark they point at.
        public var tags: [(name: String, mark: Int)]
    }

    public func generate() -> Output {
        var random = SplitMix64(seed: seed)
        var out = Data()
        var kinds: [Int: Kind] = [:]
        var tags: [(String, Int)] = []
        var mark = 0
        var mainTip = 0
        var time: Int64 = 1_600_000_000
        var version = (major: 0, minor: 1, patch: 0)
        var pendingBump = 0 // 0 none, 1 patch, 2 minor, 3 major
        var sinceTag = 0
        var nextTagAt = tagEvery
        var sideBranches = 0
        let people = [("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"),
                      ("Zoë Ångström", "zoe@example.org"), ("李雷", "lilei@example.cn"), ("Linus", "linus@example.com")]
        let scopes = ["parser", "api", "cli", "core", "ui", "export", "i18n", "docs", nil, nil, nil]
        let words = ["cache", "token", "stream", "index", "window", "buffer", "queue", "report", "query", "label", "widget", "hook"]

        func emit(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func emitData(_ bytes: [UInt8]) {
            emit("data \(bytes.count)\n")
            out.append(contentsOf: bytes)
            emit("\n")
        }

        func message(for kind: Kind, number: Int) -> [UInt8] {
            let scope = scopes[Int(random.next() % UInt64(scopes.count))]
            let subject = "\(["add", "fix", "speed up", "handle", "remove", "rename"][Int(random.next() % 6)]) the \(words[Int(random.next() % UInt64(words.count))]) \(number)"
            var header: String
            switch kind {
            case .feat: header = "feat"
            case .fix: header = "fix"
            case .perf: header = "perf"
            case .breaking: header = random.next() % 2 == 0 ? "feat" : "refactor"
            case .other: header = ["docs", "chore", "refactor", "test", "ci", "build", "style"][Int(random.next() % 7)]
            case .nonConventional, .merge: header = ""
            }
            if kind == .nonConventional {
                header = ["Update \(words[number % words.count])", "WIP", "misc fixes \(number)", "Bump version"][Int(random.next() % 4)]
            } else {
                if let scope { header += "(\(scope))" }
                if kind == .breaking && random.next() % 2 == 0 { header += "!" }
                header += ": " + subject
            }
            var text = Array(header.utf8)
            let roll = random.next() % 100
            if roll < 25 {
                text += Array("\n\nThis change touches the \(words[number % words.count]) code path.\nIt keeps the old behaviour behind a flag.".utf8)
            }
            if roll < 8 {
                text += Array("\n\nA second paragraph: naïve café — 日本語のテキスト 🚀.".utf8)
            }
            if roll == 99 {
                text += Array("\n\nLatin-1 body: caf".utf8) + [0xE9] + Array(" (not UTF-8)".utf8)
            }
            var footers: [String] = []
            if kind == .breaking && !header.contains("!") || (kind == .breaking && roll % 2 == 0) {
                footers.append("BREAKING CHANGE: the \(words[number % words.count]) API changed")
            }
            if roll % 5 == 0 { footers.append("Closes #\(number % 997 + 1)") }
            if roll % 7 == 0 { footers.append("Reviewed-by: \(people[number % people.count].0)") }
            if !footers.isEmpty { text += Array(("\n\n" + footers.joined(separator: "\n")).utf8) }
            return text + [0x0A]
        }

        func commit(branch: String, parents: [Int], kind: Kind, body: [UInt8]) -> Int {
            mark += 1
            let person = people[Int(random.next() % UInt64(people.count))]
            time += Int64(60 + random.next() % 3_600)
            emit("commit refs/heads/\(branch)\nmark :\(mark)\n")
            emit("author \(person.0) <\(person.1)> \(time) +0000\n")
            emit("committer \(person.0) <\(person.1)> \(time) +0000\n")
            emitData(body)
            if let first = parents.first { emit("from :\(first)\n") }
            for other in parents.dropFirst() { emit("merge :\(other)\n") }
            emit("M 100644 inline src/file\(mark % 64).txt\n")
            emitData(Array("commit \(mark)\n".utf8))
            kinds[mark] = kind
            return mark
        }

        func pickKind() -> Kind {
            let roll = random.next() % 100
            switch roll {
            case 0..<35: return .feat
            case 35..<65: return .fix
            case 65..<77: return .perf
            case 77..<80: return .breaking
            case 80..<90: return .other
            default: return .nonConventional
            }
        }

        func noteBump(_ kind: Kind) {
            switch kind {
            case .breaking: pendingBump = max(pendingBump, 3)
            case .feat: pendingBump = max(pendingBump, 2)
            case .fix, .perf: pendingBump = max(pendingBump, 1)
            default: break
            }
        }

        var made = 0
        while made < commits {
            if made > 0 && random.next() % 40 == 0 && commits - made > 6 {
                // A short side branch, merged back with a merge commit.
                sideBranches += 1
                let branch = "topic/\(sideBranches)"
                var tip = mainTip
                for _ in 0..<Int(2 + random.next() % 3) {
                    let kind = pickKind()
                    tip = commit(branch: branch, parents: [tip], kind: kind, body: message(for: kind, number: mark + 1))
                    noteBump(kind)
                    made += 1
                    sinceTag += 1
                }
                mainTip = commit(branch: "main", parents: [mainTip, tip], kind: .merge,
                                 body: Array("Merge branch '\(branch)'\n".utf8))
                made += 1
                sinceTag += 1
            } else {
                let kind = pickKind()
                mainTip = commit(branch: "main", parents: mainTip == 0 ? [] : [mainTip], kind: kind, body: message(for: kind, number: mark + 1))
                noteBump(kind)
                made += 1
                sinceTag += 1
            }
            if sinceTag >= nextTagAt && pendingBump > 0 {
                switch pendingBump {
                case 3: version = (version.major + 1, 0, 0)
                case 2: version = (version.major, version.minor + 1, 0)
                default: version = (version.major, version.minor, version.patch + 1)
                }
                let name = "v\(version.major).\(version.minor).\(version.patch)"
                emit("tag \(name)\nfrom :\(mainTip)\ntagger Release Bot <bot@example.com> \(time) +0000\n")
                emitData(Array("Release \(name)\n".utf8))
                tags.append((name, mainTip))
                pendingBump = 0
                sinceTag = 0
                let jitter = tagEvery / 4
                nextTagAt = tagEvery - jitter + Int(random.next() % UInt64(2 * jitter + 1))
            }
        }
        emit("reset refs/heads/main\nfrom :\(mainTip)\n\n")
        return Output(stream: out, kinds: kinds, tags: tags)
    }
}

/// A small, fast, well-distributed PRNG with a fixed algorithm, so streams never change under us.
public struct SplitMix64 {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Sandbox {
    /// Imports a synthetic history into `<root>/<directory>` with `git fast-import` and returns the
    /// commit id of every mark.
    public func importSynthetic(_ history: SyntheticHistory, into directory: String = "repo") throws -> (output: SyntheticHistory.Output, ids: [Int: String]) {
        let path = root + "/" + directory
        _ = try git("init", "-q", "-b", "main", path, in: root)
        let output = history.generate()
        let streamPath = root + "/stream.fi", marksPath = root + "/marks"
        try output.stream.write(to: URL(fileURLWithPath: streamPath))
        let result = try run("/bin/sh", ["-c", "git fast-import --quiet --export-marks=\"$1\" < \"$2\"", "sh", marksPath, streamPath], in: path)
        guard result.status == 0 else { throw GitCommandError(arguments: ["fast-import"], status: result.status, stderr: result.stderr) }
        _ = try git("reset", "-q", "--hard", "main", in: path)
        var ids: [Int: String] = [:]
        for line in try String(contentsOfFile: marksPath, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let mark = Int(parts[0].dropFirst()) { ids[mark] = String(parts[1]) }
        }
        return (output, ids)
    }
}
