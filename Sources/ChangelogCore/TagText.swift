/// The text of an annotated tag object, as git stores it and `git cat-file tag` prints it.
///
/// A signed tag is this text with the armored signature appended after the message: what the
/// signing program signs is exactly `payload`, which is how `git tag -v` checks it.
public struct TagText: Sendable, Equatable {
    public var objectID: String
    public var name: String
    /// `Name <email> <seconds> <+hhmm>`.
    public var tagger: String
    public var message: String

    public init(objectID: String, name: String, tagger: String, message: String) {
        self.objectID = objectID
        self.name = name
        self.tagger = tagger
        self.message = message
    }

    /// The header lines, a blank line, and the message ending in exactly one newline (git appends
    /// the signature right after it, and a message without one would glue the two together).
    public var payload: [UInt8] {
        var body = message
        while body.hasSuffix("\n") { body.removeLast() }
        let text = "object \(objectID)\ntype commit\ntag \(name)\ntagger \(tagger)\n\n\(body)\n"
        return Array(text.utf8)
    }

    /// The payload with a signature appended.
    public func signed(with signature: [UInt8]) -> [UInt8] {
        var bytes = payload
        bytes += signature
        if bytes.last != 0x0A { bytes.append(0x0A) }
        return bytes
    }

    /// The tag message of a release: a title line, then the release notes.
    public static func message(title: String, notes: String) -> String {
        let trimmed = notes.trimmingBlankLines()
        return trimmed.isEmpty ? title + "\n" : title + "\n\n" + trimmed + "\n"
    }
}

extension String {
    func trimmingBlankLines() -> String {
        // Split on scalars: "\r\n" is one Character, so a CRLF text would otherwise be one line.
        var lines = unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let isBlank = { (line: Substring.UnicodeScalarView) in line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        return lines.map { String($0) }.joined(separator: "\n")
    }
}
