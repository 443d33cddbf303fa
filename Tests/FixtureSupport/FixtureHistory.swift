import Foundation
import Git

/// A test history described in a small readable language, built into a real repository with libgit2.
///
/// ```
/// author Ada Lovelace <ada@example.com>   # who writes the following commits and tags
/// start 2026-01-05T10:00:00+01:00         # the first commit's time; each commit adds `step` seconds
/// step 3600
/// remote origin git@github.com:acme/widget.git
/// commit feat(parser): accept footers     # a commit on the current branch; it adds one file
/// | body line                              # further message lines ("|" then an optional space)
/// label parser                             # names the last commit; `$parser` in messages becomes its id
/// tag v1.0.0                               # lightweight tag at the current commit
/// tag v1.1.0 Release 1.1.0                 # annotated tag with that message
/// branch 1-3-stable                        # creates a branch at the current commit
/// checkout 1-3-stable                      # switches the current branch
/// merge feature                            # merge commit of `feature` into the current branch
/// merge feature Merge pull request #5 from acme/feature
/// cherry-pick parser -x                    # re-applies that commit's change; -x adds git's trailer
/// cherry-pick parser --keep-author           # with its author and author date, as git's cherry-pick keeps them
/// cherry-pick parser --edited               # the change as a conflict resolution altered it (a new patch-id)
/// cherry-pick parser --reword                # as `cherry-pick -e`: author and date kept, " (forward port)" added to the subject
/// squash release/0.23 chore: tag 0.23.3 (#45) # one commit with all that branch changed since the fork
/// rebase release/0.23                         # that branch's own commits copied here, authors and dates kept
/// write packages/api/index.js                 # the next commit writes this file (fresh contents) instead of
/// remove packages/old/index.js                #   its own changes/N.txt; remove deletes one, move renames one
/// move packages/api/a.js packages/web/a.js    #   with its contents kept
/// ```
public struct FixtureHistory {
    public enum Step: Equatable {
        case commit(message: String)
        case label(String)
        case tag(name: String, message: String?)
        case branch(String)
        case checkout(String)
        case merge(branch: String, message: String?)
        case cherryPick(label: String, recordOrigin: Bool, edited: Bool, reworded: Bool = false, keepsAuthor: Bool = false)
        case squash(branch: String, message: String)
        case rebase(branch: String)
        case write(path: String)
        case remove(path: String)
        case move(from: String, to: String)
    }

    public var author = Signature(name: "Ada Lovelace", email: "ada@example.com", time: 0, offsetMinutes: 0)
    public var authors: [Int: Signature] = [:]
    public var start: Int64 = 1_767_603_600  // 2026-01-05T09:00:00Z
    public var offsetMinutes = 0
    public var step: Int64 = 3_600
    public var remotes: [(name: String, url: String)] = []
    public var steps: [Step] = []

