import Policy

/// Turns a finding's evidence pointers into file locations for formats that need one (SARIF).
///
/// `FindingEvidence.source` is free text: a capture file, a ledger `file:line`, a profile file, or a
/// probe description such as `tls probe 192.0.2.10:443`. A source counts as a file when it is one of
/// the report's own files (inputs, ledger, profile) or ends in a known file extension; a trailing
/// `:digits` is a line number only on such a file, so `host:443` never becomes "line 443 of host".
struct EvidenceLocator {
    struct FileLocation: Equatable {
        var uri: String
        var line: Int?
        var packet: Int?
        /// The evidence fact, shown as the location's message.
        var fact: String?
    }

    static let fileExtensions: Set<String> = ["pcap", "pcapng", "cap", "csv", "tsv", "yaml", "yml", "json", "txt", "conf", "cfg", "xml"]

    private let knownPaths: Set<String>
    private let fallback: FileLocation

    init(report: AuditReport) {
        var known: Set<String> = [report.profile.path]
        if let ledger = report.ledger { known.insert(ledger.path) }
        for input in report.inputs where input.path != "-" { known.insert(input.path) }
        knownPaths = known
        let fallbackPath = report.inputs.first { $0.path != "-" }?.path ?? report.profile.path
        fallback = FileLocation(uri: EvidenceLocator.uri(forPath: fallbackPath))
    }

    /// The files the finding's evidence points at, in evidence order without duplicates; never empty.
    func files(for finding: Finding) -> [FileLocation] {
        var out: [FileLocation] = []
        for evidence in finding.evidence {
            guard let source = evidence.source, let (path, line) = fileReference(source) else { continue }
            let location = FileLocation(uri: EvidenceLocator.uri(forPath: path), line: line, packet: evidence.packet,
                                        fact: evidence.fact)
            if !out.contains(where: { $0.uri == location.uri && $0.line == location.line && $0.packet == location.packet }) {
                out.append(location)
            }
        }
        return out.isEmpty ? [fallback] : out
    }

    /// `(path, line)` when `source` names a file, else nil.
    func fileReference(_ source: String) -> (String, Int?)? {
        var path = source.trimmingSpaces
        var line: Int?
        if let colon = path.lastIndex(of: ":") {
            let digits = path[path.index(after: colon)...]
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0 {
                let candidate = String(path[..<colon])
                if isFile(candidate) { path = candidate; line = number }
            }
        }
        return isFile(path) ? (path, line) : nil
    }

    private func isFile(_ path: String) -> Bool {
        if knownPaths.contains(path) { return true }
        guard !path.isEmpty, !path.contains(" "), let dot = path.lastIndex(of: "."),
              !path[path.index(after: dot)...].contains("/") else { return false }
        return EvidenceLocator.fileExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// A relative path stays relative (GitHub resolves it against the repository root); an absolute one
    /// becomes a `file://` URI. Everything outside RFC 3986 unreserved characters and `/` is
    /// percent-encoded as UTF-8, so Japanese file names and spaces survive.
    static func uri(forPath path: String) -> String {
        var normalized = path.replacingAll("\\", with: "/")
        while normalized.hasPrefix("./") { normalized.removeFirst(2) }
        var encoded = ""
        for byte in normalized.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded += "%"
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return normalized.hasPrefix("/") ? "file://" + encoded : encoded
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
