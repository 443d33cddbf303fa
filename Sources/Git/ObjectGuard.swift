import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two object database backends that keep a damaged repository from hanging or misleading the tool.
///
/// libgit2 1.5 loops forever inflating a truncated loose object: its `git_zstream_get_output` treats
/// zlib's Z_BUF_ERROR as "retry" although no more input will come (libgit2 issue #7342, fixed
/// upstream by pull request #7346 in 2026; Debian 12 ships 1.5.1). The guard reads loose objects itself, with a bounded
/// inflate that calls the stream truncated when it stops making progress, and checks the size the
/// header declares (a short declared size also overflows libgit2's buffer, issue #7177). It sits
/// after the pack backend, in front of libgit2's loose one, so packed objects cost nothing extra;
/// alternate object directories get a reader each.
///
/// A second, first-priority backend only records which object is being read (`ObjectTrail`), so an
/// error from any backend can name its object.
final class ObjectGuard {
    /// The `objects/` directory, with a trailing slash.
    let objectsDirectory: String

    private init(objectsDirectory: String) {
        self.objectsDirectory = objectsDirectory
    }

    /// libgit2 gives the pack backend priority 2 and the loose one 1, and keeps backends of equal
    /// priority in the order they were added; the tracker goes before both.
    private static let trackerPriority: Int32 = 1_000
    private static let loosePriority: Int32 = 2

    static func install(on odb: OpaquePointer, objectsDirectory: String) throws(GitError) {
        let context = ObjectGuard(objectsDirectory: objectsDirectory.hasSuffix("/") ? objectsDirectory : objectsDirectory + "/")
        let tracker = backend(context)
        tracker.pointee.parent.read = { _, _, _, _, oid in
            if let oid { ObjectTrail.record(oid) }
            return GIT_PASSTHROUGH.rawValue
        }
        tracker.pointee.parent.read_header = { _, _, _, oid in
            if let oid { ObjectTrail.record(oid) }
            return GIT_PASSTHROUGH.rawValue
        }
        tracker.pointee.parent.read_prefix = { _, _, _, _, _, oid, length in
            if let oid { ObjectTrail.record(oid, hexLength: length) }
            return GIT_PASSTHROUGH.rawValue
        }
        try add(tracker, to: odb, priority: trackerPriority)

        try addLooseReader(context, to: odb)
        // Objects borrowed from other repositories (`git clone --shared`, `--reference`) are read by
        // libgit2's loose backends for those directories too, after all priority-2 backends.
        for directory in alternates(of: context.objectsDirectory, depth: 0) {
            try addLooseReader(ObjectGuard(objectsDirectory: directory), to: odb)
        }
    }

    /// `objects/info/alternates`: one objects directory per line, relative ones from this one, as
    /// git reads them (`#` comments; nested alternates to git's depth of 5).
    private static func alternates(of objectsDirectory: String, depth: Int) -> [String] {
        guard depth < 5, let lines = GitTextFile.lines(at: objectsDirectory + "info/alternates") else { return [] }
        var directories: [String] = []
        for text in lines {
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            var directory = text.hasPrefix("/") ? text : objectsDirectory + text
            if !directory.hasSuffix("/") { directory += "/" }
            directories.append(directory)
            directories += alternates(of: directory, depth: depth + 1)
        }
        return directories
    }

    private static func addLooseReader(_ context: ObjectGuard, to odb: OpaquePointer) throws(GitError) {
        let loose = backend(context)
        loose.pointee.parent.read = { data, length, type, backend, oid in
            guard let data, let length, let type, let backend, let oid else { return GIT_ERROR.rawValue }
            let path = ObjectGuard.context(of: backend).objectsDirectory + ObjectGuard.relativePath(of: ObjectID(oid))
            return ObjectGuard.readLoose(path: path, backend: backend, data: data, length: length, type: type)
        }
        loose.pointee.parent.read_prefix = { found, data, length, type, backend, prefix, hexLength in
            guard let found, let data, let length, let type, let backend, let prefix else { return GIT_ERROR.rawValue }
            let context = ObjectGuard.context(of: backend)
            let matches = context.looseObjects(matching: String(ObjectID(prefix).hex.prefix(hexLength)))
            // None: the packs or libgit2 may know it; several: libgit2 says it is ambiguous.
            guard matches.count == 1, let id = ObjectID(hex: matches[0]) else { return GIT_PASSTHROUGH.rawValue }
            found.pointee = id.oid
            return ObjectGuard.readLoose(
                path: context.objectsDirectory + ObjectGuard.relativePath(of: id),
                backend: backend, data: data, length: length, type: type)
        }
        try add(loose, to: odb, priority: loosePriority)
    }

