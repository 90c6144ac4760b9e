/// What to offer in a crafted ClientHello.
///
/// netaudit writes its own ClientHellos because OpenSSL 3 can no longer offer SSLv3, RC4, 3DES
/// or export suites, which are what an audit has to find. The defaults look like a mainstream
/// client's, so that servers answer the question asked (this version, these suites) rather
/// than reject an odd-looking hello.
public struct TLSClientHelloOptions: Sendable {
    /// ≤ TLS 1.2: `legacy_version` is this version. TLS 1.3: `legacy_version` 0x0303 and
    /// `supported_versions` lists 0x0304 only.
    public var version: TLSProtocolVersion
    public var cipherSuites: [UInt16]
    /// SNI host_name; nil omits the extension (the caller leaves it out for IP literals).
    public var serverName: String?
    /// supported_groups; with any EC group, ec_point_formats (uncompressed) is added too.
    public var groups: [UInt16]
    /// TLS 1.3 key_share entries. Empty is legal: the server then answers with a HelloRetryRequest
    /// naming the group it wants, which is how groups are probed without doing the key exchange.
    public var keyShares: [(group: UInt16, publicKey: [UInt8])]
    /// signature_algorithms (TLS 1.2 and 1.3 only); the default includes SHA-1 and MD5 combinations
    /// so that old servers find something they can sign with.
    public var signatureAlgorithms: [UInt16]
    /// Offer DEFLATE (1) besides null compression (CRIME check). Ignored for TLS 1.3.
    public var offerCompression: Bool
    /// Send an empty renegotiation_info extension (RFC 5746), or for SSLv3 (no extensions)
    /// the TLS_EMPTY_RENEGOTIATION_INFO_SCSV cipher value.
    public var renegotiationInfo: Bool
    /// Empty session_ticket extension.
    public var sessionTicket: Bool
    /// extended_master_secret extension.
    public var extendedMasterSecret: Bool
    /// status_request (OCSP stapling) extension.
    public var statusRequest: Bool
    /// ALPN protocol names (`h2`, `http/1.1`); empty omits the extension.
    public var alpn: [String]
    /// legacy_session_id (0…32 bytes); TLS 1.3 middlebox-compatibility clients send 32 random bytes.
    public var sessionID: [UInt8]
    /// Pad the hello to 512 bytes when it would fall between 256 and 511 (RFC 7685): some load
    /// balancers hang on hellos of that size.
    public var padding: Bool

    /// Every signature scheme an old or new server might need (RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1).
    public static let defaultSignatureAlgorithms: [UInt16] = [
        0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
        0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602,
        0x0203, 0x0201, 0x0202, 0x0101,
    ]
    /// x25519, the NIST curves, x448 and the FFDHE groups.
    public static let defaultGroups: [UInt16] = [29, 23, 24, 25, 30, 256, 257, 258, 259, 260]

    public init(version: TLSProtocolVersion, cipherSuites: [UInt16], serverName: String? = nil,
                groups: [UInt16] = TLSClientHelloOptions.defaultGroups,
                keyShares: [(group: UInt16, publicKey: [UInt8])] = [],
                signatureAlgorithms: [UInt16] = TLSClientHelloOptions.defaultSignatureAlgorithms,
                offerCompression: Bool = false, renegotiationInfo: Bool = true, sessionTicket: Bool = true,
                extendedMasterSecret: Bool = true, statusRequest: Bool = false, alpn: [String] = [],
                sessionID: [UInt8] = [], padding: Bool = true) {
        self.version = version; self.cipherSuites = cipherSuites; self.serverName = serverName; self.groups = groups
        self.keyShares = keyShares; self.signatureAlgorithms = signatureAlgorithms; self.offerCompression = offerCompression
        self.renegotiationInfo = renegotiationInfo; self.sessionTicket = sessionTicket
        self.extendedMasterSecret = extendedMasterSecret; self.statusRequest = statusRequest; self.alpn = alpn
        self.sessionID = sessionID; self.padding = padding
    }
}

/// TLS extension type codes netaudit writes or reads (IANA "TLS ExtensionType Values").
public enum TLSExtensionType {
    public static let serverName: UInt16 = 0, statusRequest: UInt16 = 5, supportedGroups: UInt16 = 10
    public static let ecPointFormats: UInt16 = 11, signatureAlgorithms: UInt16 = 13, alpn: UInt16 = 16
    public static let padding: UInt16 = 21, extendedMasterSecret: UInt16 = 23, sessionTicket: UInt16 = 35
    public static let supportedVersions: UInt16 = 43, pskKeyExchangeModes: UInt16 = 45, keyShare: UInt16 = 51
    public static let renegotiationInfo: UInt16 = 0xFF01
}

