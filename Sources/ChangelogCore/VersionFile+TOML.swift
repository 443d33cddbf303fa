import TOMLKit

/// pyproject.toml and Cargo.toml: TOMLKit decides which key holds the version (and whether it is
/// dynamic or inherited); `TOMLKeyLocator` finds where that key is written. The two must agree on
/// the value, so a lexer mistake can never edit another key: `VersionFile.updating` reads the
/// edited file back through here, which re-parses it with TOMLKit.
enum TOMLVersionLocator {
    static func pyproject(_ text: String, bytes: [UInt8], path: String) throws(VersionFileError) -> Range<Int> {
        let root = try parse(text, bytes: bytes, path: path)
        let project = root["project"]?.table
        if let value = project?["version"] {
            return try locate(["project", "version"], value: value, in: bytes, path: path)
        }
        if let value = root["tool"]?.table?["poetry"]?.table?["version"] {
            return try locate(["tool", "poetry", "version"], value: value, in: bytes, path: path)
        }
        if let dynamic = project?["dynamic"]?.array, dynamic.contains(where: { $0.string == "version" }) {
            throw VersionFileError(
                path: path,
                message: "the version is dynamic (dynamic = [\"version\"] in [project]), so it is not written here; "
                    + "list the file that holds it instead, e.g. 'src/pkg/__init__.py:__version__ = \"(.*)\"'")
        }
        throw VersionFileError(
            path: path,
            message: "no version in [project] or [tool.poetry]; add version = \"1.2.3\" there, "
                + "or list the file as '\(path):<regex>'")
    }

    static func cargo(_ text: String, bytes: [UInt8], path: String) throws(VersionFileError) -> Range<Int> {
        let root = try parse(text, bytes: bytes, path: path)
        let workspaceVersion = root["workspace"]?.table?["package"]?.table?["version"]
        guard let package = root["package"]?.table else {
            if let workspaceVersion {
                return try locate(["workspace", "package", "version"], value: workspaceVersion, in: bytes, path: path)
            }
            throw VersionFileError(
                path: path,
                message: "no version in [package] or [workspace.package]; add version = \"1.2.3\" there, "
                    + "or list the file as '\(path):<regex>'")
        }
        guard let value = package["version"] else {
            throw VersionFileError(
                path: path,
                message: "no version in [package]; add version = \"1.2.3\" there, or list the file as '\(path):<regex>'")
        }
        if value.table?["workspace"]?.bool == true {
            // A workspace root may inherit from its own [workspace.package]: the version is in this file.
            if let workspaceVersion {
                return try locate(["workspace", "package", "version"], value: workspaceVersion, in: bytes, path: path)
            }
            throw VersionFileError(
                path: path,
                message: "the version is inherited from the workspace (version.workspace = true in [package]); "
                    + "list the workspace's Cargo.toml, whose [workspace.package] holds the version, instead")
        }
        return try locate(["package", "version"], value: value, in: bytes, path: path)
    }

    static func parse(_ text: String, bytes: [UInt8], path: String) throws(VersionFileError) -> TOMLTable {
        do {
            return try TOMLText.parse(text)
        } catch {
            let place =
                switch error {
                case .nul(let offset): "line \(VersionFile.line(of: offset, in: bytes)): a NUL character"
                case .aborting(let line, let column, let problem): "line \(line), column \(column): \(problem)"
                case .syntax(let line, let column, let description):
                    "line \(line), column \(column): \(description.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))"
                case .other(let description): description
                }
            throw VersionFileError(path: path, message: "not valid TOML (\(place)); fix the file first")
        }
    }

    /// The content range of the string that `keyPath` is written as, checked against TOMLKit's `value`.
    private static func locate(
        _ keyPath: [String], value: any TOMLValueConvertible, in bytes: [UInt8], path: String
    ) throws(VersionFileError) -> Range<Int> {
        let table = keyPath.dropLast().joined(separator: ".")
        let written = TOMLKeyLocator.entries(in: bytes).filter { $0.path == keyPath && !$0.inArrayTable }
        let at = written.first.map { " (line \($0.line))" } ?? ""
        guard let expected = value.string else {
            throw VersionFileError(
                path: path, message: "version in [\(table)]\(at) is not a string; write version = \"1.2.3\"")
        }
        guard written.count == 1, let content = written[0].stringContent,
            String(decoding: bytes[content], as: UTF8.self) == expected
        else {
            throw VersionFileError(
                path: path,
                message: "version in [\(table)]\(at) is written in a form that cannot be edited in place; "
                    + "write it as version = \"\(expected)\" under a [\(table)] header, on one line, without escapes")
        }
        return content
    }
}
