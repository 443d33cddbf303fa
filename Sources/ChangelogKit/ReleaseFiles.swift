/// The working-tree side of a release transaction: every read and write of the files a release
/// changes, and of the index it restores. The disk does it (`DiskReleaseFiles`); tests put in a
/// stand-in that fails at a chosen write, to see a release roll back, or fail to, in-process.
protocol ReleaseFiles {
    /// The file's bytes; nil when there is none.
    func read(_ path: String) throws(ChangelogError) -> [UInt8]?
    /// Replaces the file as a whole: a reader or a crash sees all old or all new.
    func replace(_ path: String, with bytes: [UInt8]) throws(ChangelogError)
    /// Puts `old` back, in place when the disk has no room for a second copy.
    func restore(_ old: [UInt8], to path: String) throws(ChangelogError)
    /// Removes a file the release created.
    func remove(_ path: String) throws(ChangelogError)
    /// Removes what an interrupted replacement of `path` left beside it.
    func removeTemporary(of path: String) throws(ChangelogError)
    /// Puts the index back as it was (`old`), or removes it when there was none.
    func restoreIndex(_ old: [UInt8]?, at path: String) throws(ChangelogError)
}