/// Writes a ClientHello record (SSLv3 … TLS 1.3) and reads one back (passive capture, tests).
public enum TLSClientHello {
    /// Record fragments never exceed 2^14 bytes (RFC 8446 §5.1).
    public static let maxFragment = 16_384

    /// Appends the ClientHello as TLS records to `out`: one record unless the handshake message
    /// exceeds 16 KiB (then it is split across records, which servers must accept).
    /// `random` must be 32 bytes (shorter is zero-padded, longer truncated). SSLv3 hellos carry
    /// no extensions at all.
    public static func write(_ o: TLSClientHelloOptions, random: [UInt8], into out: inout [UInt8]) {
        var body: [UInt8] = []
        body.reserveCapacity(512)
        let legacy: UInt16 = o.version == .tls13 ? 0x0303 : o.version.rawValue
        put16(legacy, &body)
        for i in 0..<32 { body.append(i < random.count ? random[i] : 0) }
        let sid = o.sessionID.prefix(32)
        body.append(UInt8(sid.count))
        body += sid
        var suites = o.cipherSuites.prefix(32_000)
        if o.version == .ssl3, o.renegotiationInfo, !suites.contains(0x00FF) { suites.append(0x00FF) }
        put16(UInt16(suites.count * 2), &body)
        for s in suites { put16(s, &body) }
        if o.offerCompression, o.version != .tls13 { body += [2, 1, 0] } else { body += [1, 0] }

        if o.version != .ssl3 {
            var ext: [UInt8] = []
            writeExtensions(o, into: &ext)
            // RFC 7685 padding: a hello whose handshake message would be 256–511 bytes long.
            let lengthSoFar = 4 + body.count + 2 + ext.count
            if o.padding, lengthSoFar >= 256, lengthSoFar < 512 {
                let pad = max(0, 512 - lengthSoFar - 4)
                put16(TLSExtensionType.padding, &ext); put16(UInt16(pad), &ext)
                ext += [UInt8](repeating: 0, count: pad)
            }
            put16(UInt16(ext.count), &body)
            body += ext
        }

        var handshake: [UInt8] = [1]
        put24(body.count, &handshake)
        handshake += body
        let recordVersion: UInt16 = o.version == .ssl3 ? 0x0300 : 0x0301
        var offset = 0
        repeat {
            let n = min(maxFragment, handshake.count - offset)
            out.append(0x16)
            put16(recordVersion, &out)
            put16(UInt16(n), &out)
            out += handshake[offset..<(offset + n)]
            offset += n
        } while offset < handshake.count
    }

    static func writeExtensions(_ o: TLSClientHelloOptions, into ext: inout [UInt8]) {
        if let name = o.serverName, !name.isEmpty {
            let host = Array(name.utf8.prefix(255))
            put16(TLSExtensionType.serverName, &ext)
            put16(UInt16(host.count + 5), &ext)
            put16(UInt16(host.count + 3), &ext)
            ext.append(0)   // host_name
            put16(UInt16(host.count), &ext)
            ext += host
        }
        if o.groups.contains(where: TLSNamedGroup.isEC) {
            put16(TLSExtensionType.ecPointFormats, &ext); put16(2, &ext); ext += [1, 0]
        }
        if !o.groups.isEmpty {
            let groups = o.groups.prefix(1000)
            put16(TLSExtensionType.supportedGroups, &ext)
            put16(UInt16(groups.count * 2 + 2), &ext); put16(UInt16(groups.count * 2), &ext)
            for g in groups { put16(g, &ext) }
        }
        if o.sessionTicket { put16(TLSExtensionType.sessionTicket, &ext); put16(0, &ext) }
        if o.extendedMasterSecret, o.version != .ssl3 { put16(TLSExtensionType.extendedMasterSecret, &ext); put16(0, &ext) }
        if o.version >= .tls12, !o.signatureAlgorithms.isEmpty {
            let algs = o.signatureAlgorithms.prefix(1000)
            put16(TLSExtensionType.signatureAlgorithms, &ext)
            put16(UInt16(algs.count * 2 + 2), &ext); put16(UInt16(algs.count * 2), &ext)
            for a in algs { put16(a, &ext) }
        }
        if o.statusRequest {
            put16(TLSExtensionType.statusRequest, &ext); put16(5, &ext); ext += [1, 0, 0, 0, 0]
        }
        if !o.alpn.isEmpty {
            var list: [UInt8] = []
            for p in o.alpn { let b = Array(p.utf8.prefix(255)); if !b.isEmpty { list.append(UInt8(b.count)); list += b } }
            put16(TLSExtensionType.alpn, &ext); put16(UInt16(list.count + 2), &ext); put16(UInt16(list.count), &ext)
            ext += list
        }
        if o.version == .tls13 {
            put16(TLSExtensionType.supportedVersions, &ext); put16(3, &ext); ext.append(2); put16(0x0304, &ext)
            put16(TLSExtensionType.pskKeyExchangeModes, &ext); put16(2, &ext); ext += [1, 1]   // psk_dhe_ke
            var shares: [UInt8] = []
            for k in o.keyShares {
                put16(k.group, &shares); put16(UInt16(k.publicKey.count), &shares); shares += k.publicKey
            }
            put16(TLSExtensionType.keyShare, &ext); put16(UInt16(shares.count + 2), &ext); put16(UInt16(shares.count), &ext)
            ext += shares
        }
        if o.renegotiationInfo {
            put16(TLSExtensionType.renegotiationInfo, &ext); put16(1, &ext); ext.append(0)
        }
    }

