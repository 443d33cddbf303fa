import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Commit {
    /// Parses a commit object as git writes it: `tree`, `parent` lines, `author`, `committer`, other
    /// headers (`encoding`, multi-line `gpgsig`), a blank line, the message. The message keeps what
    /// `git_commit_message` gives: leading newlines dropped, up to a NUL byte. nil for anything
    /// unusual (a malformed identity, say), which the caller leaves to libgit2's parser. `lenient`
    /// reads identities that libgit2 rejects the way git does (`gitIdentity`).
    init?(rawObject bytes: UnsafeBufferPointer<UInt8>, id: ObjectID, lenient: Bool = false) {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var index = 0

        func hasPrefix(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard index + length <= end else { return false }
            return memcmp(base + index, prefix.utf8Start, length) == 0
        }
        func lineEnd() -> Int? {
            var cursor = index
            while cursor < end, bytes[cursor] != 0x0A { cursor += 1 }
            return cursor < end ? cursor : nil
        }
        func objectID(at offset: Int) -> ObjectID? {
            guard offset + 40 <= end else { return nil }
            var oid = git_oid()
            let parsed = (base + offset).withMemoryRebound(to: CChar.self, capacity: 40) { git_oid_fromstrn(&oid, $0, 40) }
            return parsed == 0 ? ObjectID(oid) : nil
        }

        guard hasPrefix("tree "), let treeEnd = lineEnd(), treeEnd == index + 45, let tree = objectID(at: index + 5) else { return nil }
        index = treeEnd + 1
        var parents: [ObjectID] = []
        while hasPrefix("parent ") {
            guard let lineEnd = lineEnd(), lineEnd == index + 47, let parent = objectID(at: index + 7) else { return nil }
            parents.append(parent)
            index = lineEnd + 1
        }
        func identity(from start: Int, to end: Int) -> (name: Range<Int>, email: Range<Int>, time: Int64, offsetMinutes: Int)? {
            Self.identity(bytes, from: start, to: end) ?? (lenient ? Self.gitIdentity(bytes, from: start, to: end) : nil)
        }
        guard hasPrefix("author "), let authorEnd = lineEnd(), let author = identity(from: index + 7, to: authorEnd) else { return nil }
        index = authorEnd + 1
        guard hasPrefix("committer "), let committerEnd = lineEnd(),
            let committer = identity(from: index + 10, to: committerEnd)
        else { return nil }
        index = committerEnd + 1
        guard !hasPrefix("author "), !hasPrefix("committer ") else { return nil }
        var encoding: String?
        while index < end, bytes[index] != 0x0A {
            guard let lineEnd = lineEnd() else { return nil }
            if hasPrefix("encoding ") { encoding = String(decoding: bytes[(index + 9)..<lineEnd], as: UTF8.self) }
            index = lineEnd + 1
        }
        // The blank line, then the message, as git_commit_message gives it.
        if index < end { index += 1 }
        while index < end, bytes[index] == 0x0A { index += 1 }
        var messageEnd = index
        while messageEnd < end, bytes[messageEnd] != 0 { messageEnd += 1 }
        let message = UnsafeBufferPointer(rebasing: bytes[index..<messageEnd])

        self.id = id
        self.message = CommitText.decode(message, encoding: encoding)
        self.author = Signature(
            name: CommitText.decode(UnsafeBufferPointer(rebasing: bytes[author.name]), encoding: encoding),
            email: CommitText.decode(UnsafeBufferPointer(rebasing: bytes[author.email]), encoding: encoding),
            time: author.time, offsetMinutes: author.offsetMinutes)
        committerTime = committer.time
        committerOffsetMinutes = committer.offsetMinutes
        parentIDs = parents
        treeID = tree
    }

    /// `Name <email> 1795219200 +0100` in git's canonical form: the email inside the last `<…>`, the
    /// name before it and one space, then the time and a valid offset. Anything libgit2 would
    /// tidy up (its trimming of spaces and `.,:;<>"\'` around name and email, out-of-range
    /// offsets, a missing space) is not canonical and left to libgit2, so both readers agree.
    private static func identity(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (
        name: Range<Int>, email: Range<Int>, time: Int64, offsetMinutes: Int
    )? {
        var close = end - 1
        while close > start, bytes[close] != UInt8(ascii: ">") { close -= 1 }
        var open = close - 1
        while open >= start, bytes[open] != UInt8(ascii: "<") { open -= 1 }
        guard close > start, open > start, bytes[open - 1] == UInt8(ascii: " ") else { return nil }
        let name = start..<(open - 1), email = (open + 1)..<close
        for range in [name, email] where !range.isEmpty {
            guard !isTrimmed(bytes[range.lowerBound]), !isTrimmed(bytes[range.upperBound - 1]) else { return nil }
        }
        guard close + 1 < end, bytes[close + 1] == UInt8(ascii: " ") else { return nil }
        var cursor = close + 2
        var time: Int64 = 0
        let digits = cursor
        while cursor < end, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
            guard time < Int64.max / 10 - 10 else { return nil }
            time = time * 10 + Int64(bytes[cursor] - 0x30)
            cursor += 1
        }
        guard cursor > digits, cursor < end, bytes[cursor] == UInt8(ascii: " "), cursor + 6 == end else { return nil }
        let sign = bytes[cursor + 1]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var zone = 0
        for offset in 2...5 {
            let digit = bytes[cursor + offset]
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            zone = zone * 10 + Int(digit - 0x30)
        }
        guard zone / 100 <= 14, zone % 100 <= 59 else { return nil }
        let minutes = (zone / 100) * 60 + zone % 100
        return (name, email, time, sign == UInt8(ascii: "-") ? -minutes : minutes)
    }

    /// An identity as git's split_ident_line() reads it, for those libgit2 refuses (`Name <>`, or no
    /// `<…>` at all, which `git log` shows as an empty author): the name is what precedes the first
    /// `<`, blanks after it dropped; the email runs to the first `>`; the time and zone follow the
    /// last `>`, and are 0 when absent (git's parse_commit_date() takes 0 as well).
    static func gitIdentity(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> (name: Range<Int>, email: Range<Int>, time: Int64, offsetMinutes: Int)
    {
        var open = start
        while open < end, bytes[open] != UInt8(ascii: "<") { open += 1 }
        var close = open + 1
        while close < end, bytes[close] != UInt8(ascii: ">") { close += 1 }
        guard open < end, close < end else { return (start..<start, start..<start, 0, 0) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var nameEnd = open
        while nameEnd > start, isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
        var cursor = end - 1
        while bytes[cursor] != UInt8(ascii: ">") { cursor -= 1 }
        cursor += 1
        while cursor < end, isSpace(bytes[cursor]) { cursor += 1 }
        var time: Int64 = 0
        while cursor < end, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, time < Int64.max / 10 - 10 {
            time = time * 10 + Int64(bytes[cursor] - 0x30)
            cursor += 1
        }
        while cursor < end, isSpace(bytes[cursor]) { cursor += 1 }
        var minutes = 0
        if cursor < end, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
            let negative = bytes[cursor] == UInt8(ascii: "-")
            var zone = 0, digits = 0
            cursor += 1
            while cursor < end, digits < 4, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
                zone = zone * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            minutes = (zone / 100) * 60 + zone % 100
            if negative { minutes = -minutes }
        }
        return (start..<nameEnd, (open + 1)..<close, time, minutes)
    }

    /// The bytes libgit2 trims from both ends of a name or an email.
    private static func isTrimmed(_ byte: UInt8) -> Bool {
        byte <= 0x20
            || [
                UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"),
            ].contains(byte)
    }
}
