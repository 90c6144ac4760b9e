import Snapshot

/// Protocols that upgrade a plaintext connection to TLS.
public enum StartTLSProtocol: String, CaseIterable, Sendable, Codable {
    case smtp, imap, pop3, ftp, ldap

    /// The protocol conventionally spoken on `port`: 25/587 SMTP, 143 IMAP, 110 POP3, 21 FTP, 389 LDAP.
    public static func defaultFor(port: Int) -> StartTLSProtocol? {
        switch port {
        case 25, 587: .smtp
        case 143: .imap
        case 110: .pop3
        case 21: .ftp
        case 389: .ldap
        default: nil
        }
    }
}

/// The plaintext part of STARTTLS: speak the protocol until the next bytes are a ClientHello,
/// recording what the server offered before TLS. No credentials are ever sent.
public enum StartTLS {
    /// Speaks `proto` on `stream` and records the plaintext facts; with `upgrade`, also asks for
    /// TLS. Returns `upgraded: true` only when the server accepted the upgrade: the next bytes on
    /// the stream are then TLS. With `upgraded: false` the server does not offer STARTTLS, refused
    /// it, or `upgrade` was false (the session is ended politely with QUIT/LOGOUT where the
    /// protocol has one); `facts.starttlsOffered` says which.
    ///
    /// - SMTP: 220 greeting, `EHLO clientName` (`HELO` if EHLO is refused), 250 keywords
    ///   (`STARTTLS`, `AUTH …`/`AUTH=…` mechanisms → `authBeforeTLS`), `STARTTLS` → 220.
    /// - IMAP: `* OK` greeting, `a CAPABILITY` (`STARTTLS`, `AUTH=…`; `LOGIN` when
    ///   `LOGINDISABLED` is absent), `b STARTTLS` → `b OK`.
    /// - POP3: `+OK` greeting, `CAPA` (`STLS`; `USER` → `USER`; `SASL …` mechanisms), `STLS` → `+OK`.
    /// - FTP: 220 greeting, `FEAT` (`AUTH TLS` offered), `AUTH TLS` → 234. A server without FEAT
    ///   is still asked `AUTH TLS` when `upgrade` is set. `authBeforeTLS` stays empty: finding out
    ///   whether USER/PASS work in clear would mean sending them.
    /// - LDAP: no greeting. With `upgrade`, the StartTLS ExtendedRequest (1.3.6.1.4.1.1466.20037),
    ///   offered and upgraded when resultCode is 0; without, an anonymous root DSE search for
    ///   `supportedExtension`.
    ///
    /// Throws `.protocolError` when the server's replies are not the protocol (a 554 greeting,
    /// garbage), `.timeout` at the deadline, `.closed` when the server hangs up.
    public static func probe(_ proto: StartTLSProtocol, on stream: TCPStream, clientName: String,
                             deadline: ContinuousClock.Instant, upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        var session = Session(stream: stream, deadline: deadline)
        switch proto {
        case .smtp: return try session.smtp(clientName: clientName, upgrade: upgrade)
        case .imap: return try session.imap(upgrade: upgrade)
        case .pop3: return try session.pop3(upgrade: upgrade)
        case .ftp: return try session.ftp(upgrade: upgrade)
        case .ldap: return try session.ldap(upgrade: upgrade)
        }
    }

    /// `probe(…, upgrade: true)` for callers that only want TLS: returns the facts when the
    /// stream is ready for a ClientHello, throws `.starttlsNotOffered(reason)` otherwise.
    public static func upgrade(_ proto: StartTLSProtocol, on stream: TCPStream, clientName: String,
                               deadline: ContinuousClock.Instant) throws(TLSProbeError) -> TLSPlaintextFacts {
        let (facts, upgraded) = try probe(proto, on: stream, clientName: clientName, deadline: deadline, upgrade: true)
        guard upgraded else {
            throw .starttlsNotOffered(facts.starttlsOffered ? "\(proto.rawValue) server refused STARTTLS"
                                                            : "\(proto.rawValue) server does not offer STARTTLS")
        }
        return facts
    }

