/// TLS 1.2 (RFC 5246) records for a full ECDHE-ECDSA handshake, byte-exact up
/// to ChangeCipherSpec; everything after it is ciphertext-shaped random bytes.
enum TLS {
    static let handshake: UInt8 = 22
    static let changeCipherSpec: UInt8 = 20
    static let alert: UInt8 = 21
    static let applicationData: UInt8 = 23
    static let version12: UInt16 = 0x0303

    static let cipherECDHE_ECDSA_AES128_GCM_SHA256: UInt16 = 0xC02B
    static let namedCurveX25519: UInt16 = 0x001D
    static let ecdsaSecp256r1SHA256: UInt16 = 0x0403

    static func record(_ type: UInt8, version: UInt16 = version12, _ body: [UInt8]) -> [UInt8] {
        var r: [UInt8] = [type]
        r.be16(version); r.be16(UInt16(body.count))
        return r + body
    }

    static func handshakeMessage(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16 & 0xFF), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    private static func ext(_ type: UInt16, _ body: [UInt8]) -> [UInt8] {
        var e: [UInt8] = []
        e.be16(type); e.be16(UInt16(body.count))
        return e + body
    }

    private static func u16List(_ values: [UInt16]) -> [UInt8] {
        var b: [UInt8] = []
        b.be16(UInt16(values.count * 2))
        for v in values { b.be16(v) }
        return b
    }

    private static func alpn(_ protocols: [String]) -> [UInt8] {
        var list: [UInt8] = []
        for p in protocols { list.u8(UInt8(p.utf8.count)); list.utf8(p) }
        var b: [UInt8] = []
        b.be16(UInt16(list.count))
        return b + list
    }

    /// A browser-like ClientHello with SNI, in a record versioned 1.0 as clients send the first one.
    static func clientHello(random: [UInt8], serverName: String) -> [UInt8] {
        precondition(random.count == 32)
        var body: [UInt8] = []
        body.be16(version12)
        body += random
        body.u8(0)                                                  // no session to resume
        body += u16List([0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035])
        body += [1, 0]                                              // compression: null only
        var sni: [UInt8] = [0]                                      // host_name
        sni.be16(UInt16(serverName.utf8.count)); sni.utf8(serverName)
        var sniList: [UInt8] = []
        sniList.be16(UInt16(sni.count)); sniList += sni
        var exts: [UInt8] = []
        exts += ext(0x0000, sniList)
        exts += ext(0x0017, [])                                     // extended_master_secret
        exts += ext(0xFF01, [0])                                    // renegotiation_info
        exts += ext(0x000A, u16List([0x001D, 0x0017, 0x0018]))      // supported_groups
        exts += ext(0x000B, [1, 0])                                 // ec_point_formats: uncompressed
        exts += ext(0x0023, [])                                     // session_ticket
        exts += ext(0x0010, alpn(["h2", "http/1.1"]))
        exts += ext(0x000D, u16List([0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601]))
        body.be16(UInt16(exts.count)); body += exts
        return record(handshake, version: 0x0301, handshakeMessage(1, body))
    }

    /// ServerHello, Certificate, ServerKeyExchange (x25519, signed) and ServerHelloDone, one record each.
    static func serverFlight(clientRandom: [UInt8], serverRandom: [UInt8], sessionID: [UInt8],
                             certificate: [UInt8], ephemeralKey: [UInt8]) -> [UInt8] {
        precondition(serverRandom.count == 32 && sessionID.count == 32 && ephemeralKey.count == 32)
        var hello: [UInt8] = []
        hello.be16(version12)
        hello += serverRandom
        hello.u8(32); hello += sessionID
        hello.be16(cipherECDHE_ECDSA_AES128_GCM_SHA256)
        hello.u8(0)
        var exts: [UInt8] = []
        exts += ext(0xFF01, [0])
        exts += ext(0x0017, [])
        exts += ext(0x000B, [1, 0])
        exts += ext(0x0010, alpn(["http/1.1"]))
        hello.be16(UInt16(exts.count)); hello += exts

        let certLength = certificate.count
        let oneCert = [UInt8(certLength >> 16), UInt8(certLength >> 8 & 0xFF), UInt8(certLength & 0xFF)] + certificate
        let chain = [UInt8(oneCert.count >> 16), UInt8(oneCert.count >> 8 & 0xFF), UInt8(oneCert.count & 0xFF)] + oneCert

        var params: [UInt8] = [3]                                   // named_curve
        params.be16(namedCurveX25519)
        params.u8(32); params += ephemeralKey
        // RFC 4492 5.4: the signature covers both randoms and the parameters.
        let signature = SyntheticSigner.signature(over: clientRandom + serverRandom + params)
        var keyExchange = params
        keyExchange.be16(ecdsaSecp256r1SHA256)
        keyExchange.be16(UInt16(signature.count)); keyExchange += signature

        return record(handshake, handshakeMessage(2, hello))
            + record(handshake, handshakeMessage(11, chain))
            + record(handshake, handshakeMessage(12, keyExchange))
            + record(handshake, handshakeMessage(14, []))
    }

    /// ClientKeyExchange, ChangeCipherSpec and the encrypted Finished (40 bytes for AES-GCM).
    static func clientFinish(ephemeralKey: [UInt8], encryptedFinished: [UInt8]) -> [UInt8] {
        record(handshake, handshakeMessage(16, [32] + ephemeralKey))
            + record(changeCipherSpec, [1])
            + record(handshake, encryptedFinished)
    }

    static func serverFinish(encryptedFinished: [UInt8]) -> [UInt8] {
        record(changeCipherSpec, [1]) + record(handshake, encryptedFinished)
    }
}
