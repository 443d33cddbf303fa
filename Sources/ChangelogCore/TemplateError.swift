/// A template that cannot be parsed. `description` is one line: `<file>:<line>:<column>: <reason>`.
public struct TemplateError: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based, in the file as written.
    public var line: Int
    public var column: Int
    public var reason: String

    public init(file: String, line: Int, column: Int, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        let place = "\(file):\(line):\(column)".map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        return "\(String(place)): \(reason); fix the Mustache template (docs/templates.md)"
    }
}
