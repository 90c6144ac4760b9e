import Digest

/// Content-Security-Policy hash sources for the HTML report's inline style and script, so the page
/// runs exactly the code it was written with and nothing injected into it.
enum CSPHash {
    /// The `'sha256-…'` source expression CSP expects for an inline element with exactly this content.
    static func source(for content: String) -> String {
        "'sha256-" + base64(SHA256.hash(Array(content.utf8))) + "'"
    }

    /// RFC 4648 base64 (Foundation's is avoided so the report renders identically everywhere).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.unicodeScalars.append(alphabet[Int(v >> 18 & 63)])
            out.unicodeScalars.append(alphabet[Int(v >> 12 & 63)])
            out += i + 1 < bytes.count ? String(alphabet[Int(v >> 6 & 63)]) : "="
            out += i + 2 < bytes.count ? String(alphabet[Int(v & 63)]) : "="
            i += 3
        }
        return out
    }
}
