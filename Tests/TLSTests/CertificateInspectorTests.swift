import Foundation
import Glibc
import Snapshot
import TestSupport
import XCTest
@testable import TLS

/// A throwaway lab PKI made with the `openssl` CLI in a temporary directory, once per test process:
/// root CA → intermediate → leaves (good, expired, RSA-1024/SHA-1, EC P-256), plus self-signed
/// EC and Ed25519 leaves. Shared by the TLS tests of this target.
final class TestPKI: @unchecked Sendable {
    static let openssl = "/usr/bin/openssl"
    private static let made: Result<TestPKI, Error> = Result { try TestPKI() }
    static func shared() throws -> TestPKI {
        guard FileManager.default.isExecutableFile(atPath: openssl) else { throw XCTSkip("openssl CLI missing (apt-get install -y openssl)") }
        return try made.get()
    }

    let dir: String
    var root: String { dir + "/root.pem" }
    var rootKey: String { dir + "/root.key" }
    var intermediate: String { dir + "/inter.pem" }
    /// Root and intermediate in one PEM file.
    var rootAndIntermediate: String { dir + "/root+inter.pem" }
    func cert(_ name: String) -> String { dir + "/\(name).pem" }
    func key(_ name: String) -> String { dir + "/\(name).key" }
    /// Leaf names: good, expired, weak, ec (signed by the intermediate); selfsigned, ed25519 (self-signed).
    static let leaves = ["good", "expired", "weak", "ec", "selfsigned", "ed25519"]

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ argv: [String]) throws -> String {
        let r = try Subprocess.run(argv, timeout: 60)
        guard r.status == .exited(0) else {
            throw CommandFailed(description: "\(argv.joined(separator: " ")): \(r.status)\n\(r.stderr)")
        }
        return r.stdout
    }

    /// Removes the PKI directories of test processes that are gone.
    private static func removeStale() {
        let tmp = NSTemporaryDirectory()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where entry.hasPrefix("netaudit-tlspki-") {
            let parts = entry.split(separator: "-")
            guard parts.count >= 3, let pid = pid_t(parts[2]), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: tmp + "/" + entry)
        }
    }

    private init() throws {
        Self.removeStale()
        dir = NSTemporaryDirectory() + "netaudit-tlspki-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cnf = dir + "/openssl.cnf"
        try """
        [req]
        distinguished_name = dn
        string_mask = utf8only
        [dn]
        [v3_root]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [v3_inter]
        basicConstraints = critical,CA:TRUE,pathlen:0
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [leaf_good]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:good.lab.test,DNS:www.good.lab.test,IP:127.0.0.1,IP:::1
        authorityKeyIdentifier = keyid
        [leaf_expired]
        basicConstraints = critical,CA:FALSE
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:expired.lab.test
        [leaf_weak]
        basicConstraints = critical,CA:FALSE
        subjectAltName = DNS:weak.lab.test
        [leaf_ec]
        basicConstraints = critical,CA:FALSE
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:ec.lab.test
        [leaf_self]
        basicConstraints = critical,CA:FALSE
        subjectAltName = DNS:self.lab.test
        [ca]
        default_ca = lab
        [lab]
        database = \(dir)/index.txt
        new_certs_dir = \(dir)
        serial = \(dir)/serial
        default_md = sha256
        policy = anything
        unique_subject = no
        [anything]
        commonName = supplied
        organizationName = optional
        """.write(toFile: cnf, atomically: true, encoding: .utf8)
        try "".write(toFile: dir + "/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: dir + "/serial", atomically: true, encoding: .utf8)

        let o = Self.openssl
        func genkey(_ name: String, _ args: [String]) throws { try Self.run([o, "genpkey"] + args + ["-out", dir + "/\(name).key"]) }
        func csr(_ name: String, _ subject: String) throws {
            try Self.run([o, "req", "-new", "-utf8", "-config", cnf, "-key", dir + "/\(name).key", "-subj", subject, "-out", dir + "/\(name).csr"])
        }
        func sign(_ name: String, by ca: String, ext: String, serial: String, days: String = "30", md: String = "-sha256") throws {
            try Self.run([o, "x509", "-req", "-in", dir + "/\(name).csr", "-CA", dir + "/\(ca).pem", "-CAkey", dir + "/\(ca).key",
                          "-set_serial", serial, "-days", days, md, "-extfile", cnf, "-extensions", ext, "-out", dir + "/\(name).pem"])
        }
        func selfSign(_ name: String, _ subject: String, ext: String, serial: String) throws {
            try Self.run([o, "req", "-x509", "-new", "-utf8", "-config", cnf, "-key", dir + "/\(name).key", "-subj", subject,
                          "-extensions", ext, "-set_serial", serial, "-days", "30", "-out", dir + "/\(name).pem"])
        }
        let rsa2048 = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
        let p256 = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]

        try genkey("root", rsa2048)
        try selfSign("root", "/O=netaudit lab/CN=netaudit Lab Root CA", ext: "v3_root", serial: "0x01")
        try genkey("inter", p256)
        try csr("inter", "/O=netaudit lab/CN=netaudit Lab Issuing CA 1")
        try sign("inter", by: "root", ext: "v3_inter", serial: "0x02", days: "365")
        try genkey("good", rsa2048)
        try csr("good", "/C=JP/O=netaudit lab, Inc./CN=good.lab.test")
        try sign("good", by: "inter", ext: "leaf_good", serial: "0x00C0FFEE1234")
        try genkey("expired", p256)
        try csr("expired", "/O=netaudit lab/CN=expired.lab.test")
        try Self.run([o, "ca", "-batch", "-notext", "-config", cnf, "-cert", intermediate, "-keyfile", dir + "/inter.key",
                      "-in", dir + "/expired.csr", "-startdate", "20200101000000Z", "-enddate", "20210101000000Z",
                      "-extfile", cnf, "-extensions", "leaf_expired", "-out", dir + "/expired.pem"])
        try genkey("weak", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        try csr("weak", "/O=netaudit lab/CN=weak.lab.test")
        try sign("weak", by: "root", ext: "leaf_weak", serial: "0x77", md: "-sha1")
        try genkey("ec", p256)
        try csr("ec", "/O=ネットワーク監査/CN=ec.lab.test")
        try sign("ec", by: "inter", ext: "leaf_ec", serial: "0x0ec")
        try genkey("selfsigned", p256)
        try selfSign("selfsigned", "/O=netaudit lab/CN=self.lab.test", ext: "leaf_self", serial: "0x5e1f")
        try genkey("ed25519", ["-algorithm", "ED25519"])
        try selfSign("ed25519", "/CN=ed25519.lab.test", ext: "leaf_self", serial: "0x25519")

        let both = try String(contentsOfFile: root, encoding: .utf8) + String(contentsOfFile: intermediate, encoding: .utf8)
        try both.write(toFile: rootAndIntermediate, atomically: true, encoding: .utf8)
    }

    /// The DER of a PEM certificate file (the first certificate in it).
    func der(_ pemPath: String) throws -> [UInt8] {
        let pem = try String(contentsOfFile: pemPath, encoding: .utf8)
        guard let begin = pem.range(of: "-----BEGIN CERTIFICATE-----"), let end = pem.range(of: "-----END CERTIFICATE-----") else {
            throw CommandFailed(description: "\(pemPath): no PEM certificate")
        }
        let base64 = pem[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(base64)) else { throw CommandFailed(description: "\(pemPath): bad base64") }
        return [UInt8](data)
    }

    /// `openssl x509 -noout ARGS -in PEM` output.
    func x509(_ pemPath: String, _ args: [String]) throws -> String {
        try Self.run([Self.openssl, "x509", "-noout", "-in", pemPath] + args)
    }
}