    private static func backend(_ context: ObjectGuard) -> UnsafeMutablePointer<changelog_odb_backend> {
        let backend = UnsafeMutablePointer<changelog_odb_backend>.allocate(capacity: 1)
        backend.initialize(to: changelog_odb_backend())
        git_odb_init_backend(&backend.pointee.parent, UInt32(GIT_ODB_BACKEND_VERSION))
        backend.pointee.context = Unmanaged.passRetained(context).toOpaque()
        backend.pointee.parent.free = { backend in
            guard let backend else { return }
            let outer = UnsafeMutableRawPointer(backend).assumingMemoryBound(to: changelog_odb_backend.self)
            Unmanaged<ObjectGuard>.fromOpaque(outer.pointee.context).release()
            outer.deinitialize(count: 1)
            outer.deallocate()
        }
        return backend
    }

    private static func add(_ backend: UnsafeMutablePointer<changelog_odb_backend>, to odb: OpaquePointer, priority: Int32) throws(GitError)
    {
        let result = git_odb_add_backend(odb, &backend.pointee.parent, priority)
        if result < 0 {
            backend.pointee.parent.free?(&backend.pointee.parent)
            try check(result, "the object database")
        }
    }

    private static func context(of backend: UnsafeMutablePointer<git_odb_backend>) -> ObjectGuard {
        let outer = UnsafeMutableRawPointer(backend).assumingMemoryBound(to: changelog_odb_backend.self)
        return Unmanaged<ObjectGuard>.fromOpaque(outer.pointee.context).takeUnretainedValue()
    }

    private static func relativePath(of id: ObjectID) -> String {
        let hex = id.hex
        return String(hex.prefix(2)) + "/" + String(hex.dropFirst(2))
    }

    /// Loose object names in `xx/` that start with `prefix` (at least two hex digits).
    private func looseObjects(matching prefix: String) -> [String] {
        guard prefix.utf8.count >= 2, let directory = opendir(objectsDirectory + String(prefix.prefix(2))) else { return [] }
        defer { closedir(directory) }
        let rest = prefix.dropFirst(2)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.utf8.count == 38, name.hasPrefix(rest) { names.append(String(prefix.prefix(2)) + name) }
        }
        return names
    }

    // MARK: - Reading

    /// Reads the loose object at `path` into a buffer libgit2 owns. GIT_ENOTFOUND when there is no
    /// such file; GIT_PASSTHROUGH for what libgit2 reads safely itself (objects over 4 GiB).
    private static func readLoose(
        path: String, backend: UnsafeMutablePointer<git_odb_backend>,
        data: UnsafeMutablePointer<UnsafeMutableRawPointer?>, length: UnsafeMutablePointer<Int>,
        type: UnsafeMutablePointer<git_object_t>
    ) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? GIT_ENOTFOUND.rawValue : GIT_PASSTHROUGH.rawValue }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size < Int(UInt32.max) else { return GIT_PASSTHROUGH.rawValue }
        let file = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(Int(status.st_size), 1))
        defer { file.deallocate() }
        var filled = 0
        while filled < Int(status.st_size) {
            let count = read(descriptor, file.baseAddress! + filled, Int(status.st_size) - filled)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        do throws(LooseObjectDamage) {
            let object = try inflateObject(UnsafeBufferPointer(rebasing: file[..<filled]), backend: backend)
            data.pointee = object.data
            length.pointee = object.size
            type.pointee = object.type
            return 0
        } catch {
            git_error_set_str(Int32(GIT_ERROR_ZLIB.rawValue), error.message)
            return GIT_ERROR.rawValue
        }
    }

    /// git's loose format: zlib over `<type> <size>\0<content>`; or the old format that stored the
    /// type and size as in a pack, uncompressed, before the zlib stream of the content.
    private static func inflateObject(_ bytes: UnsafeBufferPointer<UInt8>, backend: UnsafeMutablePointer<git_odb_backend>)
        throws(LooseObjectDamage) -> (data: UnsafeMutableRawPointer, size: Int, type: git_object_t)
    {
        guard bytes.count >= 2 else { throw LooseObjectDamage(message: "loose object file empty or cut short") }
        let isZlib = bytes[0] & 0x8F == 0x08 && (Int(bytes[0]) << 8 + Int(bytes[1])) % 31 == 0
        var inflater = Inflater()
        defer { inflater.end() }
        let type: git_object_t, size: Int
        var leftover: [UInt8] = []
        if isZlib {
            try inflater.start(UnsafeBufferPointer(rebasing: bytes[...]))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
            defer { buffer.deallocate() }
            let written = try inflater.fill(buffer)
            let header = Array(buffer[..<written])
            guard let parsed = parseHeader(header[...]) else {
                throw LooseObjectDamage(message: "loose object header is not `<type> <size>`")
            }
            (type, size) = (parsed.0, parsed.1)
            leftover = Array(header[parsed.2..<written])
        } else {
            guard let parsed = parsePackStyleHeader(bytes) else {
                throw LooseObjectDamage(message: "loose object header is not `<type> <size>`")
            }
            (type, size) = (parsed.0, parsed.1)
            try inflater.start(UnsafeBufferPointer(rebasing: bytes[parsed.2...]))
        }
        // zlib expands at most about 1032 to 1: a header declaring more is lying, and must not
        // make us allocate it.
        guard size <= bytes.count * 1_100 + 64 else {
            throw LooseObjectDamage(message: "loose object header declares \(size) bytes, more than its file can hold")
        }
        guard leftover.count <= size else {
            throw LooseObjectDamage(message: "loose object holds more than the \(size) bytes its header declares")
        }
        guard let data = git_odb_backend_data_alloc(backend, size + 1) else {
            throw LooseObjectDamage(message: "no memory for \(size) bytes")
        }
        let buffer = UnsafeMutableRawBufferPointer(start: data, count: size + 1)
        buffer.copyBytes(from: leftover)
        buffer[size] = 0
        do throws(LooseObjectDamage) {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[leftover.count..<size])
            guard try inflater.fill(rest) == rest.count else {
                throw LooseObjectDamage(message: "loose object holds less than the \(size) bytes its header declares")
            }
            if !inflater.ended {
                let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
                defer { probe.deallocate() }
                let extra = try inflater.fill(probe)
                guard extra == 0, inflater.ended else {
                    throw LooseObjectDamage(message: "loose object holds more than the \(size) bytes its header declares")
                }
            }
            guard inflater.remainingInput == 0 else {
                throw LooseObjectDamage(message: "loose object file has bytes after its compressed data")
            }
        } catch {
            git_odb_backend_data_free(backend, data)
            throw error
        }
        return (data, size, type)
    }

    /// `<type> <size>\0` with git's strictness: a known type, then decimal digits without a leading zero.
    private static func parseHeader(_ header: ArraySlice<UInt8>) -> (git_object_t, Int, Int)? {
        guard let space = header.firstIndex(of: 0x20), let nul = header[space...].firstIndex(of: 0) else { return nil }
        let type: git_object_t
        switch String(decoding: header[header.startIndex..<space], as: UTF8.self) {
        case "commit": type = GIT_OBJECT_COMMIT
        case "tree": type = GIT_OBJECT_TREE
        case "blob": type = GIT_OBJECT_BLOB
        case "tag": type = GIT_OBJECT_TAG
        default: return nil
        }
        let digits = header[(space + 1)..<nul]
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            digits.count == 1 || digits.first != 0x30
        else { return nil }
        let size = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (type, size, nul + 1)
    }

    /// The old loose format's header: the type in bits 4-6 of the first byte, the size in 4 bits
    /// and then 7 bits per byte while the top bit is set.
    private static func parsePackStyleHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> (git_object_t, Int, Int)? {
        var used = 0
        var byte = bytes[used]
        used += 1
        let rawType = Int32((byte >> 4) & 7)
        var size = Int(byte & 15)
        var shift = 4
        while byte & 0x80 != 0 {
            guard used < bytes.count, shift < 57 else { return nil }
            byte = bytes[used]
            used += 1
            size += Int(byte & 0x7F) << shift
            shift += 7
        }
        guard (1...4).contains(rawType) else { return nil }
        return (git_object_t(rawType), size, used)
    }
}