    public struct SyntaxError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(parsing text: String) throws {
        var lastCommitLine: Int?
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            if line.hasPrefix("|") {
                guard let index = lastCommitLine, case .commit(let message) = steps[index] else {
                    throw SyntaxError(line: number + 1, message: "'|' continues a commit message, but no commit precedes it")
                }
                var continuation = line.dropFirst()
                if continuation.first == " " { continuation = continuation.dropFirst() }
                steps[index] = .commit(message: message + "\n" + continuation)
                continue
            }
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed =
                (line.hasPrefix("commit ") || line.hasPrefix("merge ") || line.hasPrefix("tag ") || line.hasPrefix("cherry-pick ")
                ? line : code)
                .trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let (keyword, argument) = Self.split(trimmed)
            switch keyword {
            case "author":
                guard let open = argument.firstIndex(of: "<"), let close = argument.lastIndex(of: ">") else {
                    throw SyntaxError(line: number + 1, message: "author needs 'Name <email>'")
                }
                author.name = argument[..<open].trimmingCharacters(in: .whitespaces)
                author.email = String(argument[argument.index(after: open)..<close])
                authors[steps.count] = author
            case "start":
                guard let (seconds, offset) = Self.parseDate(argument) else {
                    throw SyntaxError(line: number + 1, message: "start needs an ISO 8601 date with offset, e.g. 2026-01-05T10:00:00+01:00")
                }
                start = seconds
                offsetMinutes = offset
            case "step":
                guard let value = Int64(argument) else { throw SyntaxError(line: number + 1, message: "step needs seconds") }
                step = value
            case "remote":
                let (name, url) = Self.split(argument)
                remotes.append((name, url))
            case "commit":
                steps.append(.commit(message: argument))
                lastCommitLine = steps.count - 1
            case "label": steps.append(.label(argument))
            case "tag":
                let (name, message) = Self.split(argument)
                steps.append(.tag(name: name, message: message.isEmpty ? nil : message))
            case "branch": steps.append(.branch(argument))
            case "checkout": steps.append(.checkout(argument))
            case "merge":
                let (branch, message) = Self.split(argument)
                steps.append(.merge(branch: branch, message: message.isEmpty ? nil : message))
            case "squash":
                let (branch, message) = Self.split(argument)
                guard !message.isEmpty else { throw SyntaxError(line: number + 1, message: "squash needs a branch and a message") }
                steps.append(.squash(branch: branch, message: message))
            case "rebase": steps.append(.rebase(branch: argument))
            case "write": steps.append(.write(path: argument))
            case "remove": steps.append(.remove(path: argument))
            case "move":
                let (from, to) = Self.split(argument)
                guard !to.isEmpty else { throw SyntaxError(line: number + 1, message: "move needs a path and a new path") }
                steps.append(.move(from: from, to: to))
            case "cherry-pick":
                var words = argument.split(separator: " ").map(String.init)
                let record = words.contains("-x"), edited = words.contains("--edited"), reworded = words.contains("--reword")
                let keepsAuthor = reworded || words.contains("--keep-author")
                words.removeAll { ["-x", "--edited", "--reword", "--keep-author"].contains($0) }
                guard let label = words.first else { throw SyntaxError(line: number + 1, message: "cherry-pick needs a label") }
                steps.append(.cherryPick(label: label, recordOrigin: record, edited: edited, reworded: reworded, keepsAuthor: keepsAuthor))
            default:
                throw SyntaxError(line: number + 1, message: "unknown keyword '\(keyword)'")
            }
        }
    }

    static func split(_ text: String) -> (String, String) {
        guard let space = text.firstIndex(of: " ") else { return (text, "") }
        return (String(text[..<space]), text[text.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }

    /// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, computed by hand: Foundation's ISO 8601
    /// formatter is not safe to use from tests running in parallel on Linux.
    static func parseDate(_ text: String) -> (Int64, Int)? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for byte in chars[from..<from + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard chars.count >= 20, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var offset = 0
        if chars[19] != UInt8(ascii: "Z") {
            guard chars.count == 25, let h = number(20, 2), let m = number(23, 2) else { return nil }
            offset = (chars[19] == UInt8(ascii: "-") ? -1 : 1) * (h * 60 + m)
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let local = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        return (local - Int64(offset) * 60, offset)
    }
}

/// A repository built from a `FixtureHistory`.
public struct BuiltFixture {
    public var path: String
    /// Commit ids by label.
    public var labels: [String: ObjectID]
    /// Every commit in creation order.
    public var commits: [ObjectID]
}

extension FixtureHistory {
    /// Builds the history into a new repository at `path`, leaving HEAD on the current branch.
    /// The working tree is left empty: nothing the tool reads lives there, except files a test writes.
    public func build(at path: String) throws -> BuiltFixture {
        let repository = try Repository.create(at: path, initialBranch: "main")
        for remote in remotes {
            try repository.setConfig("remote.\(remote.name).url", remote.url)
            try repository.setConfig("remote.\(remote.name).fetch", "+refs/heads/*:refs/remotes/\(remote.name)/*")
        }
        var branch = "main"
        var tips: [String: ObjectID] = [:]
        var files: [String: [String: [UInt8]]] = ["main": [:]]
        var changes: [ObjectID: (path: String, contents: [UInt8])] = [:]
        // Each branch's commits in creation order, and who wrote each one when: what a rebase copies.
        var made: [String: [ObjectID]] = ["main": []]
        var authored: [ObjectID: (message: String, author: Signature)] = [:]
        var labels: [String: ObjectID] = [:]
        var commits: [ObjectID] = []
        var clock = start
        var who = author
        var counter = 0

        func signature() -> Signature {
            Signature(name: who.name, email: who.email, time: clock, offsetMinutes: offsetMinutes)
        }
        func expand(_ message: String) -> String {
            var result = message
            for (label, id) in labels.sorted(by: { $0.key.count > $1.key.count }) {
                result = result.replacingOccurrences(of: "$" + label, with: id.hex)
            }
            return result.hasSuffix("\n") ? result : result + "\n"
        }
        var staged: [(String, [UInt8]?)] = []
        func commit(message: String, parents: [ObjectID], change: [(String, [UInt8]?)], author: Signature? = nil) throws -> ObjectID {
            for (path, contents) in change { files[branch, default: [:]][path] = contents }
            let tree = try repository.writeTree(base: parents.first, changes: change.map { ($0.0, $0.1) })
            let text = author == nil ? expand(message) : message
            let id = try repository.writeCommit(
                tree: tree, parents: parents, message: text,
                author: author ?? signature(), committer: signature(), updating: "refs/heads/\(branch)")
            tips[branch] = id
            commits.append(id)
            made[branch, default: []].append(id)
            authored[id] = (text, author ?? signature())
            clock += step
            return id
        }

        for (index, step) in steps.enumerated() {
            if let next = authors[index] { who = next }
            switch step {
            case .write(let path):
                counter += 1
                staged.append((path, Array("\(path) \(counter)\n".utf8)))
            case .remove(let path):
                staged.append((path, nil))
            case .move(let from, let to):
                guard let contents = staged.last(where: { $0.0 == from })?.1 ?? files[branch]?[from] else {
                    throw SyntaxError(line: 0, message: "move of \(from), which the branch does not have")
                }
                staged += [(from, nil), (to, contents)]
            case .commit(let message) where !staged.isEmpty:
                let id = try commit(message: message, parents: tips[branch].map { [$0] } ?? [], change: staged)
                // A cherry-pick or rebase copies one file's change: a commit that writes one file can be picked.
                if staged.count == 1, let (path, contents) = staged.first, let contents { changes[id] = (path, contents) }
                staged = []
            case .commit(let message):
                counter += 1
                let path = "changes/\(counter).txt"
                let contents = Array("change \(counter)\n".utf8)
                let id = try commit(message: message, parents: tips[branch].map { [$0] } ?? [], change: [(path, contents)])
                changes[id] = (path, contents)
            case .label(let name):
                guard let tip = tips[branch] else { throw SyntaxError(line: 0, message: "label \(name) before any commit") }
                labels[name] = tip
            case .tag(let name, let message):
                guard let tip = tips[branch] else { throw SyntaxError(line: 0, message: "tag \(name) before any commit") }
                try repository.createTag(
                    name: name, target: tip, message: message.map { $0 + "\n" }, tagger: message == nil ? nil : signature())
            case .branch(let name):
                guard let tip = tips[branch] else { throw SyntaxError(line: 0, message: "branch \(name) before any commit") }
                try repository.setReference("refs/heads/\(name)", to: tip)
                tips[name] = tip
                files[name] = files[branch]
                made[name] = made[branch]
            case .checkout(let name):
                guard tips[name] != nil else { throw SyntaxError(line: 0, message: "checkout of unknown branch \(name)") }
                branch = name
                try repository.setHead("refs/heads/\(name)")
            case .merge(let other, let message):
                guard let ours = tips[branch], let theirs = tips[other] else {
                    throw SyntaxError(line: 0, message: "merge of unknown branch \(other)")
                }
                let incoming = (files[other] ?? [:]).filter { files[branch]?[$0.key] != $0.value }.sorted { $0.key < $1.key }
                _ = try commit(
                    message: message ?? "Merge branch '\(other)'", parents: [ours, theirs], change: incoming.map { ($0.key, $0.value) })
            case .squash(let other, let message):
                guard let ours = tips[branch], tips[other] != nil else {
                    throw SyntaxError(line: 0, message: "squash of unknown branch \(other)")
                }
                let incoming = (files[other] ?? [:]).filter { files[branch]?[$0.key] != $0.value }.sorted { $0.key < $1.key }
                _ = try commit(message: message, parents: [ours], change: incoming.map { ($0.key, $0.value) })
            case .rebase(let other):
                guard tips[other] != nil else { throw SyntaxError(line: 0, message: "rebase of unknown branch \(other)") }
                let here = Set(made[branch] ?? [])
                for id in made[other] ?? [] where !here.contains(id) {
                    guard let change = changes[id], let original = authored[id] else { continue }
                    let copy = try commit(
                        message: original.message, parents: tips[branch].map { [$0] } ?? [], change: [(change.path, change.contents)],
                        author: original.author)
                    changes[copy] = change
                }
            case .cherryPick(let label, let recordOrigin, let edited, let reworded, let keepsAuthor):
                guard let picked = labels[label], let change = changes[picked] else {
                    throw SyntaxError(line: 0, message: "cherry-pick of unknown label \(label)")
                }
                var message = try repository.commit(picked).message
                if reworded, let end = message.firstIndex(of: "\n") {
                    message.replaceSubrange(end..<end, with: " (forward port)")
                } else if reworded {
                    message += " (forward port)"
                }
                if recordOrigin {
                    // As git does: right after a closing trailer block, else after a blank line.
                    while message.hasSuffix("\n") { message.removeLast() }
                    let lastParagraph = message.components(separatedBy: "\n\n").last ?? ""
                    let isTrailers =
                        message.contains("\n\n")
                        && lastParagraph.split(separator: "\n").allSatisfy { line in
                            line.hasPrefix("(cherry picked from commit ")
                                || line.range(of: #"^[A-Za-z][A-Za-z0-9-]*: "#, options: .regularExpression) != nil
                        }
                    message += (isTrailers ? "\n" : "\n\n") + "(cherry picked from commit \(picked.hex))\n"
                }
                let contents = edited ? change.contents + Array("resolved by hand\n".utf8) : change.contents
                let author = keepsAuthor ? authored[picked]?.author : nil
                let id = try commit(
                    message: message, parents: tips[branch].map { [$0] } ?? [], change: [(change.path, contents)], author: author)
                changes[id] = (change.path, contents)
            }
        }
        if branch != "main" || tips["main"] != nil { try repository.setHead("refs/heads/\(branch)") }
        return BuiltFixture(path: path, labels: labels, commits: commits)
    }
}
