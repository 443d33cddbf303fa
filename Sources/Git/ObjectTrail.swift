import Clibgit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The object this thread last asked the object database for, recorded by `ObjectGuard`.
///
/// libgit2's messages about damaged objects ("incorrect data check", "object not found") do not say
/// which object, and many reads happen inside libgit2 (peeling a tag, diffing trees); the last
/// object requested before such an error is the one that failed. Thread-local, as a `Repository`
/// is used on one thread and libgit2 reports errors per thread.
enum ObjectTrail {
    private struct Slot {
        var oid: git_oid
        /// Hex digits of `oid` that were asked for: 40, or fewer for an abbreviated id.
        var hexLength: Int
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    static func record(_ oid: UnsafePointer<git_oid>, hexLength: Int = 40) {
        var slot = pthread_getspecific(key)
        if slot == nil {
            slot = malloc(MemoryLayout<Slot>.stride)
            pthread_setspecific(key, slot)
        }
        slot?.assumingMemoryBound(to: Slot.self).pointee = Slot(oid: oid.pointee, hexLength: hexLength)
    }

    /// The id last asked for (abbreviated to the digits given when it was a prefix), or nil.
    static var last: String? {
        guard let slot = pthread_getspecific(key)?.assumingMemoryBound(to: Slot.self) else { return nil }
        return String(ObjectID(slot.pointee.oid).hex.prefix(slot.pointee.hexLength))
    }
}