private struct LooseObjectDamage: Error {
    var message: String
}

/// zlib's inflate, stopped as soon as a call makes no progress: that is a truncated stream, never a
/// reason to call again (libgit2 1.5's mistake).
private struct Inflater {
    private var stream = z_stream()
    private var started = false
    private(set) var ended = false

    var remainingInput: Int { Int(stream.avail_in) }

    /// `input` must outlive the inflater.
    mutating func start(_ input: UnsafeBufferPointer<UInt8>) throws(LooseObjectDamage) {
        stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
        stream.avail_in = UInt32(input.count)
        guard changelog_inflate_init(&stream) == Z_OK else { throw LooseObjectDamage(message: "zlib could not start") }
        started = true
    }

    /// Inflates into `output` until it is full or the stream ends; returns the bytes written.
    mutating func fill(_ output: UnsafeMutableRawBufferPointer) throws(LooseObjectDamage) -> Int {
        var written = 0
        while written < output.count && !ended {
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + written
            stream.avail_out = UInt32(output.count - written)
            let outBefore = stream.avail_out, inBefore = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            written += Int(outBefore - stream.avail_out)
            switch status {
            case Z_STREAM_END:
                ended = true
            case Z_OK where stream.avail_out != outBefore || stream.avail_in != inBefore:
                continue
            case Z_OK, Z_BUF_ERROR:
                throw LooseObjectDamage(message: "loose object file truncated: its compressed data ends early")
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw LooseObjectDamage(message: "loose object file not valid zlib data: \(detail)")
            }
        }
        return written
    }

    mutating func end() {
        if started { inflateEnd(&stream) }
    }
}
