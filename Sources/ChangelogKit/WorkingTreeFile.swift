import Platform
import SystemPackage

/// A file the tool finds in the working tree by itself (the changelog, a discovered configuration, a
/// configured template or version file): the repository's files are regular files, so anything else
/// there (a FIFO, a socket, a device, a directory) is refused before it is opened, since opening a
/// FIFO to read it waits for a writer forever. Paths the user gives on the command line are the
/// user's own and read with `AtomicFile.read`, so that `-c <(…)` keeps working.
public enum WorkingTreeFile {
    /// Refuses `path` when it exists and is not a regular file; `shownAs` is how the user knows it.
    public static func check(_ path: String, shownAs name: String, use: String = "the tool reads it") throws(ChangelogError) {
        guard let info = try? FileSystem.status(path), info.type != .regular else { return }
        throw ChangelogError.notARegularFile(name, isDirectory: info.type == .directory, use: use)
    }

    /// The file's bytes, nil when it does not exist, an error when it is not a regular file.
    public static func read(_ path: String, shownAs name: String) throws(ChangelogError) -> [UInt8]? {
        try check(path, shownAs: name)
        return try AtomicFile.read(path)
    }
}
