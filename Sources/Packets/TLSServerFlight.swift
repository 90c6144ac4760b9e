/// A TLS alert record (RFC 8446 §6): the server's way of refusing what was offered.
public struct TLSAlert: Sendable, Equatable {
    /// 1 warning, 2 fatal.
    public let level: UInt8
    public let description: UInt8

    public init(level: UInt8, description: UInt8) { self.level = level; self.description = description }

    /// `handshake_failure`, `protocol_version`, …, or `alert_N` for an unregistered code.
    public var name: String {
        switch description {
        case 0: "close_notify"
        case 10: "unexpected_message"
        case 20: "bad_record_mac"
        case 21: "decryption_failed"
        case 22: "record_overflow"
        case 30: "decompression_failure"
        case 40: "handshake_failure"
        case 41: "no_certificate"
        case 42: "bad_certificate"
        case 43: "unsupported_certificate"
        case 44: "certificate_revoked"
        case 45: "certificate_expired"
        case 46: "certificate_unknown"
        case 47: "illegal_parameter"
        case 48: "unknown_ca"
        case 49: "access_denied"
        case 50: "decode_error"
        case 51: "decrypt_error"
        case 60: "export_restriction"
        case 70: "protocol_version"
        case 71: "insufficient_security"
        case 80: "internal_error"
        case 86: "inappropriate_fallback"
        case 90: "user_canceled"
        case 100: "no_renegotiation"
        case 109: "missing_extension"
        case 110: "unsupported_extension"
        case 111: "certificate_unobtainable"
        case 112: "unrecognized_name"
        case 113: "bad_certificate_status_response"
        case 114: "bad_certificate_hash_value"
        case 115: "unknown_psk_identity"
        case 116: "certificate_required"
        case 120: "no_application_protocol"
        default: "alert_\(description)"
        }
    }
}

/// A ServerHello (or HelloRetryRequest, which shares its message type): what the server chose.
public struct TLSServerHello: Sendable, Equatable {
    public let legacyVersion: UInt16
    /// From supported_versions when present (TLS 1.3), else `legacyVersion`; nil when neither is a known version.
    public let selectedVersion: TLSProtocolVersion?
    public let cipherSuite: UInt16
    public let compressionMethod: UInt8
    /// The random is the RFC 8446 §4.1.3 HelloRetryRequest constant.
    public let isHelloRetryRequest: Bool
    /// key_share group: the server's share (ServerHello) or the group it asks for (HelloRetryRequest).
    public let keyShareGroup: UInt16?
    /// renegotiation_info present (RFC 5746).
    public let renegotiationInfo: Bool
    /// Extension types in the order sent.
    public let extensions: [UInt16]

    /// SHA-256("HelloRetryRequest").
    public static let helloRetryRequestRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    public init(legacyVersion: UInt16, selectedVersion: TLSProtocolVersion?, cipherSuite: UInt16, compressionMethod: UInt8,
                isHelloRetryRequest: Bool, keyShareGroup: UInt16?, renegotiationInfo: Bool, extensions: [UInt16]) {
        self.legacyVersion = legacyVersion; self.selectedVersion = selectedVersion; self.cipherSuite = cipherSuite
        self.compressionMethod = compressionMethod; self.isHelloRetryRequest = isHelloRetryRequest
        self.keyShareGroup = keyShareGroup; self.renegotiationInfo = renegotiationInfo; self.extensions = extensions
    }

