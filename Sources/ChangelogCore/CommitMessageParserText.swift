// The cleaned message as UTF-8 bytes split into lines: the one representation every part of
// the parser works on. Scanning bytes (rather than Characters) keeps the parser fast; every byte
// offset it produces falls on an ASCII byte or on a whole scalar, so slices always decode cleanly.

/// A message after `CommitMessageParser.clean`: LF line breaks, no trailing whitespace on any line,
/// comments dropped when asked, no leading or trailing blank lines. Line `i` is line `i + 1` of the
/// diagnostics.
struct MessageText {
    /// The cleaned text: `lines` joined with `\n`.
    let bytes: [UInt8]
    /// Byte ranges of the lines in `bytes`, without their `\n`. A blank line is an empty range
    /// (whitespace-only lines become empty when trailing whitespace is removed).
    let lines: [Range<Int>]

    init(_ message: String, stripComments: Bool) {
        let built =
            message.utf8.withContiguousStorageIfAvailable { Self.build(from: $0, stripComments: stripComments) }
            ?? Array(message.utf8).withUnsafeBufferPointer { Self.build(from: $0, stripComments: stripComments) }
        bytes = built.bytes
        lines = built.lines
    }

    /// An arbitrary byte buffer that is already clean (used to parse text taken from a header).
    init(cleanBytes: [UInt8]) {
        bytes = cleanBytes
        lines = [0..<cleanBytes.count]
    }

    var isEmpty: Bool { lines.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    func isBlank(_ line: Int) -> Bool { lines[line].isEmpty }

    /// 1-based column, in Characters, of `offset` within `line`.
    func column(_ offset: Int, inLine line: Int) -> Int {
        let start = lines[line].lowerBound
        guard offset > start else { return 1 }
        return String(decoding: bytes[start..<min(offset, lines[line].upperBound)], as: UTF8.self).count + 1
    }

    func hasPrefix(_ prefix: StaticString, line: Int) -> Bool {
        Bytes.hasPrefix(bytes, lines[line].lowerBound, lines[line].upperBound, prefix)
    }

    // MARK: Cleaning

    private static let scissors: StaticString = "# ------------------------ >8 ------------------------"

    private static func build(
        from src: UnsafeBufferPointer<UInt8>, stripComments: Bool
    ) -> (bytes: [UInt8], lines: [Range<Int>]) {
        let n = src.count
        var raw: [Range<Int>] = []
        var i = 0
        var first = true
        while true {
            var j = i
            while j < n, src[j] != Bytes.lf, src[j] != Bytes.cr { j += 1 }
            var s = i
            var e = j
            // A byte-order mark some Windows editors put first.
            if first, e - s >= 3, src[s] == 0xEF, src[s + 1] == 0xBB, src[s + 2] == 0xBF { s += 3 }
            while e > s {
                let k = Bytes.trailingSpaceLength(src, s, e)
                if k == 0 { break }
                e -= k
            }
            var keep = true
            if stripComments, e > s, src[s] == Bytes.hash {
                if Bytes.equals(src, s, e, Self.scissors) { break }
                keep = false
            }
            if keep {
                raw.append(s..<e)
                if e > s { first = false }
            }
            if j >= n { break }
            i = (src[j] == Bytes.cr && j + 1 < n && src[j + 1] == Bytes.lf) ? j + 2 : j + 1
        }
        guard let firstLine = raw.firstIndex(where: { !$0.isEmpty }),
            let lastLine = raw.lastIndex(where: { !$0.isEmpty })
        else { return ([], []) }
        var bytes: [UInt8] = []
        var lines: [Range<Int>] = []
        var total = lastLine - firstLine
        for r in raw[firstLine...lastLine] { total += r.count }
        bytes.reserveCapacity(total)
        lines.reserveCapacity(lastLine - firstLine + 1)
        for k in firstLine...lastLine {
            if k > firstLine { bytes.append(Bytes.lf) }
            let start = bytes.count
            let r = raw[k]
            if !r.isEmpty { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[r])) }
            lines.append(start..<bytes.count)
        }
        return (bytes, lines)
    }
}
