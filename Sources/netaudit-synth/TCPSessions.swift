import Digest
import NetAddress

/// One TCP connection between two stations on the same segment, tracking both
/// sides' sequence numbers so every segment is in order and acknowledged.
struct TCPConnection {
    let client: Station
    let server: Station
    let clientIP: IPv4Address
    let serverIP: IPv4Address
    let clientPort: UInt16
    let serverPort: UInt16
    var clientSequence: UInt32
    var serverSequence: UInt32
}

extension Network {
    private func segment(_ c: TCPConnection, fromClient: Bool, flags: FrameBuilder.TCPFlags, options: [UInt8] = [],
                         payload: [UInt8] = []) throws(SynthError) {
        let (s, d) = fromClient ? (c.client, c.server) : (c.server, c.client)
        let (sip, dip) = fromClient ? (c.clientIP, c.serverIP) : (c.serverIP, c.clientIP)
        let (sp, dp) = fromClient ? (c.clientPort, c.serverPort) : (c.serverPort, c.clientPort)
        let (seq, ack) = fromClient ? (c.clientSequence, c.serverSequence) : (c.serverSequence, c.clientSequence)
        let t = FrameBuilder.tcp4(src: sip, dst: dip, sourcePort: sp, destinationPort: dp, sequence: seq,
                                  acknowledgment: flags.contains(.ack) ? ack : 0, flags: flags, window: 64_240 >> (flags.contains(.syn) ? 0 : 8),
                                  options: options, payload: payload)
        try send(ipv4(from: s, toMAC: d.mac, src: sip, dst: dip, protocol: IPProtocol.tcp, t), from: s)
    }

    /// SYN (MSS 1460, window scale 8, SACK permitted), SYN-ACK, ACK.
    func tcpConnect(client: Station, clientIP: IPv4Address, server: Station, serverIP: IPv4Address, port: UInt16) throws(SynthError) -> TCPConnection {
        var c = TCPConnection(client: client, server: server, clientIP: clientIP, serverIP: serverIP,
                              clientPort: ephemeralPort(), serverPort: port, clientSequence: rng.u32(), serverSequence: rng.u32())
        let synOptions: [UInt8] = [2, 4, 0x05, 0xB4, 1, 3, 3, 8, 1, 1, 4, 2]
        try segment(c, fromClient: true, flags: .syn, options: synOptions)
        c.clientSequence &+= 1
        pause(milliseconds: 1)
        try segment(c, fromClient: false, flags: [.syn, .ack], options: synOptions)
        c.serverSequence &+= 1
        try segment(c, fromClient: true, flags: .ack)
        return c
    }

    /// Data from one side (split at the 1460-byte MSS), each segment acknowledged by the other side.
    func tcpSend(_ c: inout TCPConnection, fromClient: Bool, _ data: [UInt8]) throws(SynthError) {
        var offset = 0
        while offset < data.count {
            let chunk = Array(data[offset..<min(data.count, offset + 1460)])
            try segment(c, fromClient: fromClient, flags: [.psh, .ack], payload: chunk)
            if fromClient { c.clientSequence &+= UInt32(chunk.count) } else { c.serverSequence &+= UInt32(chunk.count) }
            offset += chunk.count
        }
        pause(milliseconds: 1)
        try segment(c, fromClient: !fromClient, flags: .ack)
    }

    /// FIN from the client, FIN-ACK from the server, final ACK.
    func tcpClose(_ c: inout TCPConnection) throws(SynthError) {
        try segment(c, fromClient: true, flags: [.fin, .ack])
        c.clientSequence &+= 1
        try segment(c, fromClient: false, flags: [.fin, .ack])
        c.serverSequence &+= 1
        try segment(c, fromClient: true, flags: .ack)
    }

    /// A plain-HTTP request answered with a redirect to HTTPS.
    func httpRedirect(client: Station, clientIP: IPv4Address, server: Station, serverIP: IPv4Address, host: String) throws(SynthError) {
        var c = try tcpConnect(client: client, clientIP: clientIP, server: server, serverIP: serverIP, port: 80)
        let request = "GET / HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\n"
            + "Accept: text/html\r\nConnection: close\r\n\r\n"
        try tcpSend(&c, fromClient: true, Array(request.utf8))
        let response = "HTTP/1.1 301 Moved Permanently\r\nServer: nginx\r\nLocation: https://\(host)/\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n"
        try tcpSend(&c, fromClient: false, Array(response.utf8))
        try tcpClose(&c)
    }

    /// A full TLS 1.2 handshake on 443, one application-data record each way and a close_notify.
    func tlsSession(client: Station, clientIP: IPv4Address, server: Station, serverIP: IPv4Address,
                    serverName: String, certificate: [UInt8], subject: String) throws(SynthError) {
        var c = try tcpConnect(client: client, clientIP: clientIP, server: server, serverIP: serverIP, port: 443)
        let clientRandom = rng.bytes(32)
        try tcpSend(&c, fromClient: true, TLS.clientHello(random: clientRandom, serverName: serverName))
        try tcpSend(&c, fromClient: false, TLS.serverFlight(clientRandom: clientRandom, serverRandom: rng.bytes(32),
                                                             sessionID: rng.bytes(32), certificate: certificate,
                                                             ephemeralKey: rng.bytes(32)))
        try tcpSend(&c, fromClient: true, TLS.clientFinish(ephemeralKey: rng.bytes(32), encryptedFinished: rng.bytes(40)))
        try tcpSend(&c, fromClient: false, TLS.serverFinish(encryptedFinished: rng.bytes(40)))
        try tcpSend(&c, fromClient: true, TLS.record(TLS.applicationData, rng.bytes(24 + 180)))
        try tcpSend(&c, fromClient: false, TLS.record(TLS.applicationData, rng.bytes(24 + 1200)))
        try tcpSend(&c, fromClient: true, TLS.record(TLS.alert, rng.bytes(26)))
        try tcpClose(&c)
        recordTLS(TruthTLSSession(clientMAC: client.mac, client: clientIP, server: serverIP, serverPort: 443, serverName: serverName,
                                  version: "TLS 1.2", cipherSuite: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                  certificateSubject: subject, certificateSHA256: hexString(SHA256.hash(certificate)),
                                  selfSigned: true))
    }
}
