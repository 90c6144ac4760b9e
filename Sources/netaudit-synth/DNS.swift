import NetAddress

/// DNS names in wire format (RFC 1035 3.1).
enum DNSName {
    /// Uncompressed labels ending in the root label.
    static func wire(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        for label in name.split(separator: ".", omittingEmptySubsequences: true) {
            let bytes = Array(label.utf8)
            precondition(bytes.count <= 63, "DNS label longer than 63 bytes: \(label)")
            out.u8(UInt8(bytes.count)); out.append(contentsOf: bytes)
        }
        out.u8(0)
        return out
    }
}

enum DNSType {
    static let a: UInt16 = 1
    static let ptr: UInt16 = 12
    static let txt: UInt16 = 16
    static let aaaa: UInt16 = 28
    static let srv: UInt16 = 33
    static let nb: UInt16 = 32
}

/// Builds one DNS, mDNS or NBNS message with RFC 1035 4.1.4 name compression.
struct DNSMessageBuilder {
    /// The message so far; RDATA writers append to it directly.
    var bytes: [UInt8] = []
    /// Offsets of names already written, keyed by their lower-cased text, for compression pointers.
    private var offsets: [String: Int] = [:]
    private var counts: (qd: UInt16, an: UInt16, ns: UInt16, ar: UInt16) = (0, 0, 0, 0)

    enum Section { case answer, authority, additional }

    init(id: UInt16, flags: UInt16) {
        bytes.be16(id); bytes.be16(flags); bytes.zeros(8)
    }

    mutating func name(_ name: String) {
        let labels = name.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        for i in labels.indices {
            let suffix = labels[i...].joined(separator: ".").lowercased()
            if let at = offsets[suffix] {
                bytes.be16(0xC000 | UInt16(at))
                return
            }
            // Pointers carry 14 bits of offset; later names simply stay uncompressed.
            if bytes.count < 0x3FFF { offsets[suffix] = bytes.count }
            let l = Array(labels[i].utf8)
            precondition(l.count <= 63, "DNS label longer than 63 bytes: \(labels[i])")
            bytes.u8(UInt8(l.count)); bytes.append(contentsOf: l)
        }
        bytes.u8(0)
    }

    /// A name written raw, never compressed and never a compression target (NBNS encoded names).
    mutating func rawName(_ wire: [UInt8]) { bytes.append(contentsOf: wire) }

    mutating func question(_ qname: String, type: UInt16, klass: UInt16 = 1) {
        name(qname); bytes.be16(type); bytes.be16(klass)
        counts.qd += 1
    }

    mutating func rawQuestion(_ wire: [UInt8], type: UInt16, klass: UInt16 = 1) {
        rawName(wire); bytes.be16(type); bytes.be16(klass)
        counts.qd += 1
    }

    /// A resource record whose RDATA `rdata` writes; RDLENGTH is filled in afterwards.
    mutating func record(_ owner: String, type: UInt16, klass: UInt16 = 1, ttl: UInt32, section: Section = .answer,
                         rdata: (inout DNSMessageBuilder) -> Void) {
        name(owner)
        finishRecord(type: type, klass: klass, ttl: ttl, section: section, rdata: rdata)
    }

    mutating func record(rawOwner: [UInt8], type: UInt16, klass: UInt16 = 1, ttl: UInt32, section: Section = .answer,
                         rdata: (inout DNSMessageBuilder) -> Void) {
        rawName(rawOwner)
        finishRecord(type: type, klass: klass, ttl: ttl, section: section, rdata: rdata)
    }

    private mutating func finishRecord(type: UInt16, klass: UInt16, ttl: UInt32, section: Section,
                                       rdata: (inout DNSMessageBuilder) -> Void) {
        bytes.be16(type); bytes.be16(klass); bytes.be32(ttl)
        let lengthAt = bytes.count
        bytes.be16(0)
        rdata(&self)
        bytes.setBE16(UInt16(bytes.count - lengthAt - 2), at: lengthAt)
        switch section {
        case .answer: counts.an += 1
        case .authority: counts.ns += 1
        case .additional: counts.ar += 1
        }
    }