    /// Reads a ServerHello handshake body (after the 4-byte handshake header); nil when damaged.
    public init?(body b: UnsafeRawBufferPointer) {
        guard b.count >= 38 else { return nil }
        let legacy = b.be16(0)
        var hrr = true
        for i in 0..<32 where b[2 + i] != Self.helloRetryRequestRandom[i] { hrr = false; break }
        let sidLength = Int(b[34])
        var off = 35 + sidLength
        guard off + 3 <= b.count else { return nil }
        let suite = b.be16(off)
        let compression = b[off + 2]
        off += 3
        var selected: UInt16?
        var keyShare: UInt16?
        var reneg = false
        var types: [UInt16] = []
        if off + 2 <= b.count {
            let extLength = Int(b.be16(off))
            guard let exts = b.view(off + 2, extLength) else { return nil }
            var e = 0
            while e + 4 <= exts.count {
                let type = exts.be16(e), len = Int(exts.be16(e + 2))
                guard let v = exts.view(e + 4, len) else { return nil }
                types.append(type)
                switch type {
                case TLSExtensionType.supportedVersions where v.count >= 2: selected = v.be16(0)
                case TLSExtensionType.keyShare where v.count >= 2: keyShare = v.be16(0)
                case TLSExtensionType.renegotiationInfo: reneg = true
                default: break
                }
                e += 4 + len
            }
            guard e == exts.count else { return nil }
        }
        self.init(legacyVersion: legacy,
                  selectedVersion: selected.flatMap { TLSProtocolVersion(wire: $0) } ?? TLSProtocolVersion(rawValue: legacy),
                  cipherSuite: suite, compressionMethod: compression, isHelloRetryRequest: hrr, keyShareGroup: keyShare,
                  renegotiationInfo: reneg, extensions: types)
    }
}

/// What a ServerKeyExchange says about the key-exchange group (TLS ≤ 1.2).
public enum TLSServerKeyExchangeFacts: Sendable, Equatable {
    /// Finite-field DHE: size of the prime p in bits (leading zero bytes stripped).
    case dhe(primeBits: Int)
    /// ECDHE with a named curve (curve_type 3).
    case ecdhe(namedCurve: UInt16)

    /// Reads a ServerKeyExchange body for a suite whose key exchange is `suite`; nil when the
    /// suite has no DH/ECDH parameters, the curve is explicit, or the body is damaged.
    public static func parse(_ b: UnsafeRawBufferPointer, suite: TLSCipherSuiteInfo) -> TLSServerKeyExchangeFacts? {
        var off = 0
        if suite.authentication == "PSK" {   // DHE_PSK / ECDHE_PSK: psk_identity_hint first (RFC 4279 §3, RFC 5489)
            guard b.count >= 2 else { return nil }
            off = 2 + Int(b.be16(0))
        }
        if suite.serverSendsDHParameters {
            guard off + 2 <= b.count else { return nil }
            let length = Int(b.be16(off))
            guard let p = b.view(off + 2, length) else { return nil }
            var i = 0
            while i < p.count && p[i] == 0 { i += 1 }
            guard i < p.count else { return .dhe(primeBits: 0) }
            let top = p[i]
            return .dhe(primeBits: (p.count - i - 1) * 8 + (8 - top.leadingZeroBitCount))
        }
        if suite.serverSendsECParameters {
            guard off + 3 <= b.count, b[off] == 3 else { return nil }
            return .ecdhe(namedCurve: b.be16(off + 1))
        }
        return nil
    }
}

/// Everything netaudit reads from a server's first flight, up to where it becomes encrypted
/// (TLS 1.3) or ends (ServerHelloDone, an alert).
public struct TLSServerFlight: Sendable {
    public var serverHello: TLSServerHello?
    public var alert: TLSAlert?
    /// DER certificates, leaf first, as sent (TLS ≤ 1.2; TLS 1.3 sends them encrypted).
    public var certificates: [[UInt8]] = []
    public var serverKeyExchange: TLSServerKeyExchangeFacts?
    public var serverHelloDone = false
    public var sslv2: SSLv2ServerHello?
    /// SSLv2 MSG-ERROR code (1 no-cipher, 2 no-certificate, 4 bad-certificate, 6 unsupported-certificate-type).
    public var sslv2Error: UInt16?
    /// Records of type ChangeCipherSpec or application data seen (an abbreviated or TLS 1.3 handshake).
    public var changeCipherSpec = false

