import Foundation

extension SyntheticHistory {
    /// How many packages the monorepo shape has: `packages/pkg00` to `packages/pkg49`.
    public static let monorepoPackages = 50

    /// The package directory of package `number`.
    public static func packagePath(_ number: Int) -> String {
        "packages/pkg" + (number < 10 ? "0" : "") + String(number)
    }

    /// A monorepo: one main line (with a short side branch merged now and then) where most commits
    /// change files of one package, some of two, some only the root (docs, CI). Each package is
    /// tagged `pkgNN-vX.Y.Z` about every `tagEvery` of its own commits (±25%) when they call for
    /// a release; the repository as a whole is tagged `vX.Y.Z` about every `tagEvery` commits, as
    /// the linear shape is. Each package holds a few nested files, so its trees have some depth.
    func generateMonorepo() -> Output {
        var random = SplitMix64(seed: seed)
        var out = Data()
        var kinds: [Int: Kind] = [:]
        var tags: [(String, Int)] = []
        var mark = 0
        var mainTip = 0
        var time: Int64 = 1_600_000_000
        let count = Self.monorepoPackages
        var versions = [(major: Int, minor: Int, patch: Int)](repeating: (0, 1, 0), count: count + 1)
        var pending = [Int](repeating: 0, count: count + 1)
        var since = [Int](repeating: 0, count: count + 1)
        var nextAt = [Int](repeating: tagEvery, count: count + 1)
        let root = count  // the repository's own tags
        let people = SyntheticText.people

        func emit(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func emitData(_ bytes: [UInt8]) {
            emit("data \(bytes.count)\n")
            out.append(contentsOf: bytes)
            emit("\n")
        }
        func bump(_ kind: Kind) -> Int {
            switch kind {
            case .breaking: 3
            case .feat: 2
            case .fix, .perf: 1
            default: 0
            }
        }
        func tagIfDue(_ owner: Int) {
            guard since[owner] >= nextAt[owner], pending[owner] > 0 else { return }
            var version = versions[owner]
            switch pending[owner] {
            case 3: version = (version.major + 1, 0, 0)
            case 2: version = (version.major, version.minor + 1, 0)
            default: version = (version.major, version.minor, version.patch + 1)
            }
            versions[owner] = version
            let prefix = owner == root ? "v" : "pkg" + (owner < 10 ? "0" : "") + String(owner) + "-v"
            let name = "\(prefix)\(version.major).\(version.minor).\(version.patch)"
            emit("tag \(name)\nfrom :\(mainTip)\ntagger Release Bot <bot@example.com> \(time) +0000\n")
            emitData(Array("Release \(name)\n".utf8))
            tags.append((name, mainTip))
            pending[owner] = 0
            since[owner] = 0
            let jitter = tagEvery / 4
            nextAt[owner] = tagEvery - jitter + Int(random.next() % UInt64(2 * jitter + 1))
        }
        func commit(branch: String, parents: [Int], kind: Kind) -> [Int] {
            mark += 1
            let person = people[Int(random.next() % UInt64(people.count))]
            time += Int64(60 + random.next() % 3_600)
            let body: [UInt8] =
                kind == .merge ? Array("Merge branch '\(branch)'\n".utf8) : SyntheticText.message(for: kind, number: mark, random: &random)
            emit("commit refs/heads/\(branch)\nmark :\(mark)\n")
            emit("author \(person.0) <\(person.1)> \(time) +0000\n")
            emit("committer \(person.0) <\(person.1)> \(time) +0000\n")
            emitData(body)
            if let first = parents.first { emit("from :\(first)\n") }
            for other in parents.dropFirst() { emit("merge :\(other)\n") }
            kinds[mark] = kind
            guard kind != .merge else { return [] }
            // 90% one package, 5% two, 5% the root only.
            let roll = random.next() % 100
            var touched: [Int] = []
            if roll < 95 { touched.append(Int(random.next() % UInt64(count))) }
            if roll >= 90 && roll < 95 { touched.append((touched[0] + 1 + Int(random.next() % UInt64(count - 1))) % count) }
            for package in touched {
                let file = "\(Self.packagePath(package))/src/\(["lib", "cli", "util"][Int(random.next() % 3)])/file\(mark % 8).txt"
                emit("M 100644 inline \(file)\n")
                emitData(Array("commit \(mark)\n".utf8))
            }
            if touched.isEmpty {
                emit("M 100644 inline docs/file\(mark % 16).md\n")
                emitData(Array("commit \(mark)\n".utf8))
            }
            return touched
        }
        func record(_ kind: Kind, _ touched: [Int]) {
            for owner in touched + [root] {
                pending[owner] = max(pending[owner], bump(kind))
                since[owner] += 1
            }
        }

        var made = 0
        var sideBranches = 0
        while made < commits {
            if made > 0 && random.next() % 40 == 0 && commits - made > 6 {
                sideBranches += 1
                let branch = "topic/\(sideBranches)"
                var tip = mainTip
                for _ in 0..<Int(2 + random.next() % 3) {
                    let kind = SyntheticText.pickKind(random: &random)
                    let touched = commit(branch: branch, parents: [tip], kind: kind)
                    tip = mark
                    record(kind, touched)
                    made += 1
                }
                _ = commit(branch: "main", parents: [mainTip, tip], kind: .merge)
                mainTip = mark
                made += 1
            } else {
                let kind = SyntheticText.pickKind(random: &random)
                let touched = commit(branch: "main", parents: mainTip == 0 ? [] : [mainTip], kind: kind)
                mainTip = mark
                record(kind, touched)
                made += 1
            }
            for owner in 0...count { tagIfDue(owner) }
        }
        emit("reset refs/heads/main\nfrom :\(mainTip)\n\n")
        return Output(stream: out, kinds: kinds, tags: tags)
    }
}
