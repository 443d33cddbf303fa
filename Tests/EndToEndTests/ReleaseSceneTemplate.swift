import FixtureSupport
import Foundation

/// The default `ReleaseScene`, made once per test process: each scene copies its repository instead
/// of building the fixture and running git three times again.
final class ReleaseSceneTemplate: @unchecked Sendable {
    static let shared = ReleaseSceneTemplate()

    /// Guards `sandbox`: tests run in parallel, and the first caller builds while the others wait.
    private let lock = NSLock()
    private var sandbox: Sandbox?

    /// The template repository, built on first use; its sandbox is removed when the process exits.
    func repository() throws -> String {
        try lock.withLock {
            if let sandbox { return sandbox.root + "/repo" }
            let made = try Sandbox("ReleaseSceneTemplate")
            try ReleaseScene.prepare(made, config: ReleaseScene.defaultConfig)
            sandbox = made
            atexit { ReleaseSceneTemplate.shared.removeSandbox() }
            return made.root + "/repo"
        }
    }

    private func removeSandbox() {
        lock.withLock { sandbox = nil }
    }
}