    public init() {}
}

/// Where a `TLSServerFlightParser` stands after the bytes fed so far.
public enum TLSFlightState: Sendable, Equatable {
    case needMore, complete
    /// Not TLS, or damaged beyond use; the message says what and where.
    case malformed(String)
}

/// Incremental reader of a server's first flight: feed it bytes as they arrive from the socket
/// or from a reassembled capture stream, and it says when it has seen enough.
///
/// Complete at: an alert; a HelloRetryRequest; a ServerHello selecting TLS 1.3 (the rest is
/// encrypted); ServerHelloDone; ChangeCipherSpec or application data (resumption); an SSLv2
/// SERVER-HELLO or ERROR. Handshake messages may span records and records may hold several
/// messages. Bytes are buffered up to `maxBufferedBytes` (default 256 KiB), then it gives up.
/// Bytes fed after the verdict are ignored.
public struct TLSServerFlightParser: Sendable {
    public private(set) var flight = TLSServerFlight()
    public private(set) var state: TLSFlightState = .needMore
    public let maxBufferedBytes: Int
    /// Total bytes fed so far.
    public private(set) var bytesFed = 0

    var records: [UInt8] = []
    var recordStart = 0
    var handshake: [UInt8] = []
    var handshakeStart = 0
    var isSSLv2 = false
    var recordsSeen = 0

    public init(maxBufferedBytes: Int = 262_144) { self.maxBufferedBytes = maxBufferedBytes }

    static let maxRecordLength = 16_384 + 2_048

    @discardableResult
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> TLSFlightState {
        guard state == .needMore else { return state }
        bytesFed += bytes.count
        if bytesFed > maxBufferedBytes {
            state = .malformed("server flight exceeds \(maxBufferedBytes) bytes without completing")
            return state
        }
        records.append(contentsOf: bytes)
        records.withUnsafeBytes { all in
            guard let pending = all.tail(recordStart) else { return }
            let used = process(pending)
            recordStart += used
        }
        if recordStart > 4096, recordStart * 2 > records.count {
            records.removeFirst(recordStart)
            recordStart = 0
        }
        return state
    }

    /// Consumes whole records from `p`; returns how many bytes were used.
    mutating func process(_ p: UnsafeRawBufferPointer) -> Int {
        var off = 0
        while state == .needMore {
            guard let rest = p.tail(off), rest.count > 0 else { break }
            if recordsSeen == 0 && !isSSLv2 {
                switch Self.classify(rest) {
                case .undecided: return off
                case .notTLS: state = .malformed("not a TLS record: \"\(Self.excerpt(rest))\""); return off
                case .sslv2: isSSLv2 = true
                case .tls: break
                }
            }
            if isSSLv2 {
                guard let length = SSLv2ServerHello.recordLength(rest) else {
                    state = .malformed("not an SSLv2 record at byte \(bytesBefore(off))"); return off
                }
                guard let message = rest.view(2, length) else { return off }
                recordsSeen += 1
                off += 2 + length
                if message.count >= 1, message[0] == 4, let hello = SSLv2ServerHello(message: message) {
                    flight.sslv2 = hello
                    state = .complete
                } else if message.count >= 3, message[0] == 0 {
                    flight.sslv2Error = message.be16(1)
                    state = .complete
                } else {
                    state = .malformed("SSLv2 message \(message.count > 0 ? Int(message[0]) : -1) is not a SERVER-HELLO")
                }
                continue
            }
            guard rest.count >= 5 else { return off }
            let type = rest[0], length = Int(rest.be16(3))
            guard (20...24).contains(type), rest[1] == 3, length <= Self.maxRecordLength else {
                state = .malformed("bad TLS record header at byte \(bytesBefore(off)): type \(type), version 0x\(String(rest.be16(1), radix: 16)), length \(length)")
                return off
            }
            guard let fragment = rest.view(5, length) else { return off }
            recordsSeen += 1
            off += 5 + length
            switch type {
            case 21:
                guard fragment.count >= 2 else { state = .malformed("alert record shorter than 2 bytes"); return off }
                flight.alert = TLSAlert(level: fragment[0], description: fragment[1])
                state = .complete
            case 22:
                handshake.append(contentsOf: fragment)
                processHandshake()
            case 20, 23:
                flight.changeCipherSpec = true
                state = .complete
            default:
                break   // heartbeat
            }
        }
        return off
    }

