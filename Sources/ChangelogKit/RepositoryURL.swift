import ChangelogCore
import Foundation

/// Turns a git remote address into the repository's web address, for links.
public enum RepositoryURL {
    /// `git@host:o/r.git`, `ssh://git@host:22/o/r.git`, `git://host/o/r`, `https://user@host/o/r.git`
    /// all become `https://host/o/r`. Returns nil for local paths and `file://` remotes, which have
    /// no web page.
    public static func webAddress(fromRemote remote: String) -> String? {
        var url = remote.trimmingWhitespace()
        guard !url.isEmpty else { return nil }
        var host: Substring
        var path: Substring
        if let schemeEnd = url.range(of: "://") {
            let scheme = url[..<schemeEnd.lowerBound].lowercased()
            guard ["https", "http", "ssh", "git", "git+ssh", "ssh+git"].contains(scheme) else { return nil }
            let rest = url[schemeEnd.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = rest[..<slash]
            path = rest[slash...]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            // A port belongs to the transport, not to the web address (ssh://git@host:2222/o/r).
            if scheme != "http" && scheme != "https", let colon = host.lastIndex(of: ":") { host = host[..<colon] }
            if scheme == "http" { url = "http://" } else { url = "https://" }
        } else if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/"), url.distance(from: url.startIndex, to: colon) > 1 {
            // scp-like syntax: [user@]host:path (a one-letter "host" is a Windows drive, as git reads it)
            host = url[..<colon]
            path = url[url.index(after: colon)...]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            url = "https://"
        } else {
            return nil
        }
        var cleanPath = String(path)
        while cleanPath.hasSuffix("/") { cleanPath.removeLast() }
        if cleanPath.hasSuffix(".git") { cleanPath.removeLast(4) }
        while cleanPath.hasPrefix("/") { cleanPath.removeFirst() }
        guard !host.isEmpty, !cleanPath.isEmpty else { return nil }
        return url + host + "/" + cleanPath
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        var text = Substring(self)
        while let first = text.first, isSpace(first) { text.removeFirst() }
        while let last = text.last, isSpace(last) { text.removeLast() }
        return String(text)
    }
}

extension RepositoryURL {
    /// GitLab hosts are recognisable by name; everything else links GitHub-style unless configured.
    public static func guessedLinkStyle(_ webAddress: String?) -> LinkStyle {
        guard let webAddress, let host = webAddress.split(separator: "/").dropFirst().first else { return .github }
        return host.lowercased().contains("gitlab") ? .gitlab : .github
    }
}
