import Foundation
import Git
import Platform
import SystemPackage

/// Installs the commit-msg hook that runs `changelog check` on every new commit message.
public struct HookInstaller {
    public let repository: Repository
    /// The absolute path of the running `changelog`, preferred by the hook while it exists.
    public let executable: String

    public init(repository: Repository, executable: String) {
        self.repository = repository
        self.executable = executable
    }

    /// Where git looks for hooks: `core.hooksPath` (relative to the working tree, as git reads it),
    /// else `hooks/` in the common directory, which linked worktrees share.
    public func hooksDirectory() throws(ChangelogError) -> String {
        if let configured = try git({ () throws(GitError) in try repository.configString("core.hooksPath") }), !configured.isEmpty {
            if configured.hasPrefix("/") { return configured }
            if configured.hasPrefix("~/"), let home = CurrentProcess.environmentValue("HOME") { return home + configured.dropFirst() }
            return (repository.workingDirectory ?? repository.gitDirectory) + configured
        }
        return repository.commonDirectory + "hooks"
    }

    /// The hook script: this binary by its absolute path, or `changelog` from PATH once that path is gone.
    public var script: String {
        """
        #!/bin/sh
        # Installed by `changelog hook install`: rejects commit messages that are not Conventional Commits.
        changelog_bin='\(executable.replacingOccurrences(of: "'", with: "'\\''"))'
        if [ -x "$changelog_bin" ]; then
            exec "$changelog_bin" check --message-file "$1"
        fi
        exec changelog check --message-file "$1"

        """
    }

    public enum Outcome: Equatable {
        case installed(String)
        case alreadyInstalled(String)
        case replaced(String)
    }

    /// Writes `<hooks>/commit-msg`, executable. A different existing hook is kept unless `force`.
    public func install(force: Bool) throws(ChangelogError) -> Outcome {
        let directory = try hooksDirectory()
        let path = directory + "/commit-msg"
        let existing = try AtomicFile.read(path)
        let wanted = Array(script.utf8)
        if existing == wanted { return .alreadyInstalled(path) }
        if existing != nil && !force {
            throw ChangelogError("\(path) already exists and is not this tool's hook; merge it by hand, or pass --force to replace it")
        }
        do throws(Errno) {
            try FileSystem.makeDirectory(directory, permissions: FilePermissions(rawValue: 0o755))
        } catch {
            if error != .fileExists { throw ChangelogError("cannot create \(directory): \(AtomicFile.describe(error))") }
        }
        try AtomicFile.write(wanted, to: path, mode: FilePermissions(rawValue: 0o755))
        return existing == nil ? .installed(path) : .replaced(path)
    }
}
