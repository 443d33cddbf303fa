/// `backports --format json`: the cherry-pick candidates for a maintenance branch, the fixes already
/// there and how many feat or breaking commits were left out.
public struct BackportsDocument: Sendable, Equatable {
    /// A fix already on the maintenance branch, and what showed it.
    public struct Picked: Sendable, Equatable {
        public var id: String
        public var pickedAs: String
        /// How the copy was recognised, e.g. `trailer` or `patch-id`.
        public var evidence: String

        public init(id: String, pickedAs: String, evidence: String) {
            self.id = id
            self.pickedAs = pickedAs
            self.evidence = evidence
        }
    }

    /// The maintenance branch as the user named it.
    public var onto: String
    /// The fork point's full hex id.
    public var forkPoint: String
    /// Oldest first, as they are to be picked.
    public var candidates: [ParsedCommit]
    public var picked: [Picked]
    public var leftOut: Int

    public init(onto: String, forkPoint: String, candidates: [ParsedCommit], picked: [Picked], leftOut: Int) {
        self.onto = onto
        self.forkPoint = forkPoint
        self.candidates = candidates
        self.picked = picked
        self.leftOut = leftOut
    }

    /// The command that picks `commit`, shell-quoted; `-x` records the original, which is how a
    /// later run knows the fix is there.
    public static func cherryPickCommand(_ commit: SourceCommit) -> String {
        ShellQuoting.command(["git", "cherry-pick", "-x", commit.id.hex])
    }

    public func rendered() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("onto", onto)
        writer.field("forkPoint", forkPoint)
        writer.key("candidates")
        writer.beginArray()
        for candidate in candidates {
            writer.beginObject()
            writer.field("id", candidate.commit.id.hex)
            writer.field("shortId", candidate.commit.shortID)
            writer.field("type", candidate.entry?.type)
            writer.field("scope", candidate.entry?.scope)
            writer.field("subject", candidate.entry?.subject)
            writer.field("command", Self.cherryPickCommand(candidate.commit))
            writer.endObject()
        }
        writer.endArray()
        writer.key("alreadyPicked")
        writer.beginArray()
        for picked in picked {
            writer.beginObject()
            writer.field("id", picked.id)
            writer.field("pickedAs", picked.pickedAs)
            writer.field("evidence", picked.evidence)
            writer.endObject()
        }
        writer.endArray()
        writer.field("leftOut", leftOut)
        writer.endObject()
        return writer.flush()
    }
}
