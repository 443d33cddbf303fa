import Platform
import SystemPackage

/// Test-only fault injection for the release: `CHANGELOG_FAULT=<step>:<action>` makes the named
/// step (see `ReleaseTransaction`; `objects` and `journal` before it) end in a SIGKILL (`kill`), a
/// signal the release must roll back on (`int`, `term`, `hup`), a pause until SIGCONT (`stop`, to
/// hold the lock while another run starts), or a full disk (`enospc`: every write from then on
/// fails, as on a real full disk, the undo's included). Unset, it costs one comparison per step.
enum FaultPoint {
    private static let chosen: (step: String, action: String)? = {
        guard let value = CurrentProcess.environmentValue("CHANGELOG_FAULT"), let colon = value.lastIndex(of: ":") else { return nil }
        return (String(value[..<colon]), String(value[value.index(after: colon)...]))
    }()

    /// Set once an `enospc` fault fired; read before every write of the release.
    nonisolated(unsafe) private static let diskFull: UnsafeMutablePointer<Bool> = {
        let flag = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        flag.initialize(to: false)
        return flag
    }()

    static func reached(_ step: String) {
        guard let chosen, chosen.step == step else { return }
        switch chosen.action {
        case "kill": Signal.kill.send(to: .current)
        case "int": Signal.interrupt.raise()
        case "term": Signal.terminate.raise()
        case "hup": Signal.hangup.raise()
        case "stop": Signal.stop.raise()
        case "enospc": diskFull.pointee = true
        default: break
        }
    }

    /// Fails as a write to a full disk would, once an `enospc` fault has fired.
    static func checkSpace(writing what: String) throws(ChangelogError) {
        if diskFull.pointee { throw ChangelogError("cannot write \(what): \(AtomicFile.describe(.noSpace))") }
    }
}