    /// Control characters (and DEL) as `\r`, `\n`, `\t` or `\xNN`; at most 512 characters.
    public static func escape(_ line: String) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x7F, 0x80..<0xA0:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: out.unicodeScalars.append(scalar)
            }
            if out.count >= 512 { out += "…"; break }
        }
        return out
    }

    /// Mechanism names from a space-separated list, uppercased, in order, without repeats.
    static func appendMechanisms(_ words: some Sequence<Substring>, to list: inout [String]) {
        for w in words {
            let m = w.uppercased()
            guard !m.isEmpty, m.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !list.contains(m) else { continue }
            list.append(m)
        }
    }
}

/// One plaintext dialogue.
private struct Session {
    let stream: TCPStream
    let deadline: ContinuousClock.Instant
    /// Longest multi-line reply accepted.
    static let maxReplyLines = 512

    init(stream: TCPStream, deadline: ContinuousClock.Instant) { self.stream = stream; self.deadline = deadline }

    func line() throws(TLSProbeError) -> String { try stream.readLine(deadline: deadline) }
    func send(_ text: String) throws(TLSProbeError) { try stream.send(Array((text + "\r\n").utf8), deadline: deadline) }
    /// Best-effort goodbye; errors ignored (the caller closes the stream).
    func quit(_ command: String) { try? send(command) }

    /// An SMTP/FTP reply: `ddd-text` lines until `ddd text`. Returns the code and the lines' texts.
    func numericReply() throws(TLSProbeError) -> (code: Int, lines: [String], first: String) {
        var lines: [String] = []
        var first: String?
        while lines.count < Self.maxReplyLines {
            let l = try line()
            if first == nil { first = l }
            let u = Array(l.utf8)
            guard u.count >= 3, let code = Int(String(decoding: u[0..<3], as: UTF8.self)), (100...599).contains(code) else {
                // FTP multi-line replies may carry unnumbered lines inside a "ddd-" block.
                if !lines.isEmpty { lines.append(l); continue }
                throw .protocolError("\(stream.peer): not a numeric reply: \(StartTLS.escape(l))")
            }
            let text = u.count > 4 ? String(decoding: u[4...], as: UTF8.self) : ""
            lines.append(text)
            if u.count == 3 || u[3] == 0x20 { return (code, lines, first!) }
            if u[3] != 0x2D { throw .protocolError("\(stream.peer): malformed reply: \(StartTLS.escape(l))") }
        }
        throw .protocolError("\(stream.peer): reply longer than \(Self.maxReplyLines) lines")
    }

    // MARK: SMTP

    mutating func smtp(clientName: String, upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        let greeting = try numericReply()
        var facts = TLSPlaintextFacts(protocolName: "smtp", greeting: StartTLS.escape(greeting.first), starttlsOffered: false, authBeforeTLS: [])
        guard greeting.code == 220 else {
            quit("QUIT")
            throw .protocolError("\(stream.peer): SMTP greeting \(greeting.code): \(StartTLS.escape(greeting.first))")
        }
        try send("EHLO \(clientName)")
        var ehlo = try numericReply()
        if ehlo.code != 250 {
            try send("HELO \(clientName)")
            ehlo = try numericReply()
            quit("QUIT")
            return (facts, false)   // no ESMTP, no STARTTLS
        }
        for text in ehlo.lines.dropFirst() {   // the first line is the server's name
            let words = text.split(separator: " ", omittingEmptySubsequences: true)
            guard let keyword = words.first?.uppercased() else { continue }
            if keyword == "STARTTLS" { facts.starttlsOffered = true }
            if keyword == "AUTH" { StartTLS.appendMechanisms(words.dropFirst(), to: &facts.authBeforeTLS) }
            if keyword.hasPrefix("AUTH=") {
                StartTLS.appendMechanisms([keyword.dropFirst(5)[...]] + words.dropFirst(), to: &facts.authBeforeTLS)
            }
        }
        guard upgrade, facts.starttlsOffered else { quit("QUIT"); return (facts, false) }
        try send("STARTTLS")
        let reply = try numericReply()
        guard reply.code == 220 else { quit("QUIT"); return (facts, false) }
        return (facts, true)
    }

    // MARK: IMAP