    mutating func a(_ owner: String, _ addr: IPv4Address, ttl: UInt32, klass: UInt16 = 1, section: Section = .answer) {
        record(owner, type: DNSType.a, klass: klass, ttl: ttl, section: section) { $0.bytes.ipv4(addr) }
    }
    mutating func aaaa(_ owner: String, _ addr: IPv6Address, ttl: UInt32, klass: UInt16 = 1, section: Section = .answer) {
        record(owner, type: DNSType.aaaa, klass: klass, ttl: ttl, section: section) { $0.bytes.ipv6(addr) }
    }
    mutating func ptr(_ owner: String, _ target: String, ttl: UInt32, klass: UInt16 = 1, section: Section = .answer) {
        record(owner, type: DNSType.ptr, klass: klass, ttl: ttl, section: section) { $0.name(target) }
    }
    mutating func srv(_ owner: String, port: UInt16, target: String, ttl: UInt32, klass: UInt16 = 1, section: Section = .answer) {
        record(owner, type: DNSType.srv, klass: klass, ttl: ttl, section: section) {
            $0.bytes.be16(0); $0.bytes.be16(0); $0.bytes.be16(port)
            // RFC 6762 18.14: names in SRV RDATA may be compressed in mDNS.
            $0.name(target)
        }
    }
    mutating func txt(_ owner: String, _ strings: [String], ttl: UInt32, klass: UInt16 = 1, section: Section = .answer) {
        record(owner, type: DNSType.txt, klass: klass, ttl: ttl, section: section) { b in
            for s in strings {
                let u = Array(s.utf8)
                precondition(u.count <= 255)
                b.bytes.u8(UInt8(u.count)); b.bytes.append(contentsOf: u)
            }
        }
    }

    func encoded() -> [UInt8] {
        var out = bytes
        out.setBE16(counts.qd, at: 4); out.setBE16(counts.an, at: 6)
        out.setBE16(counts.ns, at: 8); out.setBE16(counts.ar, at: 10)
        return out
    }
}

/// NetBIOS names as NBNS carries them (RFC 1002 4.1, RFC 1001 14.1).
enum NetBIOSName {
    /// Suffix 0x00: the workstation service every Windows host registers.
    static let workstation: UInt8 = 0x00

    /// The first-level encoding: 15 upper-case characters space-padded plus the suffix byte,
    /// each nibble written as 'A'+nibble, in one 32-byte label and no scope.
    static func encoded(_ name: String, suffix: UInt8) -> [UInt8] {
        var raw = Array(name.uppercased().utf8.prefix(15))
        precondition(raw.count == name.utf8.count, "NetBIOS names are at most 15 bytes: \(name)")
        while raw.count < 15 { raw.append(0x20) }
        raw.append(suffix)
        var out: [UInt8] = [32]
        for b in raw { out.append(0x41 + (b >> 4)); out.append(0x41 + (b & 0x0F)) }
        out.append(0)
        return out
    }

    /// A broadcast name registration (opcode 5, RD and B set) with the address record.
    static func registration(id: UInt16, name: String, address: IPv4Address) -> [UInt8] {
        var b = DNSMessageBuilder(id: id, flags: 0x2910)
        let wire = encoded(name, suffix: workstation)
        b.rawQuestion(wire, type: DNSType.nb)
        // Additional record owner is a pointer to the question name, as Windows writes it.
        b.record(rawOwner: [0xC0, 0x0C], type: DNSType.nb, ttl: 300_000, section: .additional) {
            $0.bytes.be16(0x0000)   // NB flags: unique name, B-node
            $0.bytes.ipv4(address)
        }
        return b.encoded()
    }

    /// A broadcast name query (RD and B set).
    static func query(id: UInt16, name: String) -> [UInt8] {
        var b = DNSMessageBuilder(id: id, flags: 0x0110)
        b.rawQuestion(encoded(name, suffix: workstation), type: DNSType.nb)
        return b.encoded()
    }

    /// A positive name query response (response, AA, RD) from the owner.
    static func positiveResponse(id: UInt16, name: String, address: IPv4Address) -> [UInt8] {
        var b = DNSMessageBuilder(id: id, flags: 0x8500)
        b.record(rawOwner: encoded(name, suffix: workstation), type: DNSType.nb, ttl: 300_000) {
            $0.bytes.be16(0x0000); $0.bytes.ipv4(address)
        }
        return b.encoded()
    }
}
