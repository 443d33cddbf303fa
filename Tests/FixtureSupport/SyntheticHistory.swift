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
    public var shape: Shape
    /// `.maintenance`: a release of main, and a release branch forked from it, about every this
    /// many main commits (±25%). Each branch makes 1 to 9 patch releases (5 on average), so
    /// 200,000 commits carry about 2,000 tags off the main line. `tagEvery` is not used then.
    public var releaseEvery: Int

    public init(commits: Int, tagEvery: Int = 100, seed: UInt64 = 42, shape: Shape = .linear, releaseEvery: Int = 500) {
        self.commits = commits
        self.tagEvery = tagEvery
        self.seed = seed
        self.shape = shape
        self.releaseEvery = releaseEvery
    }

    public enum Shape: String, Sendable, CaseIterable {
        /// One main line with short topic branches merged back; every tag is on it.
        case linear
        /// Main plus a maintenance branch `release/X.Y` per minor release, as projects with
        /// thousands of tags off the main line have: see `generateMaintenance`.
        case maintenance
        /// One line of commits over `packages` packages, each with its own tags: see `generateMonorepo`.
        case monorepo
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
        /// `.maintenance` only: the id git will give each mark, as the stream's cherry-pick lines name them.
        public var ids: [Int: String] = [:]
        /// `.maintenance` only: each cherry-picked commit's mark, with the mark of the commit it copies.
        public var picks: [Int: Int] = [:]
        /// `.maintenance` only: each squash merge's mark on main, with the release branch it brought back.
        public var squashes: [Int: String] = [:]
        /// `.maintenance` only: the names of the tags made on release branches, off the main line.
        public var offLineTags: Set<String> = []
    }

    public func generate() -> Output {
        if shape == .maintenance { return generateMaintenance() }
        if shape == .monorepo { return generateMonorepo() }
        var random = SplitMix64(seed: seed)
        var out = Data()
        var kinds: [Int: Kind] = [:]
        var tags: [(String, Int)] = []
        var mark = 0
        var mainTip = 0
        var time: Int64 = 1_600_000_000
        var version = (major: 0, minor: 1, patch: 0)
        var pendingBump = 0  // 0 none, 1 patch, 2 minor, 3 major
        var sinceTag = 0
        var nextTagAt = tagEvery
        var sideBranches = 0
        let people = SyntheticText.people

        func emit(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func emitData(_ bytes: [UInt8]) {
            emit("data \(bytes.count)\n")
            out.append(contentsOf: bytes)
            emit("\n")
        }

        func message(for kind: Kind, number: Int) -> [UInt8] {
            SyntheticText.message(for: kind, number: number, random: &random)
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

        func pickKind() -> Kind { SyntheticText.pickKind(random: &random) }

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
                mainTip = commit(
                    branch: "main", parents: [mainTip, tip], kind: .merge,
                    body: Array("Merge branch '\(branch)'\n".utf8))
                made += 1
                sinceTag += 1
            } else {
                let kind = pickKind()
                mainTip = commit(
                    branch: "main", parents: mainTip == 0 ? [] : [mainTip], kind: kind, body: message(for: kind, number: mark + 1))
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
    public func importSynthetic(_ history: SyntheticHistory, into directory: String = "repo") throws -> (
        output: SyntheticHistory.Output, ids: [Int: String]
    ) {
        let path = root + "/" + directory
        _ = try git("init", "-q", "-b", "main", path, in: root)
        let output = history.generate()
        let streamPath = root + "/stream.fi", marksPath = root + "/marks"
        try output.stream.write(to: URL(fileURLWithPath: streamPath))
        let result = try run(
            "/bin/sh", ["-c", "git fast-import --quiet --export-marks=\"$1\" < \"$2\"", "sh", marksPath, streamPath], in: path)
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