    mutating func imap(upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        let greeting = try line()
        var facts = TLSPlaintextFacts(protocolName: "imap", greeting: StartTLS.escape(greeting), starttlsOffered: false, authBeforeTLS: [])
        let upper = greeting.uppercased()
        guard upper.hasPrefix("* OK") || upper.hasPrefix("* PREAUTH") else {
            throw .protocolError("\(stream.peer): IMAP greeting: \(StartTLS.escape(greeting))")
        }
        try send("a CAPABILITY")
        var capabilities: [String] = []
        var tagged: String?
        for _ in 0..<Self.maxReplyLines {
            let l = try line()
            let u = l.uppercased()
            if u.hasPrefix("* CAPABILITY ") {
                capabilities += u.dropFirst(13).split(separator: " ").map(String.init)
            } else if u.hasPrefix("A ") {
                tagged = u
                break
            }
        }
        guard let tagged, tagged.hasPrefix("A OK") else {
            quit("z LOGOUT")
            return (facts, false)
        }
        facts.starttlsOffered = capabilities.contains("STARTTLS")
        var mechanisms: [String] = []
        StartTLS.appendMechanisms(capabilities.filter { $0.hasPrefix("AUTH=") }.map { $0.dropFirst(5) }, to: &mechanisms)
        if !capabilities.contains("LOGINDISABLED"), !mechanisms.contains("LOGIN") { mechanisms.append("LOGIN") }
        facts.authBeforeTLS = mechanisms
        guard upgrade, facts.starttlsOffered else { quit("z LOGOUT"); return (facts, false) }
        try send("b STARTTLS")
        for _ in 0..<Self.maxReplyLines {
            let u = try line().uppercased()
            if u.hasPrefix("B ") {
                if u.hasPrefix("B OK") { return (facts, true) }
                quit("z LOGOUT")
                return (facts, false)
            }
        }
        throw .protocolError("\(stream.peer): no tagged reply to STARTTLS")
    }

    // MARK: POP3

    mutating func pop3(upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        let greeting = try line()
        var facts = TLSPlaintextFacts(protocolName: "pop3", greeting: StartTLS.escape(greeting), starttlsOffered: false, authBeforeTLS: [])
        guard greeting.hasPrefix("+OK") else {
            throw .protocolError("\(stream.peer): POP3 greeting: \(StartTLS.escape(greeting))")
        }
        try send("CAPA")
        let status = try line()
        guard status.hasPrefix("+OK") else { quit("QUIT"); return (facts, false) }
        for _ in 0..<Self.maxReplyLines {
            let l = try line()
            if l == "." { break }
            let words = l.split(separator: " ")
            guard let keyword = words.first?.uppercased() else { continue }
            switch keyword {
            case "STLS": facts.starttlsOffered = true
            case "USER": if !facts.authBeforeTLS.contains("USER") { facts.authBeforeTLS.append("USER") }
            case "SASL": StartTLS.appendMechanisms(words.dropFirst(), to: &facts.authBeforeTLS)
            default: break
            }
        }
        guard upgrade, facts.starttlsOffered else { quit("QUIT"); return (facts, false) }
        try send("STLS")
        let reply = try line()
        guard reply.hasPrefix("+OK") else { quit("QUIT"); return (facts, false) }
        return (facts, true)
    }

    // MARK: FTP

    mutating func ftp(upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        let greeting = try numericReply()
        var facts = TLSPlaintextFacts(protocolName: "ftp", greeting: StartTLS.escape(greeting.first), starttlsOffered: false, authBeforeTLS: [])
        guard greeting.code == 220 else {
            throw .protocolError("\(stream.peer): FTP greeting \(greeting.code): \(StartTLS.escape(greeting.first))")
        }
        try send("FEAT")
        let feat = try numericReply()
        if feat.code == 211 {
            for text in feat.lines {
                let words = text.uppercased().split(separator: " ")
                if words.first == "AUTH", words.dropFirst().contains(where: { $0.split(separator: ";").contains("TLS") }) {
                    facts.starttlsOffered = true
                }
            }
        }
        guard upgrade else { quit("QUIT"); return (facts, false) }
        try send("AUTH TLS")
        let reply = try numericReply()
        guard reply.code == 234 else { quit("QUIT"); return (facts, false) }
        facts.starttlsOffered = true
        return (facts, true)
    }

    // MARK: LDAP

    static let startTLSOID = Array("1.3.6.1.4.1.1466.20037".utf8)