final class CertificateInspectorTests: XCTestCase {
    /// `key=value` from `openssl x509 -noout -subject …` style output.
    private func field(_ output: String, _ key: String) -> String? {
        for line in output.split(separator: "\n") where line.hasPrefix(key + "=") {
            return String(line.dropFirst(key.count + 1))
        }
        return nil
    }

    /// DNS and IP SANs from `openssl x509 -text` (which prints IPv6 uncompressed), normalised.
    private func sans(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let i = lines.firstIndex(where: { $0.hasPrefix("X509v3 Subject Alternative Name") }), i + 1 < lines.count else { return [] }
        return lines[i + 1].components(separatedBy: ", ").compactMap { entry -> String? in
            if entry.hasPrefix("DNS:") { return String(entry.dropFirst(4)) }
            guard entry.hasPrefix("IP Address:") else { return nil }
            let ip = String(entry.dropFirst(11))
            var v6 = in6_addr()
            guard ip.contains(":"), inet_pton(AF_INET6, ip, &v6) == 1 else { return ip }
            var buffer = [CChar](repeating: 0, count: 64)
            inet_ntop(AF_INET6, &v6, &buffer, 64)
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// "Nov 22 02:14:58 2026 GMT"-free form: `-dateopt iso_8601` gives "2026-11-22 02:14:58Z".
    private func isoDate(_ s: String) -> String { s.replacingOccurrences(of: " ", with: "T") }

    /// Every leaf: the facts that have a direct `openssl x509` counterpart agree with it.
    func testFactsAgreeWithOpenSSLCommandLine() throws {
        let pki = try TestPKI.shared()
        for name in TestPKI.leaves + ["root", "inter"] {
            let path = pki.cert(name)
            let facts = try CertificateInspector.inspect(der: try pki.der(path))
            let names = try pki.x509(path, ["-subject", "-issuer", "-nameopt", "RFC2253,-esc_msb"])
            XCTAssertEqual(facts.subject, field(names, "subject"), name)
            XCTAssertEqual(facts.issuer, field(names, "issuer"), name)
            XCTAssertEqual(facts.serial, field(try pki.x509(path, ["-serial"]), "serial"), name)
            let dates = try pki.x509(path, ["-startdate", "-enddate", "-dateopt", "iso_8601"])
            XCTAssertEqual(facts.notBefore.description, field(dates, "notBefore").map(isoDate), name)
            XCTAssertEqual(facts.notAfter.description, field(dates, "notAfter").map(isoDate), name)
            let fingerprint = try pki.x509(path, ["-fingerprint", "-sha256"])
            XCTAssertEqual(facts.sha256, field(fingerprint, "sha256 Fingerprint")?.replacingOccurrences(of: ":", with: "").lowercased(), name)
            let text = try pki.x509(path, ["-text"])
            XCTAssertTrue(text.contains("Signature Algorithm: \(facts.signatureAlgorithm)"), "\(name): \(facts.signatureAlgorithm)")
            if facts.keyType != "Ed25519" {
                XCTAssertTrue(text.contains("Public-Key: (\(facts.keyBits) bit)"), "\(name): \(facts.keyBits) bits")
            }
            if let curve = facts.curve { XCTAssertTrue(text.contains("ASN1 OID: \(curve)"), name) }
            XCTAssertEqual(facts.subjectAltNames, sans(text), name)
        }
    }

    func testGoodLeafFacts() throws {
        let pki = try TestPKI.shared()
        let c = try CertificateInspector.inspect(der: try pki.der(pki.cert("good")))
        XCTAssertEqual(c.subject, #"CN=good.lab.test,O=netaudit lab\, Inc.,C=JP"#)
        XCTAssertEqual(c.issuer, "CN=netaudit Lab Issuing CA 1,O=netaudit lab")
        XCTAssertEqual(c.serial, "C0FFEE1234")
        XCTAssertEqual(c.keyType, "RSA")
        XCTAssertEqual(c.keyBits, 2048)
        XCTAssertNil(c.curve)
        XCTAssertEqual(c.signatureAlgorithm, "ecdsa-with-SHA256")   // signed by the EC intermediate
        XCTAssertEqual(c.signatureHash, "sha256")
        XCTAssertEqual(c.subjectAltNames, ["good.lab.test", "www.good.lab.test", "127.0.0.1", "::1"])
        XCTAssertEqual(c.commonName, "good.lab.test")
        XCTAssertFalse(c.selfSigned)
        XCTAssertFalse(c.isCA)
        XCTAssertEqual(c.notAfter.seconds - c.notBefore.seconds, 30 * 86_400)
    }

    func testKeyAndSignatureKinds() throws {
        let pki = try TestPKI.shared()
        func inspect(_ name: String) throws -> TLSCertificate { try CertificateInspector.inspect(der: try pki.der(pki.cert(name))) }

        let weak = try inspect("weak")
        XCTAssertEqual(weak.keyType, "RSA")
        XCTAssertEqual(weak.keyBits, 1024)
        XCTAssertEqual(weak.signatureAlgorithm, "sha1WithRSAEncryption")
        XCTAssertEqual(weak.signatureHash, "sha1")

        let ec = try inspect("ec")
        XCTAssertEqual(ec.keyType, "EC")
        XCTAssertEqual(ec.keyBits, 256)
        XCTAssertEqual(ec.curve, "prime256v1")
        XCTAssertEqual(ec.subject, "CN=ec.lab.test,O=ネットワーク監査")   // UTF-8 kept, not \XX-escaped

        let ed = try inspect("ed25519")
        XCTAssertEqual(ed.keyType, "Ed25519")
        XCTAssertEqual(ed.signatureAlgorithm, "ED25519")
        XCTAssertNil(ed.signatureHash)
        XCTAssertTrue(ed.selfSigned)

        let selfSigned = try inspect("selfsigned")
        XCTAssertTrue(selfSigned.selfSigned)
        XCTAssertFalse(selfSigned.isCA)
        XCTAssertEqual(selfSigned.signatureAlgorithm, "ecdsa-with-SHA256")

        let root = try inspect("root")
        XCTAssertTrue(root.selfSigned)
        XCTAssertTrue(root.isCA)
        let inter = try inspect("inter")
        XCTAssertFalse(inter.selfSigned)
        XCTAssertTrue(inter.isCA)

        let expired = try inspect("expired")
        XCTAssertEqual(expired.notBefore.description, "2020-01-01T00:00:00Z")
        XCTAssertEqual(expired.notAfter.description, "2021-01-01T00:00:00Z")
    }

    /// Issuer and subject equal but the signature is not the certificate's own: not self-signed.
    func testSameNameDifferentKeyIsNotSelfSigned() throws {
        let pki = try TestPKI.shared()
        let dir = pki.dir
        let cnf = dir + "/openssl.cnf"
        // A certificate whose issuer name equals its subject (the root's), signed by the root's key
        // but carrying another key: X509_check_issued passes on names, the signature check must fail.
        try TestPKI.run([TestPKI.openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", dir + "/twin.key"])
        try TestPKI.run([TestPKI.openssl, "req", "-new", "-config", cnf, "-key", dir + "/twin.key",
                         "-subj", "/O=netaudit lab/CN=netaudit Lab Root CA", "-out", dir + "/twin.csr"])
        try TestPKI.run([TestPKI.openssl, "x509", "-req", "-in", dir + "/twin.csr", "-CA", pki.root, "-CAkey", pki.rootKey,
                         "-set_serial", "9", "-days", "5", "-out", dir + "/twin.pem"])
        let twin = try CertificateInspector.inspect(der: try pki.der(dir + "/twin.pem"))
        XCTAssertEqual(twin.subject, twin.issuer)
        XCTAssertFalse(twin.selfSigned)
    }

    func testRejectsGarbageAndTrailingBytes() throws {
        let pki = try TestPKI.shared()
        XCTAssertThrowsError(try CertificateInspector.inspect(der: [])) { error in
            guard case .protocolError = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try CertificateInspector.inspect(der: Array("not a certificate".utf8)))
        let good = try pki.der(pki.cert("good"))
        XCTAssertThrowsError(try CertificateInspector.inspect(der: good + [0]))
        XCTAssertThrowsError(try CertificateInspector.inspect(der: Array(good.dropLast())))
        XCTAssertNoThrow(try CertificateInspector.inspect(der: good))
    }
}
