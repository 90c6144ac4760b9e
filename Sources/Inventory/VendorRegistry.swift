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
                VendorRegistry.scan(raw) { hex, name in
                    guard hex.count * 4 == bits, let prefix = UInt64(hex, radix: 16), wanted.contains(prefix) else { return }
                    names[prefix << 8 | UInt64(bits)] = name
                }
            }
        }
        guard anyRead else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory,
                NSLocalizedDescriptionKey: "no IEEE registry (oui.csv) in \(directory); install Debian's ieee-data or pass --oui-dir"])
        }
    }

    /// Walks `Registry,Assignment,Organization Name,…` rows, handling quoted names.
    static func scan(_ raw: UnsafeRawBufferPointer, _ body: (String, String) -> Void) {
        var lineStart = 0
        var first = true
        while lineStart < raw.count {
            var lineEnd = lineStart
            var inQuotes = false
            while lineEnd < raw.count {
                let c = raw[lineEnd]
                if c == UInt8(ascii: "\"") { inQuotes.toggle() } else if c == UInt8(ascii: "\n") && !inQuotes { break }
                lineEnd += 1
            }
            defer { lineStart = lineEnd + 1 }
            if first { first = false; continue }
            let line = UnsafeRawBufferPointer(rebasing: raw[lineStart..<lineEnd])
            let fields = csvFields(line, limit: 3)
            if fields.count >= 3 { body(fields[1], fields[2].trimmingCharacters(in: .whitespaces)) }
        }
    }

    static func csvFields(_ line: UnsafeRawBufferPointer, limit: Int) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < line.count && fields.count < limit {
            let c = line[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < line.count && line[i + 1] == UInt8(ascii: "\"") { current.append(c); i += 1 } else { inQuotes = false }
                } else { current.append(c) }
            } else if c == UInt8(ascii: "\"") {
                inQuotes = true
            } else if c == UInt8(ascii: ",") {
                fields.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
            } else if c != UInt8(ascii: "\r") {
                current.append(c)
            }
            i += 1
        }
        if fields.count < limit { fields.append(String(decoding: current, as: UTF8.self)) }
        return fields
    }

    /// The registered organisation for `mac`, or nil (unknown, or a locally administered address).
    public func vendor(for mac: MACAddress) -> String? {
        if mac.isLocallyAdministered { return nil }
        return names[(mac.rawValue >> 12) << 8 | 36] ?? names[(mac.rawValue >> 20) << 8 | 28] ?? names[(mac.rawValue >> 24) << 8 | 24]
    }
}
