import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pipe whose ends are close-on-exec from the start, so no child started meanwhile by another
/// thread inherits one, and numbered 3 or above.
public enum Pipes {
    public static func make() throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        var ends = try makeCloseOnExec()
        // An end that lands on 0, 1 or 2 (this process started with one of them closed) is moved
        // higher: dup2() onto itself in a child would keep FD_CLOEXEC and the later close there
        // would undo it.
        do throws(Errno) {
            if ends.read.rawValue <= 2 { ends.read = try replaced(ends.read) }
            if ends.write.rawValue <= 2 { ends.write = try replaced(ends.write) }
        } catch {
            ends.read.closeQuietly()
            ends.write.closeQuietly()
            throw error
        }
        return ends
    }

    private static func replaced(_ end: FileDescriptor) throws(Errno) -> FileDescriptor {
        let moved = try end.duplicateAboveStandardStreams()
        end.closeQuietly()
        return moved
    }

    /// pipe2(O_CLOEXEC) through swift-system. Darwin has pipe2 only from macOS 27 on; before it,
    /// pipe() then FD_CLOEXEC leaves a short window in which a child spawned by another thread
    /// inherits the ends (the tool spawns from one thread only).
    private static func makeCloseOnExec() throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        #if canImport(Darwin)
            if #available(macOS 27.0, *) {
                let ends = try FileDescriptor.pipe(options: .closeOnExec)
                return (ends.readEnd, ends.writeEnd)
            }
            let ends = try SystemCall.typed { try FileDescriptor.pipe() }
            do throws(Errno) {
                try ends.readEnd.setCloseOnExec()
                try ends.writeEnd.setCloseOnExec()
            } catch {
                ends.readEnd.closeQuietly()
                ends.writeEnd.closeQuietly()
                throw error
            }
            return (ends.readEnd, ends.writeEnd)
        #else
            let ends = try FileDescriptor.pipe(options: .closeOnExec)
            return (ends.readEnd, ends.writeEnd)
        #endif
    }
}