    mutating func ldap(upgrade: Bool) throws(TLSProbeError) -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        var facts = TLSPlaintextFacts(protocolName: "ldap", greeting: nil, starttlsOffered: false, authBeforeTLS: [])
        if upgrade {
            // LDAPMessage { messageID 1, [APPLICATION 23] ExtendedRequest { [0] requestName } }
            let oid = Self.startTLSOID
            let request = BER.tlv(0x30, BER.tlv(0x02, [1]) + BER.tlv(0x77, BER.tlv(0x80, oid)))
            try stream.send(request, deadline: deadline)
            let (tag, body) = try readLDAPResponse(expecting: 0x78)
            guard tag == 0x78 else { return (facts, false) }   // notice of disconnection or the like
            let code = BER.resultCode(body)
            if code == 0 { facts.starttlsOffered = true; return (facts, true) }
            return (facts, false)
        }
        // SearchRequest: base "", scope baseObject, never deref, no limits, (objectClass=*), [supportedExtension]
        let search = BER.tlv(0x04, []) + BER.tlv(0x0A, [0]) + BER.tlv(0x0A, [0]) + BER.tlv(0x02, [0]) + BER.tlv(0x02, [0])
            + BER.tlv(0x01, [0]) + BER.tlv(0x87, Array("objectClass".utf8)) + BER.tlv(0x30, BER.tlv(0x04, Array("supportedExtension".utf8)))
        try stream.send(BER.tlv(0x30, BER.tlv(0x02, [1]) + BER.tlv(0x63, search)), deadline: deadline)
        for _ in 0..<64 {
            let (tag, body) = try readLDAPResponse(expecting: 0x65)
            if tag == 0x64, body.firstRange(of: Self.startTLSOID) != nil { facts.starttlsOffered = true }
            if tag != 0x64 { break }   // SearchResultDone (or anything else) ends the search
        }
        // UnbindRequest
        try? stream.send(BER.tlv(0x30, BER.tlv(0x02, [2]) + BER.tlv(0x42, [])), deadline: deadline)
        return (facts, false)
    }

    /// Reads one LDAPMessage and returns its protocolOp tag and body.
    func readLDAPResponse(expecting: UInt8) throws(TLSProbeError) -> (tag: UInt8, body: [UInt8]) {
        let head = try stream.readExactly(2, deadline: deadline)
        guard head[0] == 0x30 else { throw .protocolError("\(stream.peer): not an LDAP message") }
        var length = Int(head[1])
        if head[1] & 0x80 != 0 {
            let n = Int(head[1] & 0x7F)
            guard (1...4).contains(n) else { throw .protocolError("\(stream.peer): bad LDAP length") }
            length = 0
            for b in try stream.readExactly(n, deadline: deadline) { length = length << 8 | Int(b) }
        }
        guard length <= 1 << 20 else { throw .protocolError("\(stream.peer): LDAP message of \(length) bytes") }
        let message = try stream.readExactly(length, deadline: deadline)
        var reader = BER.Reader(message)
        guard let id = reader.next(), id.tag == 0x02, let op = reader.next() else {
            throw .protocolError("\(stream.peer): malformed LDAP message")
        }
        return (op.tag, op.value)
    }
}

/// The little BER an LDAP StartTLS needs.
enum BER {
    static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let n = value.count
        if n < 0x80 { out.append(UInt8(n)) }
        else if n < 0x100 { out += [0x81, UInt8(n)] }
        else if n < 0x10000 { out += [0x82, UInt8(n >> 8), UInt8(n & 0xFF)] }
        else { out += [0x83, UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] }
        return out + value
    }

    /// The resultCode (first element, ENUMERATED) of an LDAPResult body; nil when malformed.
    static func resultCode(_ body: [UInt8]) -> Int? {
        var reader = Reader(body)
        guard let first = reader.next(), first.tag == 0x0A, !first.value.isEmpty, first.value.count <= 4 else { return nil }
        return first.value.reduce(0) { $0 << 8 | Int($1) }
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> (tag: UInt8, value: [UInt8])? {
            guard offset + 2 <= bytes.count else { return nil }
            let tag = bytes[offset]
            var length = Int(bytes[offset + 1])
            offset += 2
            if length & 0x80 != 0 {
                let n = length & 0x7F
                guard (1...4).contains(n), offset + n <= bytes.count else { return nil }
                length = 0
                for b in bytes[offset..<offset + n] { length = length << 8 | Int(b) }
                offset += n
            }
            guard length >= 0, offset + length <= bytes.count else { return nil }
            defer { offset += length }
            return (tag, Array(bytes[offset..<offset + length]))
        }
    }
}
