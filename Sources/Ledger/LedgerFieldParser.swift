import NetAddress

/// Reads the structured cells (MAC lists, IP, service lists) the same way for the
/// reader, which builds typed assets, and the validator, which reports what failed.
enum LedgerFieldParser {
    /// A piece of a multi-valued cell and its offset (in Unicode scalars) within the cell.
    struct Item: Equatable {
        var text: String
        var offset: Int
    }

    /// Splits on `isSeparator`, trims each piece and drops empty pieces.
    static func items(in value: String, isSeparator: (Unicode.Scalar) -> Bool) -> [Item] {
        var result: [Item] = []
        var current = String.UnicodeScalarView()
        var start = 0
        func flush() {
            let raw = String(current)
            let leading = raw.unicodeScalars.prefix { LedgerText.isSpace($0) }.count
            let text = LedgerText.trimmed(raw)
            if !text.isEmpty { result.append(Item(text: text, offset: start + leading)) }
        }
        for (offset, scalar) in value.unicodeScalars.enumerated() {
            if isSeparator(scalar) {
                flush()
                current = String.UnicodeScalarView()
                start = offset + 1
            } else {
                current.append(scalar)
            }
        }
        flush()
        return result
    }

    // MARK: MAC addresses

    struct MACItem: Equatable {
        var item: Item
        var address: MACAddress?
    }

    static func isMACSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ";" || scalar == "," || scalar == "、" || scalar == "；" || scalar == "，" || scalar == "/"
            || LedgerText.isSpace(scalar)
    }

    /// The MAC addresses of a cell. Labels people add are skipped: a leading `有線:` or
    /// `wifi:`, a trailing `(無線)`, and label-only words such as `有線`.
    static func macItems(in value: String) -> [MACItem] {
        var result: [MACItem] = []
        for item in items(in: value, isSeparator: isMACSeparator) {
            var text = LedgerText.nfkc(item.text)
            var offset = item.offset
            if text.hasSuffix(":") || text.unicodeScalars.allSatisfy({ !$0.isASCII }) { continue }
            if let open = text.firstIndex(of: "("), open != text.startIndex, text.hasSuffix(")") {
                text = String(text[..<open])
            }
            if let colon = text.firstIndex(of: ":") {
                let label = text[..<colon]
                if isLabel(label) {
                    offset += label.unicodeScalars.count + 1
                    text = String(text[text.index(after: colon)...])
                }
            }
            result.append(MACItem(item: Item(text: text, offset: offset), address: MACAddress(text)))
        }
        return result
    }

    /// `有線`, `wifi`, `eth0`, `LAN`: a word before a colon that cannot be a MAC's first
    /// octet. Two-letter prefixes (`zz:…`) are not labels but typos, and are reported.
    static func isLabel(_ prefix: Substring) -> Bool {
        if prefix.unicodeScalars.contains(where: { !$0.isASCII }) { return true }
        guard prefix.count >= 3, let first = prefix.first, first.isLetter else { return false }
        return prefix.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && prefix.contains { $0.isLetter && !$0.isHexDigit }
    }

    // MARK: IPv4 address

    enum IPValue: Equatable {
        /// Empty, or written as dynamically assigned (`dhcp`, `動的`, `自動`).
        case dynamic
        case address(IPv4Address, prefixLength: Int?)
        case invalid(reason: String)
    }

    static let dynamicWords: Set<String> = Set(
        ["dhcp", "dynamic", "auto", "automatic", "動的", "自動", "自動取得", "自動割当", "自動割り当て", "dhcp割当", "dhcp割り当て"]
            .map { LedgerText.normalizedKey($0) })

    static func ipValue(_ value: String) -> IPValue {
        let text = LedgerText.trimmed(LedgerText.nfkc(value))
        if text.isEmpty || dynamicWords.contains(LedgerText.normalizedKey(text)) { return .dynamic }
        if text.unicodeScalars.contains(where: { $0 == ";" || $0 == "," || $0 == "、" || LedgerText.isSpace($0) }) {
            return .invalid(reason: "several values in ip_address; it holds the one static IPv4 address "
                + "(list every interface's MAC in mac_addresses: devices are matched by MAC)")
        }
        var addressText = Substring(text)
        var prefixLength: Int?
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            let suffix = text[text.index(after: slash)...]
            guard let length = Int(suffix), suffix.allSatisfy(\.isASCII), (0...32).contains(length) else {
                return .invalid(reason: "\"\(text)\": the prefix length after / must be 0 to 32")
            }
            prefixLength = length
        }
        guard let address = IPv4Address(addressText) else {
            if addressText.contains(":"), IPv6Address(addressText) != nil {
                return .invalid(reason: "\"\(text)\" is an IPv6 address; ip_address holds a static IPv4 address "
                    + "(IPv6 hosts are matched by MAC)")
            }
            let octets = addressText.split(separator: ".", omittingEmptySubsequences: false)
            if octets.count == 4, octets.contains(where: { $0.count > 1 && $0.hasPrefix("0") }) {
                return .invalid(reason: "\"\(text)\" is not an IPv4 address: leading zeros are ambiguous "
                    + "(write 192.168.1.10, not 192.168.001.010)")
            }
            return .invalid(reason: "\"\(text)\" is not an IPv4 address (expected four numbers 0-255, e.g. 192.168.1.10)")
        }
        return .address(address, prefixLength: prefixLength)
    }

    /// Why an address cannot be one host's own address, or nil when it can.
    static func notHostReason(_ address: IPv4Address, prefixLength: Int?) -> String? {
        if address.isUnspecified || address.rawValue >> 24 == 0 { return "\(address) is in 0.0.0.0/8 (\"this network\")" }
        if address.isBroadcast { return "\(address) is the limited broadcast address" }
        if address.isMulticast { return "\(address) is a multicast address" }
        if address.isLoopback { return "\(address) is a loopback address" }
        if address.rawValue >> 28 == 0xF { return "\(address) is in the reserved range 240.0.0.0/4" }
        if let length = prefixLength, length <= 30, let network = IPv4Network(network: address, prefixLength: length) {
            if address == network.network { return "\(address) is the network address of \(network)" }
            if address.rawValue == network.network.rawValue | ~network.mask {
                return "\(address) is the broadcast address of \(network)"
            }
        }
        return nil
    }

    // MARK: Allowed services

    struct ServiceItem: Equatable {
        var item: Item
        var result: ServiceSpec.ItemResult
    }

    static func serviceItems(in value: String) -> [ServiceItem] {
        items(in: value, isSeparator: ServiceSpec.isItemSeparator).map {
            ServiceItem(item: $0, result: ServiceSpec.parseItem($0.text))
        }
    }

    /// The distinct services of a cell in the order written, skipping invalid items.
    static func services(in value: String) -> [ServiceSpec] {
        var seen = Set<ServiceSpec>()
        var result: [ServiceSpec] = []
        for item in serviceItems(in: value) {
            guard case .services(let specs) = item.result else { continue }
            for spec in specs where seen.insert(spec).inserted { result.append(spec) }
        }
        return result
    }
}
