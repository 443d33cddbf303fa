import Dispatch

/// Holds a value until another thread lets it go.
private final class Parcel<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: Value) { self.value = value }
}

/// Lets go of `value` on another core: freeing a whole history's graph and commits takes tens of
/// milliseconds that the run need not wait for. Whoever lets go last frees it: the caller drops
/// its own reference right after.
func releaseInBackground<Value>(_ value: Value) {
    let parcel = Parcel(value)
    DispatchQueue.global().async { parcel.value = nil }
}
