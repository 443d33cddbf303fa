/// The `Co-authored-by: Name <email>` trailers of a commit message, as GitHub and GitLab write them.
public enum CoAuthorTrailers {
    /// The people the message's trailer block (its last paragraph, when there is more than one)
    /// names as co-authors, in message order. The token is matched case-insensitively; a trailer
    /// without `<email>` names no one git could map, so it is skipped.
    public static func people(in message: String) -> [Person] {
        let utf8 = message.utf8
        // Cheap test first: almost no commit has one, and every commit of a release is read.
        guard containsToken(utf8) else { return [] }
        var paragraphs: [[Substring]] = [[]]
        // `\r\n` is one Character: split on it too, not only on `\n`.
        for line in message.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(trimmed)
            }
        }
        if paragraphs.last?.isEmpty ?? false { paragraphs.removeLast() }
        guard paragraphs.count > 1, let block = paragraphs.last else { return [] }
        return block.compactMap(person)
    }

    static let token = Array("co-authored-by:".utf8)

    private static func containsToken(_ utf8: String.UTF8View) -> Bool {
        // A native string's bytes are scanned in place, without the view's per-byte indexing.
        if let found = utf8.withContiguousStorageIfAvailable(scanForToken) { return found }
        return scanForToken(utf8)
    }

    private static func scanForToken(_ bytes: some Sequence<UInt8>) -> Bool {
        let token = token
        var matched = 0
        for byte in bytes {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower == token[matched] {
                matched += 1
                if matched == token.count { return true }
            } else {
                matched = lower == token[0] ? 1 : 0
            }
        }
        return false
    }

    /// `Co-authored-by: Ada Lovelace <ada@example.com>`.
    static func person(_ line: Substring) -> Person? {
        let bytes = Array(line.utf8)
        guard bytes.count > token.count else { return nil }
        for (index, expected) in token.enumerated() {
            let byte = bytes[index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != expected { return nil }
        }
        let value = String(decoding: bytes[token.count...], as: UTF8.self).trimmingSpaces()
        guard value.hasSuffix(">"), let open = value.lastIndex(of: "<") else { return nil }
        let email = String(value[value.index(after: open)..<value.index(before: value.endIndex)]).trimmingSpaces()
        let name = String(value[..<open]).trimmingSpaces()
        guard !email.isEmpty || !name.isEmpty else { return nil }
        return Person(name: name, email: email)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
