import Clibgit2

extension Repository {
    /// A configuration value as written (`git_config_get_string_buf` on the repository's
    /// configuration, all levels), or nil when unset.
    ///
    /// Raw values matter: `remote.origin.url` is read before any `url.<base>.insteadOf` rewriting,
    /// which may point at a private mirror rather than the public address.
    public func configString(_ key: String) throws(GitError) -> String? {
        try withConfiguration(snapshot: true) { (config: OpaquePointer) throws(GitError) -> String? in
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            let result = git_config_get_string_buf(&buffer, config, key)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check(result, key)
            return CommitText.decodeLossily(buffer.ptr)
        }
    }

    /// A boolean configuration value (`git_config_get_bool`), or nil when unset.
    public func configBool(_ key: String) throws(GitError) -> Bool? {
        try withConfiguration(snapshot: true) { (config: OpaquePointer) throws(GitError) -> Bool? in
            var value: Int32 = 0
            let result = git_config_get_bool(&value, config, key)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check(result, key)
            return value != 0
        }
    }
}
