/// Writes pretty-printed JSON straight into a string, in the key order the caller chooses.
///
/// JSONEncoder would sort or scramble keys and build the whole document in memory first; the
/// outputs here are a contract with fixed key order, and large histories are streamed.
public struct JSONWriter {
    /// UTF-8 bytes written so far: appending bytes is several times cheaper than growing a String.
    private var buffer: [UInt8] = []
    private var needsComma = [false]
    private var pendingKey = false

    public init() {
        buffer.reserveCapacity(1 << 16)
    }

    /// A writer that continues inside containers another writer opened: `hasItems` says, for each
    /// enclosing container from the outermost, whether it already holds an item (so a comma is due).
    /// Independent pieces of one document can then be written separately, even on other threads.
    init(continuingInside hasItems: [Bool]) {
        self.init()
        needsComma = [false] + hasItems
    }

    /// What has been written so far.
    public var output: String { String(decoding: buffer, as: UTF8.self) }

    /// Hands out what has been written so far and forgets it, so a caller can stream to stdout.
    public mutating func flush() -> String {
        defer { buffer.removeAll(keepingCapacity: true) }
        return String(decoding: buffer, as: UTF8.self)
    }

    public mutating func beginObject() { open("{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray() { open("[") }
    public mutating func endArray() { close("]") }

    /// Keys are the schema's own names, written straight from the binary: a key that needs
    /// escaping (none does today) is escaped like a value.
    public mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { bytes in
            if bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                appendString(String(decoding: bytes, as: UTF8.self))
            } else {
                buffer.append(0x22)
                buffer.append(contentsOf: bytes)
                buffer.append(0x22)
            }
        }
        append(": ")
        pendingKey = true
    }

    public mutating func string(_ value: String?) {
        separate()
        if let value { appendString(value) } else { append("null") }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    public mutating func int(_ value: Int) {
        separate()
        append(String(value))
    }

    public mutating func null() {
        separate()
        append("null")
    }

    public mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }
    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }
    public mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    private mutating func open(_ bracket: StaticString) {
        separate()
        append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: StaticString) {
        let hadItems = needsComma.removeLast()
        if hadItems { newline() }
        append(bracket)
        if needsComma.count == 1 { buffer.append(0x0A) }
    }

    private mutating func separate() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma[needsComma.count - 1] { buffer.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if needsComma.count > 1 { newline() }
    }

    private mutating func newline() {
        buffer.append(0x0A)
        buffer.append(contentsOf: repeatElement(0x20, count: 2 * (needsComma.count - 1)))
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func appendString(_ value: String) {
        buffer.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            // Most strings need no escaping: copy runs of plain bytes in one go.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                buffer.append(0x5C)
                switch byte {
                case 0x22: buffer.append(0x22)
                case 0x5C: buffer.append(0x5C)
                case 0x0A: buffer.append(0x6E)
                case 0x0D: buffer.append(0x72)
                case 0x09: buffer.append(0x74)
                default:
                    buffer.append(contentsOf: [0x75, 0x30, 0x30, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        buffer.append(0x22)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
