import Foundation
import NetAddress

/// MAC vendor names from the IEEE registry files that Debian's `ieee-data` ships
/// (MA-L `oui.csv`, MA-M `mam.csv`, MA-S `oui36.csv`, IAB `iab.csv`).
///
/// Only the prefixes of the devices actually seen are kept, so memory does not
/// grow with the registry; the most specific assignment (MA-S > MA-M > MA-L) wins.
public struct VendorRegistry: Sendable {
    public static let defaultDirectory = "/usr/share/ieee-data"
    private var names: [UInt64: String] = [:]   // key: prefix bits << 8 | prefix length
    public private(set) var loadedFiles: [String] = []

    public init() {}

    /// Loads assignments matching `macs` from `directory`; throws if no registry file could be read.
    public init(directory: String = VendorRegistry.defaultDirectory, for macs: some Sequence<MACAddress>) throws {
        var wanted24 = Set<UInt64>(), wanted28 = Set<UInt64>(), wanted36 = Set<UInt64>()
        for m in macs where !m.isLocallyAdministered && !m.isMulticast {
            wanted24.insert(m.rawValue >> 24); wanted28.insert(m.rawValue >> 20); wanted36.insert(m.rawValue >> 12)
        }
        var anyRead = false
        for (file, bits) in [("oui.csv", 24), ("mam.csv", 28), ("oui36.csv", 36), ("iab.csv", 36)] {
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            anyRead = true
            loadedFiles.append(path)
            let wanted = bits == 24 ? wanted24 : bits == 28 ? wanted28 : wanted36
            if wanted.isEmpty { continue }
            data.withUnsafeBytes { raw in
                VendorRegistry.scan(raw, wanted: wanted, bits: bits) { prefix, name in names[prefix << 8 | UInt64(bits)] = name }
            }
        }
        guard anyRead else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory,
                NSLocalizedDescriptionKey: "no IEEE registry (oui.csv) in \(directory); install Debian's ieee-data or pass --oui-dir"])
        }
    }

    /// Walks `Registry,Assignment,Organization Name,…` rows. The assignment is parsed from
    /// bytes and checked against `wanted` first: a String is made only for matching rows.
    static func scan(_ raw: UnsafeRawBufferPointer, wanted: Set<UInt64>, bits: Int, _ body: (UInt64, String) -> Void) {
        let digits = bits / 4
        var lineStart = 0
        while lineStart < raw.count {
            var lineEnd = lineStart
            while lineEnd < raw.count && raw[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // Registry field, then the hex assignment.
            var i = lineStart
            while i < lineEnd && raw[i] != UInt8(ascii: ",") { i += 1 }
            i += 1
            guard i + digits < lineEnd, raw[i + digits] == UInt8(ascii: ",") else { continue }
            var prefix: UInt64 = 0
            var ok = true
            for k in 0..<digits {
                let c = raw[i + k]
                switch c {
                case 48...57: prefix = prefix << 4 | UInt64(c - 48)
                case 65...70: prefix = prefix << 4 | UInt64(c - 55)
                case 97...102: prefix = prefix << 4 | UInt64(c - 87)
                default: ok = false
                }
            }
            guard ok, wanted.contains(prefix) else { continue }
            let rest = UnsafeRawBufferPointer(rebasing: raw[(i + digits + 1)..<lineEnd])
            body(prefix, firstCSVField(rest))
        }
    }

    /// The first field of a CSV fragment, unquoted, trimmed.
    static func firstCSVField(_ line: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < line.count {
            let c = line[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < line.count && line[i + 1] == UInt8(ascii: "\"") { out.append(c); i += 1 } else { inQuotes = false }
                } else { out.append(c) }
            } else if c == UInt8(ascii: "\"") {
                inQuotes = true
            } else if c == UInt8(ascii: ",") {
                break
            } else if c != UInt8(ascii: "\r") {
                out.append(c)
            }
            i += 1
        }
        while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
        while let first = out.first, first == 0x20 || first == 0x09 { out.removeFirst() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The registered organisation for `mac`, or nil (unknown, or a locally administered address).
    public func vendor(for mac: MACAddress) -> String? {
        if mac.isLocallyAdministered { return nil }
        return names[(mac.rawValue >> 12) << 8 | 36] ?? names[(mac.rawValue >> 20) << 8 | 28] ?? names[(mac.rawValue >> 24) << 8 | 24]
    }
}
