/// Writes pretty-printed JSON straight into a string, in the key order the caller chooses.
///
/// JSONEncoder would sort or scramble keys and build the whole document in memory first; the
/// outputs here are a contract with fixed key order, and large histories are streamed.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma = [false]
    private var pendingKey = false

    public init() {}

    /// Hands out what has been written so far and forgets it, so a caller can stream to stdout.
    public mutating func flush() -> String {
        defer { output = "" }
        return output
    }

    public mutating func beginObject() { open("{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray() { open("[") }
    public mutating func endArray() { close("]") }

    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        output += ": "
        pendingKey = true
    }

    public mutating func string(_ value: String?) {
        separate()
        if let value { appendString(value) } else { output += "null" }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        output += value ? "true" : "false"
    }

    public mutating func int(_ value: Int) {
        separate()
        output += String(value)
    }

    public mutating func null() {
        separate()
        output += "null"
    }

    public mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }

    private mutating func open(_ bracket: String) {
        separate()
        output += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if hadItems { newline() }
        output += bracket
        if needsComma.count == 1 { output += "\n" }
    }

    private mutating func separate() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        if needsComma.count > 1 { newline() }
    }

    private mutating func newline() {
        output += "\n"
        output += String(repeating: "  ", count: needsComma.count - 1)
    }

    private mutating func appendString(_ value: String) {
        output += "\""
        var plainStart = value.utf8.startIndex
        let utf8 = value.utf8
        var index = plainStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                output += String(value[plainStart..<index])
                switch byte {
                case 0x22: output += "\\\""
                case 0x5C: output += "\\\\"
                case 0x0A: output += "\\n"
                case 0x0D: output += "\\r"
                case 0x09: output += "\\t"
                default:
                    let hex = String(byte, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output += String(value[plainStart..<utf8.endIndex])
        output += "\""
    }
}
