/// A renderer that writes one release's section as text, appending to a buffer so that `--all`
/// renders a whole history into one string; `render(_:)` is the one-section convenience.
public protocol ReleaseTextRenderer {
    func render(_ release: Release, into out: inout String)
}

extension ReleaseTextRenderer {
    public func render(_ release: Release) -> String {
        var out = ""
        render(release, into: &out)
        return out
    }
}
