#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a small text file inside `.git` (`shallow`, `objects/info/alternates`), which
/// libgit2 reads for itself but does not expose. The Git module reads them directly, as libgit2
/// does, so it stays free of the tool's own platform layer.
enum GitTextFile {
    /// Each line without its line ending, or nil when the file cannot be opened (git treats a
    /// missing file as an empty one, so callers do too).
    static func lines(at path: String) -> [String]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return String(decoding: trimmed, as: UTF8.self)
        }
    }
}
