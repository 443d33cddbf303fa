import Foundation

extension SyntheticHistory {
    /// Main plus a maintenance line per minor release, the shape of a project with thousands of
    /// tags off its main line.
    ///
    /// About every `releaseEvery` main commits main is tagged `vX.Y.0` and `release/X.Y` forks there.
    /// While it lives the branch makes 1 to 9 patch releases `vX.Y.Z`: each picks the fixes main
    /// made for it since the last one (the same file change, author and date; four in five with a
    /// `(cherry picked from commit <id>)` line), sometimes adds a fix of its own, sometimes a
    /// `chore(release): X.Y.Z` commit, and is tagged there. One branch in five is squash-merged
    /// back when it ends: one commit on main with the branch's combined change, its subject the
    /// branch's last subject with ` (#N)`, its body the branch's subjects as `* subject` lines.
    /// Fixes meant for a branch add a file of their own, so a pick's patch equals its original's.
    /// Ids are computed here (SHA-1 of the objects fast-import will write) to name the originals.
    func generateMaintenance() -> Output {
        struct Original {
            var body: [UInt8]
            var author: (person: Int, time: Int64)
            var change: (path: String, content: [UInt8])
        }
        struct Line {
            var name: String
            var version: String
            var tip: Int
            var tree: SyntheticTree
            var patch = 0
            /// The main steps at which the branch makes its next releases, ascending.
            var releasesAt: [Int]
            var squash: Bool
            /// Fixes made on main for this branch, not yet picked.
            var pending: [Int] = []
            /// The branch's changes since the fork: paths in first-change order, and their content.
            var paths: [String] = []
            var content: [String: [UInt8]] = [:]
            var subjects: [String] = []
            var lastKind: Kind = .other
        }

        var random = SplitMix64(seed: seed)
        var out = Data()
        var output = Output(stream: Data(), kinds: [:], tags: [])
        var ids: [[UInt8]] = [[]]
        var mark = 0
        var time: Int64 = 1_600_000_000
        var lastAuthor = (person: 0, time: Int64(0))
        var originals: [Int: Original] = [:]
        var lines: [Line] = []
        var active: [Int] = []
        var mainTip = 0
        var mainTree = SyntheticTree()
        var version = (major: 0, minor: 0)
        var step = 0
        var sinceRelease = 0
        var sideBranches = 0
        var pullRequest = 100
        let people = SyntheticText.people

        func emit(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func emitData(_ bytes: [UInt8]) {
            emit("data \(bytes.count)\n")
            out.append(contentsOf: bytes)
            emit("\n")
        }
        func hex(_ id: [UInt8]) -> String {
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: id.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
        }
        func subject(_ body: [UInt8]) -> String {
            String(decoding: body.prefix { $0 != 0x0A }, as: UTF8.self)
        }
        func jittered(_ every: Int) -> Int {
            let jitter = every / 4
            return every - jitter + Int(random.next() % UInt64(2 * jitter + 1))
        }

        func commit(
            ref: String, parents: [Int], tree: inout SyntheticTree, kind: Kind, body: [UInt8],
            changes: [(path: String, content: [UInt8])], author: (person: Int, time: Int64)? = nil
        ) -> Int {
            mark += 1
            let committer = Int(random.next() % UInt64(people.count))
            time += Int64(60 + random.next() % 3_600)
            lastAuthor = author ?? (committer, time)
            let authorLine = "\(people[lastAuthor.person].0) <\(people[lastAuthor.person].1)> \(lastAuthor.time) +0000"
            let committerLine = "\(people[committer].0) <\(people[committer].1)> \(time) +0000"
            emit("commit \(ref)\nmark :\(mark)\nauthor \(authorLine)\ncommitter \(committerLine)\n")
            emitData(body)
            if let first = parents.first { emit("from :\(first)\n") }
            for other in parents.dropFirst() { emit("merge :\(other)\n") }
            for change in changes {
                emit("M 100644 inline \(change.path)\n")
                emitData(change.content)
                tree.set(change.path, blob: SHA1.objectID(type: "blob", content: change.content))
            }
            var object = Array("tree \(hex(tree.id))\n".utf8)
            for parent in parents { object += Array("parent \(hex(ids[parent]))\n".utf8) }
            object += Array("author \(authorLine)\ncommitter \(committerLine)\n\n".utf8) + body
            ids.append(SHA1.objectID(type: "commit", content: object))
            output.kinds[mark] = kind
            return mark
        }

        func mainCommit() {
            let kind = SyntheticText.pickKind(random: &random)
            let number = mark + 1
            let body = SyntheticText.message(for: kind, number: number, random: &random)
            var change = (path: "src/file\(number % 64).txt", content: Array("commit \(number)\n".utf8))
            let backport = kind == .fix && !active.isEmpty && random.next() % 2 == 0
            if backport { change = ("fixes/\(number % 256)/fix-\(number).txt", Array("fix \(number)\n".utf8)) }
            mainTip = commit(
                ref: "refs/heads/main", parents: mainTip == 0 ? [] : [mainTip], tree: &mainTree, kind: kind,
                body: body, changes: [change])
            guard backport, let newest = active.last else { return }
            originals[mainTip] = Original(body: body, author: lastAuthor, change: change)
            lines[newest].pending.append(mainTip)
            // Older lines still maintained get some of the same fixes.
            if active.count > 1 && random.next() % 3 == 0 { lines[active[active.count - 2]].pending.append(mainTip) }
        }

        func branchCommit(
            _ index: Int, kind: Kind, body: [UInt8], change: (path: String, content: [UInt8]),
            author: (person: Int, time: Int64)? = nil
        ) -> Int {
            var line = lines[index]
            line.tip = commit(
                ref: "refs/heads/\(line.name)", parents: [line.tip], tree: &line.tree, kind: kind, body: body,
                changes: [change], author: author)
            if line.content.updateValue(change.content, forKey: change.path) == nil { line.paths.append(change.path) }
            line.subjects.append(subject(body))
            line.lastKind = kind
            lines[index] = line
            return line.tip
        }

        func patchRelease(_ index: Int) {
            let count = min(lines[index].pending.count, 1 + Int(random.next() % 4))
            for original in lines[index].pending.prefix(count) {
                let source = originals[original]!
                var body = source.body
                if random.next() % 5 != 0 { body += Array("\n(cherry picked from commit \(hex(ids[original])))\n".utf8) }
                let pick = branchCommit(index, kind: output.kinds[original]!, body: body, change: source.change, author: source.author)
                output.picks[pick] = original
            }
            lines[index].pending.removeFirst(count)
            if count == 0 || random.next() % 10 < 3 {
                let number = mark + 1
                _ = branchCommit(
                    index, kind: .fix, body: SyntheticText.message(for: .fix, number: number, random: &random),
                    change: ("maint/\(lines[index].version).txt", Array("own \(number)\n".utf8)))
            }
            lines[index].patch += 1
            let release = "\(lines[index].version).\(lines[index].patch)"
            if random.next() % 2 == 0 {
                _ = branchCommit(
                    index, kind: .other, body: Array("chore(release): \(release)\n".utf8),
                    change: ("VERSION", Array("\(release)\n".utf8)))
            }
            tag("v\(release)", at: lines[index].tip)
            output.offLineTags.insert("v\(release)")
        }

        func squashMerge(_ index: Int) {
            let line = lines[index]
            pullRequest += 1 + Int(random.next() % 20)
            let items = line.subjects.map { "* \($0)" }.joined(separator: "\n")
            let body = Array("\(line.subjects.last!) (#\(pullRequest))\n\n\(items)\n".utf8)
            mainTip = commit(
                ref: "refs/heads/main", parents: [mainTip], tree: &mainTree, kind: line.lastKind, body: body,
                changes: line.paths.map { ($0, line.content[$0]!) })
            output.squashes[mainTip] = line.name
        }

        func tag(_ name: String, at target: Int) {
            emit("tag \(name)\nfrom :\(target)\ntagger Release Bot <bot@example.com> \(time) +0000\n")
            emitData(Array("Release \(name)\n".utf8))
            output.tags.append((name, target))
        }

        var nextReleaseAt = jittered(releaseEvery)
        while mark < commits {
            step += 1
            if mark > 0 && random.next() % 40 == 0 && commits - mark > 6 {
                // A short side branch, merged back with a merge commit, as in the linear shape.
                sideBranches += 1
                var tree = mainTree
                var tip = mainTip
                for _ in 0..<Int(2 + random.next() % 3) {
                    let kind = SyntheticText.pickKind(random: &random)
                    let number = mark + 1
                    tip = commit(
                        ref: "refs/heads/topic/\(sideBranches)", parents: [tip], tree: &tree, kind: kind,
                        body: SyntheticText.message(for: kind, number: number, random: &random),
                        changes: [("src/file\(number % 64).txt", Array("commit \(number)\n".utf8))])
                }
                let number = mark + 1
                mainTip = commit(
                    ref: "refs/heads/main", parents: [mainTip, tip], tree: &mainTree, kind: .merge,
                    body: Array("Merge branch 'topic/\(sideBranches)'\n".utf8),
                    changes: [("src/file\(number % 64).txt", Array("commit \(number)\n".utf8))])
            } else {
                mainCommit()
            }
            sinceRelease += 1
            for index in active {
                while let due = lines[index].releasesAt.first, due <= step {
                    lines[index].releasesAt.removeFirst()
                    patchRelease(index)
                }
                if lines[index].releasesAt.isEmpty && lines[index].squash { squashMerge(index) }
            }
            active.removeAll { lines[$0].releasesAt.isEmpty }
            if sinceRelease >= nextReleaseAt {
                version = version.minor == 9 ? (version.major + 1, 0) : (version.major, version.minor + 1)
                let name = "\(version.major).\(version.minor)"
                tag("v\(name).0", at: mainTip)
                let lifespan = releaseEvery / 2 + Int(random.next() % UInt64(2 * releaseEvery))
                let releases = (0..<(1 + Int(random.next() % 9))).map { _ in step + 1 + Int(random.next() % UInt64(lifespan)) }.sorted()
                lines.append(
                    Line(
                        name: "release/\(name)", version: name, tip: mainTip, tree: mainTree, releasesAt: releases,
                        squash: random.next() % 5 == 0))
                active.append(lines.count - 1)
                sinceRelease = 0
                nextReleaseAt = jittered(releaseEvery)
            }
        }
        emit("reset refs/heads/main\nfrom :\(mainTip)\n\n")
        output.stream = out
        for index in 1..<ids.count { output.ids[index] = hex(ids[index]) }
        return output
    }
}
