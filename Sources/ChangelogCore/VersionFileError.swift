/// Why a version file cannot be read or updated, with what to do about it.
public struct VersionFileError: Error, Equatable, CustomStringConvertible {
    /// The path as written in the configuration entry (the whole entry when it has no usable path).
    public var path: String
    /// What is wrong and how to fix it, without the path.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
