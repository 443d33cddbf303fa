import Foundation
import Git
import Testing

@testable import ChangelogKit

/// The journal reads back exactly what was saved, whatever bytes and names it holds, and is
/// either all there or absent.
@Suite struct ReleaseJournalTests {
    private func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/changelog-journal-\(UUID().uuidString.prefix(8))/"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func savesAndLoadsEveryField() throws {
        let git = try directory()
        defer { try? FileManager.default.removeItem(atPath: git) }
        let one = try #require(ObjectID(hex: String(repeating: "a1", count: 20)))
        let two = try #require(ObjectID(hex: String(repeating: "b2", count: 20)))
        let journal = ReleaseJournal(
            version: "2.0.0-rc.1", tags: [.init(name: "v2.0.0-rc.1", object: two)],
            reference: .init(
                name: "refs/heads/fix\\tab", old: one, new: two, logMessage: "commit: chore(release): v2.0.0-rc.1\twith a tab"),
            indexPath: git + "index", index: [0, 1, 2, 255],
            files: [
                .init(path: "/w/odd\tname\nwith\\escapes\r.md", name: "odd\tname\nwith\\escapes\r.md", old: nil, new: Array("new\n".utf8)),
                .init(path: "/w/VERSION", name: "VERSION", old: [], new: Array("2.0.0\n".utf8)),
            ],
            pushCommand: "git push --follow-tags origin 'fix\\tab'")
        #expect(try ReleaseJournal.load(from: git) == nil)
        try journal.save(in: git)
        #expect(ReleaseJournal.exists(in: git))
        #expect(try ReleaseJournal.load(from: git) == journal)
        try ReleaseJournal.remove(from: git)
        #expect(!ReleaseJournal.exists(in: git))
        #expect(try FileManager.default.contentsOfDirectory(atPath: git).isEmpty)
        // Removing it twice is fine: the second finds nothing to do.
        try ReleaseJournal.remove(from: git)
    }

    @Test func aDamagedJournalIsAnErrorThatSaysWhatToDo() throws {
        let git = try directory()
        defer { try? FileManager.default.removeItem(atPath: git) }
        try FileManager.default.createDirectory(atPath: git + "changelog-release", withIntermediateDirectories: true)
        try Data("changelog release journal 1\nversion\t1.0.0\n".utf8).write(to: URL(fileURLWithPath: git + "changelog-release/state"))
        #expect(
            throws: ChangelogError(
                "the journal of a pending release, \(git)changelog-release, is damaged (incomplete); if the files, branch and tags are as you want them, remove it (rm -r \(git)changelog-release)"
            )
        ) {
            try ReleaseJournal.load(from: git)
        }
    }
}

extension ReleaseJournalTests {
    /// A release of several packages records a tag each, under a header a one-tag reader refuses.
    @Test func severalTagsAreSavedAndLoaded() throws {
        let git = FileManager.default.temporaryDirectory.path + "/changelog-journal-\(UUID().uuidString.prefix(8))/"
        try FileManager.default.createDirectory(atPath: git, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: git) }
        let one = try #require(ObjectID(hex: String(repeating: "a1", count: 20)))
        let two = try #require(ObjectID(hex: String(repeating: "b2", count: 20)))
        let journal = ReleaseJournal(
            version: "api 1.1.0, web 1.0.1", tags: [.init(name: "api-v1.1.0", object: one), .init(name: "web-v1.0.1", object: two)],
            reference: nil, indexPath: git + "index", index: nil, files: [], pushCommand: "git push --follow-tags origin main")
        try journal.save(in: git)
        let state = try String(contentsOfFile: git + "changelog-release/state", encoding: .utf8)
        #expect(state.hasPrefix("changelog release journal 2\n"))
        #expect(try ReleaseJournal.load(from: git) == journal)
        #expect(journal.tagNames == "api-v1.1.0, web-v1.0.1")
        // Two tags under the one-tag header are a damaged journal, never half settled.
        try state.replacingOccurrences(of: "journal 2", with: "journal 1").write(
            toFile: git + "changelog-release/state", atomically: true, encoding: .utf8)
        #expect(throws: ChangelogError.self) { try ReleaseJournal.load(from: git) }
    }
}
