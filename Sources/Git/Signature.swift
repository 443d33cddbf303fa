import Clibgit2

/// Who made a commit or tag, and when, in their own UTC offset (`git_signature`).
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    public var time: Int64
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = CommitText.decodeLossily(value.name)
        email = CommitText.decodeLossily(value.email)
        time = value.when.time
        offsetMinutes = Int(value.when.offset)
    }
}
