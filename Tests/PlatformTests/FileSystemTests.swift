import Platform
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct FileSystemTests {
    @Test func writesReadsAndReplacesFilesWithTypedErrors() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/file"
        #expect(throws: Errno.noSuchFileOrDirectory) { _ = try FileDescriptor.open(path, .readOnly) }

        let file = try FileDescriptor.open(
            path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec],
            permissions: FilePermissions(rawValue: 0o640))
        try file.writeEverything(Array("hello world".utf8))
        // pwrite from the start, whatever the position is.
        try file.writeEverything(Array("HELLO".utf8), atOffset: 0)
        try file.truncate(to: 9)
        try file.synchronize()
        #expect(try file.read(count: 64, atOffset: 0) == Array("HELLO wor".utf8))
        #expect(try file.status().type == .regular)
        #expect(try file.status().size == 9)
        try file.setPermissions(FilePermissions(rawValue: 0o600))
        #expect(try FileSystem.status(path).permissions == FilePermissions(rawValue: 0o600))
        file.closeQuietly()

        #expect(throws: Errno.fileExists) {
            _ = try FileDescriptor.open(path, .readWrite, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
        }
        try FileSystem.rename(path, to: directory.path + "/renamed")
        #expect(!FileSystem.exists(path))
        #expect(FileSystem.exists(directory.path + "/renamed"))
        #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.remove(path) }
        try FileSystem.remove(directory.path + "/renamed")
    }

    @Test func tellsLinksFIFOsAndDirectoriesApart() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try FileSystem.status(fifo).type == .fifo)
        #expect(symlink("fifo", directory.path + "/link") == 0)
        #expect(try FileSystem.status(directory.path + "/link", followingLinks: false).type == .symbolicLink)
        #expect(try FileSystem.status(directory.path + "/link").type == .fifo)
        #expect(try FileSystem.linkTarget(directory.path + "/link") == "fifo")
        #expect(try FileSystem.realPath(directory.path + "/link") == FileSystem.realPath(directory.path) + "/fifo")

        try FileSystem.makeDirectory(directory.path + "/sub", permissions: FilePermissions(rawValue: 0o755))
        #expect(throws: Errno.fileExists) { try FileSystem.makeDirectory(directory.path + "/sub", permissions: .ownerReadWriteExecute) }
        #expect(try FileSystem.status(directory.path + "/sub").type == .directory)
        #expect(FileSystem.entries(of: directory.path)?.sorted() == ["fifo", "link", "sub"])
        #expect(FileSystem.entries(of: directory.path + "/missing") == nil)
        try FileSystem.removeDirectory(directory.path + "/sub")
        #expect(FileSystem.matches("s*", "sub") && !FileSystem.matches("s*", "fifo"))
    }

    @Test func checksAccessAsTheRealUser() throws {
        let directory = TemporaryDirectory()
        let path = try makeFile(in: directory)
        try FileSystem.check(path)
        try FileSystem.check(path, allows: .write)
        #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.check(directory.path + "/missing") }
    }

    /// A file nobody may write is refused as not writable for every user, root included, whom
    /// access(2) alone would let write it.
    @Test func aFileWithoutWriteBitsIsNotWritableEvenForRoot() throws {
        let directory = TemporaryDirectory()
        let path = try makeFile(in: directory)
        try FileSystem.checkWritableFile(path)
        #expect(chmod(path, 0o444) == 0)
        #expect(throws: Errno.permissionDenied) { try FileSystem.checkWritableFile(path) }
        #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.checkWritableFile(directory.path + "/missing") }
    }

    @Test func temporaryFilesArePrivateAndCloseOnExec() throws {
        let directory = TemporaryDirectory()
        let file = try FileSystem.makeTemporaryFile(prefix: directory.path + "/.stage-")
        defer { file.descriptor.closeQuietly() }
        #expect(file.path.hasPrefix(directory.path + "/.stage-"))
        #expect(try FileSystem.status(file.path).permissions == .ownerReadWrite)
        #expect(fcntl(file.descriptor.rawValue, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test func flockIsHeldByOneOpenFileAtATime() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/lock"
        let first = try FileDescriptor.open(path, .readWrite, options: .create, permissions: .ownerReadWrite)
        let second = try FileDescriptor.open(path, .readWrite)
        defer { second.closeQuietly() }
        #expect(try first.tryLockExclusively())
        #expect(try !second.tryLockExclusively())
        first.closeQuietly()
        #expect(try second.tryLockExclusively())
    }

    @Test func creationMaskIsReadWithoutChangingIt() {
        let before = FileSystem.creationMask()
        #expect(FileSystem.creationMask() == before)
    }

    /// An empty file the owner may read and write, `file` in `directory`.
    private func makeFile(in directory: borrowing TemporaryDirectory) throws -> String {
        let path = directory.path + "/file"
        FileDescriptor(rawValue: try FileDescriptor.open(path, .writeOnly, options: .create, permissions: .ownerReadWrite).rawValue)
            .closeQuietly()
        return path
    }
}
