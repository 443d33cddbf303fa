import TOMLKit

/// TOML text parsed by TOMLKit behind the guards it needs, for the configuration and the version
/// files alike. A failure is reported as facts (where, what), which each caller words its own way.
enum TOMLText {
    enum Failure: Error {
        /// A NUL at this UTF-8 offset: TOMLKit hands the text to toml++ as a C string, which would
        /// silently end there.
        case nul(offset: Int)
        /// What would make toml++ abort the process (see `TOMLSyntaxCheck`), at a 1-based line and column.
        case aborting(line: Int, column: Int, problem: String)
        /// toml++'s own syntax error, at a 1-based line and column.
        case syntax(line: Int, column: Int, description: String)
        /// Any other failure TOMLKit reports, described.
        case other(String)
    }

    static func parse(_ text: String) throws(Failure) -> TOMLTable {
        if let nul = text.utf8.firstIndex(of: 0) {
            throw .nul(offset: text.utf8.distance(from: text.utf8.startIndex, to: nul))
        }
        if let fatal = TOMLSyntaxCheck.abortingError(in: text) {
            throw .aborting(line: fatal.line, column: fatal.column, problem: fatal.problem)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(line: error.source.begin.line, column: error.source.begin.column, description: error.description)
        } catch {
            throw .other(String(describing: error))
        }
    }
}
