import Packets

/// Reads the client's first flight far enough to get its ClientHello: TLS records (the hello
/// may span several) or an SSLv2-format CLIENT-HELLO, whose cipher specs are 3 bytes each (those
/// with a zero first byte are TLS suites) and which carries no extensions.
enum PassiveClientHello {
    enum Outcome { case needMore, hello(TLSClientHelloSummary), damaged }

    static func read(_ p: UnsafeRawBufferPointer) -> Outcome {
        guard p.count >= 3 else { return .needMore }
        if p[0] & 0x80 != 0 {
            guard let length = SSLv2ServerHello.recordLength(p) else { return .damaged }
            guard let m = p.view(2, length) else { return .needMore }
            guard m.count >= 9, m[0] == 1 else { return .damaged }
            let specsLength = Int(m.be16(3)), sidLength = Int(m.be16(5))
            guard specsLength % 3 == 0, let specs = m.view(9, specsLength), m.view(9 + specsLength, sidLength) != nil else { return .damaged }
            var s = TLSClientHelloSummary(legacyVersion: m.be16(1))
            var i = 0
            while i + 3 <= specs.count {
                if specs[i] == 0 { s.cipherSuites.append(specs.be16(i + 1)) }
                i += 3
            }
            return .hello(s)
        }
        // TLS records: gather handshake fragments until the first message is whole.
        var handshake: [UInt8] = []
        var off = 0
        while off + 5 <= p.count {
            guard p[off] == 0x16, p[off + 1] == 3 else { return .damaged }
            let length = Int(p.be16(off + 3))
            guard let fragment = p.view(off + 5, length) else { break }
            handshake.append(contentsOf: fragment)
            off += 5 + length
            if handshake.count >= 4 {
                guard handshake[0] == 1 else { return .damaged }
                let messageLength = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
                if handshake.count >= 4 + messageLength {
                    return handshake.withUnsafeBytes { h in
                        guard let body = h.view(4, messageLength), let s = TLSClientHello.parse(body) else { return .damaged }
                        return .hello(s)
                    }
                }
            }
        }
        return .needMore
    }
}