    @inline(__always) static func put16(_ v: UInt16, _ out: inout [UInt8]) { out.append(UInt8(v >> 8)); out.append(UInt8(v & 0xFF)) }
    @inline(__always) static func put24(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(v >> 16 & 0xFF)); out.append(UInt8(v >> 8 & 0xFF)); out.append(UInt8(v & 0xFF))
    }

    /// Reads a ClientHello handshake body (after the 4-byte handshake header); nil when damaged.
    public static func parse(_ body: UnsafeRawBufferPointer) -> TLSClientHelloSummary? {
        guard body.count >= 35 else { return nil }
        var s = TLSClientHelloSummary(legacyVersion: body.be16(0))
        var off = 34
        let sidLen = Int(body[off]); off += 1 + sidLen
        guard off + 2 <= body.count else { return nil }
        let csLen = Int(body.be16(off)); off += 2
        guard csLen % 2 == 0, let cs = body.view(off, csLen) else { return nil }
        s.cipherSuites.reserveCapacity(csLen / 2)
        var i = 0
        while i < csLen { s.cipherSuites.append(cs.be16(i)); i += 2 }
        off += csLen
        guard off + 1 <= body.count else { return nil }
        let cmLen = Int(body[off]); off += 1
        guard let cm = body.view(off, cmLen) else { return nil }
        s.compressionMethods = Array(cm)
        off += cmLen
        guard off + 2 <= body.count else { return s }   // no extensions (SSLv3-style)
        let extLen = Int(body.be16(off)); off += 2
        guard let exts = body.view(off, extLen) else { return nil }
        var e = 0
        while e + 4 <= exts.count {
            let type = exts.be16(e), len = Int(exts.be16(e + 2))
            guard let v = exts.view(e + 4, len) else { return nil }
            s.extensions.append(type)
            switch type {
            case TLSExtensionType.serverName:
                // server_name_list: 2-byte length, then (type, 2-byte length, name) entries.
                if v.count >= 2, let list = v.view(2, min(Int(v.be16(0)), v.count - 2)) {
                    var k = 0
                    while k + 3 <= list.count {
                        let nlen = Int(list.be16(k + 1))
                        guard let name = list.view(k + 3, nlen) else { break }
                        if list[k] == 0, s.serverName == nil { s.serverName = WireText.make(name) }
                        k += 3 + nlen
                    }
                }
            case TLSExtensionType.supportedVersions:
                if v.count >= 1, let list = v.view(1, min(Int(v[0]), v.count - 1)) {
                    var k = 0
                    while k + 2 <= list.count { s.supportedVersions.append(list.be16(k)); k += 2 }
                }
            case TLSExtensionType.supportedGroups:
                if v.count >= 2, let list = v.view(2, min(Int(v.be16(0)), v.count - 2)) {
                    var k = 0
                    while k + 2 <= list.count { s.groups.append(list.be16(k)); k += 2 }
                }
            case TLSExtensionType.keyShare:
                if v.count >= 2, let list = v.view(2, min(Int(v.be16(0)), v.count - 2)) {
                    var k = 0
                    while k + 4 <= list.count {
                        s.keyShareGroups.append(list.be16(k))
                        k += 4 + Int(list.be16(k + 2))
                    }
                }
            default: break
            }
            e += 4 + len
        }
        return s
    }
}

/// The facts read back from a ClientHello: what a client offered (passive capture, tests).
public struct TLSClientHelloSummary: Sendable, Equatable {
    public var legacyVersion: UInt16
    public var cipherSuites: [UInt16] = []
    public var compressionMethods: [UInt8] = []
    /// First host_name in server_name, made printable.
    public var serverName: String?
    public var supportedVersions: [UInt16] = []
    public var groups: [UInt16] = []
    public var keyShareGroups: [UInt16] = []
    /// Extension types in the order sent.
    public var extensions: [UInt16] = []

    public init(legacyVersion: UInt16) { self.legacyVersion = legacyVersion }

    /// The highest version offered (supported_versions when present).
    public var highestVersion: UInt16 {
        let real = supportedVersions.filter { $0 & 0x0F0F != 0x0A0A }   // skip GREASE
        return real.max() ?? legacyVersion
    }
}
