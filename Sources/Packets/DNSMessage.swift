/// A DNS message (RFC 1035), also used by mDNS (RFC 6762) and NBNS (RFC 1002).
/// Records are visited in place; names are decoded to Strings only on request.
public struct DNSMessage {
    public let bytes: UnsafeRawBufferPointer
    public let id: UInt16
    public let flags: UInt16
    public let questionCount: Int
    public let answerCount: Int
    public let authorityCount: Int
    public let additionalCount: Int

    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 12 else { return nil }
        bytes = p
        id = p.be16(0)
        flags = p.be16(2)
        questionCount = Int(p.be16(4))
        answerCount = Int(p.be16(6))
        authorityCount = Int(p.be16(8))
        additionalCount = Int(p.be16(10))
    }

    public var isResponse: Bool { flags & 0x8000 != 0 }
    public var opcode: UInt8 { UInt8((flags >> 11) & 0xF) }
    public var rcode: UInt8 { UInt8(flags & 0xF) }

    public enum Section: Sendable { case answer, authority, additional }

    public struct Question {
        public let nameOffset: Int
        public let type: UInt16
        public let qclass: UInt16
    }

    public struct Record {
        public let section: Section
        public let nameOffset: Int
        public let type: UInt16
        public let rclass: UInt16
        public let ttl: UInt32
        public let rdataOffset: Int
        public let rdata: UnsafeRawBufferPointer
    }

    /// Visits questions then records; returns false if the message was damaged before its counts were met.
    @discardableResult
    public func forEach(question: (Question) -> Void = { _ in }, record: (Record) -> Void) -> Bool {
        var offset = 12
        for _ in 0..<min(questionCount, 512) {
            guard let end = DNSName.skip(bytes, offset), end + 4 <= bytes.count else { return false }
            question(Question(nameOffset: offset, type: bytes.be16(end), qclass: bytes.be16(end + 2)))
            offset = end + 4
        }
        let sections: [(Section, Int)] = [(.answer, answerCount), (.authority, authorityCount), (.additional, additionalCount)]
        for (section, count) in sections {
            for _ in 0..<min(count, 1024) {
                guard let end = DNSName.skip(bytes, offset), end + 10 <= bytes.count else { return false }
                let rdlength = Int(bytes.be16(end + 8))
                guard let rdata = bytes.view(end + 10, rdlength) else { return false }
                record(Record(section: section, nameOffset: offset, type: bytes.be16(end), rclass: bytes.be16(end + 2),
                              ttl: bytes.be32(end + 4), rdataOffset: end + 10, rdata: rdata))
                offset = end + 10 + rdlength
            }
        }
        return true
    }

    /// Decodes the (possibly compressed) name at `offset`.
    public func name(at offset: Int) -> String? { DNSName.decode(bytes, offset) }

    public enum RecordType {
        public static let a: UInt16 = 1, ptr: UInt16 = 12, txt: UInt16 = 16, aaaa: UInt16 = 28, srv: UInt16 = 33
        public static let nb: UInt16 = 32, nbstat: UInt16 = 33
    }
}

/// DNS name wire format: labels, compression pointers, loop and length limits.
public enum DNSName {
    /// Offset just past the name at `offset`, or nil if it runs off the message.
    public static func skip(_ p: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        var offset = start
        var labels = 0
        while offset < p.count {
            let len = p[offset]
            if len == 0 { return offset + 1 }
            if len & 0xC0 == 0xC0 { return offset + 2 <= p.count ? offset + 2 : nil }
            guard len & 0xC0 == 0 else { return nil }
            offset += 1 + Int(len)
            labels += 1
            guard labels <= 128 else { return nil }
        }
        return nil
    }

    /// Decodes a name with compression; nil on loops, overlong names or damage.
    public static func decode(_ p: UnsafeRawBufferPointer, _ start: Int) -> String? {
        var labels: [String] = []
        var offset = start
        var jumps = 0
        var total = 0
        while offset < p.count {
            let len = p[offset]
            if len == 0 { return labels.isEmpty ? "." : labels.joined(separator: ".") }
            if len & 0xC0 == 0xC0 {
                guard offset + 1 < p.count, jumps < 32 else { return nil }
                let target = Int(len & 0x3F) << 8 | Int(p[offset + 1])
                // Pointers must go backwards; this also rules out loops without a visited set.
                guard target < offset else { return nil }
                offset = target
                jumps += 1
                continue
            }
            guard len & 0xC0 == 0, let label = p.view(offset + 1, Int(len)) else { return nil }
            total += Int(len) + 1
            guard total <= 255 else { return nil }
            labels.append(WireText.make(label).replacingDots())
            offset += 1 + Int(len)
        }
        return nil
    }

    /// Decodes a name that may not use compression (DHCP option 81, DHCPv6 option 39).
    public static func decodeUncompressed(_ p: UnsafeRawBufferPointer) -> String? {
        var labels: [String] = []
        var offset = 0
        while offset < p.count {
            let len = Int(p[offset])
            if len == 0 { break }
            guard len < 64, let label = p.view(offset + 1, len) else { return nil }
            labels.append(WireText.make(label).replacingDots())
            offset += 1 + len
        }
        return labels.isEmpty ? nil : labels.joined(separator: ".")
    }
}

extension String {
    /// A literal dot inside a label would make the name ambiguous: escape it.
    func replacingDots() -> String {
        guard contains(".") else { return self }
        return split(separator: ".", omittingEmptySubsequences: false).joined(separator: "\\.")
    }
}

/// NetBIOS name encoding (RFC 1001 §14.1): 16 bytes as 32 letters 'A'+nibble.
public enum NBNSName {
    /// The 15-character name (trailing spaces trimmed) and the suffix byte, from the first label at `offset`.
    public static func decode(_ p: UnsafeRawBufferPointer, _ start: Int) -> (name: String, suffix: UInt8)? {
        var offset = start
        // Registrations name the additional record by a pointer back to the question.
        if offset + 1 < p.count, p[offset] & 0xC0 == 0xC0 {
            offset = Int(p[offset] & 0x3F) << 8 | Int(p[offset + 1])
            guard offset < start else { return nil }
        }
        guard offset < p.count, p[offset] == 32, let enc = p.view(offset + 1, 32) else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 {
            let hi = enc[2 * i], lo = enc[2 * i + 1]
            guard (0x41...0x50).contains(hi), (0x41...0x50).contains(lo) else { return nil }
            raw[i] = (hi - 0x41) << 4 | (lo - 0x41)
        }
        let suffix = raw[15]
        var nameBytes = raw[0..<15]
        while let last = nameBytes.last, last == 0x20 || last == 0 { nameBytes = nameBytes.dropLast() }
        let name = nameBytes.withUnsafeBytes { WireText.make($0) }
        return (name, suffix)
    }
}