    func bytesBefore(_ off: Int) -> Int { bytesFed - (records.count - recordStart) + off }

    mutating func processHandshake() {
        var consumed = 0
        handshake.withUnsafeBytes { all in
            guard let hs = all.tail(handshakeStart) else { return }
            var off = 0
            while state == .needMore, off + 4 <= hs.count {
                let type = hs[off]
                let length = Int(hs[off + 1]) << 16 | Int(hs.be16(off + 2))
                guard length <= maxBufferedBytes else { state = .malformed("handshake message of \(length) bytes"); return }
                guard let body = hs.view(off + 4, length) else { break }
                off += 4 + length
                handleMessage(type: type, body: body)
            }
            consumed = off
        }
        handshakeStart += consumed
        if handshakeStart == handshake.count {
            handshake.removeAll(keepingCapacity: true)
            handshakeStart = 0
        }
    }

    mutating func handleMessage(type: UInt8, body: UnsafeRawBufferPointer) {
        switch type {
        case 2:
            guard let hello = TLSServerHello(body: body) else { state = .malformed("damaged ServerHello"); return }
            flight.serverHello = hello
            if hello.isHelloRetryRequest || hello.selectedVersion == .tls13 { state = .complete }
        case 11:
            guard body.count >= 3 else { state = .malformed("damaged Certificate message"); return }
            let listLength = Int(body[0]) << 16 | Int(body.be16(1))
            guard let list = body.view(3, listLength) else { state = .malformed("damaged Certificate message"); return }
            var certs: [[UInt8]] = []
            var i = 0
            while i + 3 <= list.count {
                let n = Int(list[i]) << 16 | Int(list.be16(i + 1))
                guard let der = list.view(i + 3, n) else { state = .malformed("certificate runs past its message"); return }
                certs.append(Array(der))
                i += 3 + n
            }
            flight.certificates = certs
        case 12:
            if let code = flight.serverHello?.cipherSuite, let suite = TLSCipherSuiteRegistry.info(code) {
                flight.serverKeyExchange = TLSServerKeyExchangeFacts.parse(body, suite: suite)
            }
        case 14:
            flight.serverHelloDone = true
            state = .complete
        default:
            break   // CertificateStatus, CertificateRequest, HelloRequest, …
        }
    }

    enum Kind { case tls, sslv2, notTLS, undecided }

    /// Decides from the first bytes whether the peer speaks TLS (a record of type 20–23 with
    /// major version 3) or SSLv2 (2-byte header with the high bit set, then SERVER-HELLO 4 or ERROR 0).
    static func classify(_ p: UnsafeRawBufferPointer) -> Kind {
        guard p.count >= 1 else { return .undecided }
        let b0 = p[0]
        if (20...23).contains(b0) {
            guard p.count >= 2 else { return .undecided }
            return p[1] == 3 ? .tls : .notTLS
        }
        if b0 & 0x80 != 0 {
            guard p.count >= 3 else { return .undecided }
            return p[2] == 4 || p[2] == 0 ? .sslv2 : .notTLS
        }
        return .notTLS
    }

    /// The first line of what the peer sent, at most 40 bytes, made printable.
    static func excerpt(_ p: UnsafeRawBufferPointer) -> String {
        var end = 0
        while end < p.count && end < 40 && p[end] != 0x0D && p[end] != 0x0A { end += 1 }
        return WireText.make(p.view(0, end) ?? p)
    }
}
