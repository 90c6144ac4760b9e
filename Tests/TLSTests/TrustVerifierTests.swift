import Foundation
import Snapshot
import XCTest
@testable import TLS

final class TrustVerifierTests: XCTestCase {
    private var now: Int { Int(Date().timeIntervalSince1970) }

    private func chain(_ pki: TestPKI, _ names: [String]) throws -> [[UInt8]] {
        try names.map { name in
            switch name {
            case "inter": try pki.der(pki.intermediate)
            case "root": try pki.der(pki.root)
            default: try pki.der(pki.cert(name))
            }
        }
    }

    func testGoodChainWithLabRootIsVerified() throws {
        let pki = try TestPKI.shared()
        let store = TrustStore.file(pki.root, includeSystem: false)
        let t = TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: "good.lab.test", store: store, at: now)
        XCTAssertTrue(t.verified, "\(t)")
        XCTAssertNil(t.error)
        XCTAssertNil(t.errorCode)
        XCTAssertEqual(t.hostnameMatches, true)
        XCTAssertEqual(t.checkedName, "good.lab.test")
        XCTAssertTrue(t.chainComplete)
        XCTAssertFalse(t.selfSigned)
        XCTAssertEqual(t.store, pki.root)

        for name in ["www.good.lab.test", "127.0.0.1", "::1", "[::1]", "GOOD.lab.test"] {
            XCTAssertEqual(TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: name, store: store, at: now).hostnameMatches,
                           true, name)
        }
        XCTAssertNil(TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: nil, store: store, at: now).hostnameMatches)
    }

    func testHostnameMismatchIsIndependentOfChain() throws {
        let pki = try TestPKI.shared()
        let store = TrustStore.file(pki.root, includeSystem: false)
        for name in ["other.lab.test", "lab.test", "x.good.lab.test", "127.0.0.2", "::2"] {
            let t = TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: name, store: store, at: now)
            XCTAssertTrue(t.verified, name)
            XCTAssertEqual(t.hostnameMatches, false, name)
            XCTAssertEqual(t.checkedName, name)
        }
        // …and a matching name on a chain that fails verification still matches.
        let expired = TrustVerifier.verify(chain: try chain(pki, ["expired", "inter"]), name: "expired.lab.test", store: store, at: now)
        XCTAssertFalse(expired.verified)
        XCTAssertEqual(expired.hostnameMatches, true)
    }

    func testLeafOnlyIsIncompleteUnlessStoreHasIntermediate() throws {
        let pki = try TestPKI.shared()
        let t = TrustVerifier.verify(chain: try chain(pki, ["good"]), name: "good.lab.test",
                                     store: .file(pki.root, includeSystem: false), at: now)
        XCTAssertFalse(t.verified)
        XCTAssertEqual(t.error, "unable to get local issuer certificate")
        XCTAssertEqual(t.errorCode, 20)
        XCTAssertFalse(t.chainComplete)
        XCTAssertEqual(t.hostnameMatches, true)

        let supplied = TrustVerifier.verify(chain: try chain(pki, ["good"]), name: "good.lab.test",
                                            store: .file(pki.rootAndIntermediate, includeSystem: false), at: now)
        XCTAssertTrue(supplied.verified, "\(supplied)")
        XCTAssertTrue(supplied.chainComplete)
    }

    func testSelfSignedIsNotVerified() throws {
        let pki = try TestPKI.shared()
        let t = TrustVerifier.verify(chain: try chain(pki, ["selfsigned"]), name: "self.lab.test",
                                     store: .file(pki.root, includeSystem: false), at: now)
        XCTAssertFalse(t.verified)
        XCTAssertTrue(t.selfSigned)
        XCTAssertEqual(t.errorCode, 18)   // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        XCTAssertEqual(t.error, "self-signed certificate")
        XCTAssertTrue(t.chainComplete)
        XCTAssertEqual(t.hostnameMatches, true)
    }

    func testExpiredAndNotYetValid() throws {
        let pki = try TestPKI.shared()
        let store = TrustStore.file(pki.root, includeSystem: false)
        let expired = TrustVerifier.verify(chain: try chain(pki, ["expired", "inter"]), name: nil, store: store, at: now)
        XCTAssertFalse(expired.verified)
        XCTAssertEqual(expired.error, "certificate has expired")
        XCTAssertEqual(expired.errorCode, 10)
        XCTAssertTrue(expired.chainComplete)

        // The verification time is injected: the same good chain, 40 days on and a day before.
        let good = try chain(pki, ["good", "inter"])
        let later = TrustVerifier.verify(chain: good, name: nil, store: store, at: now + 40 * 86_400)
        XCTAssertEqual(later.error, "certificate has expired")
        let earlier = TrustVerifier.verify(chain: good, name: nil, store: store, at: now - 86_400)
        XCTAssertEqual(earlier.error, "certificate is not yet valid")
        XCTAssertEqual(earlier.errorCode, 9)
        // The expired leaf was valid in 2020.
        XCTAssertEqual(TrustVerifier.verify(chain: try chain(pki, ["expired", "inter"]), name: nil, store: store,
                                            at: 1_600_000_000).error, "certificate is not yet valid")   // the intermediate is new
    }

    func testSystemStoreDoesNotTrustLabRoot() throws {
        let pki = try TestPKI.shared()
        guard FileManager.default.fileExists(atPath: TrustStore.systemBundlePath) else { throw XCTSkip("no system CA bundle") }
        let t = TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: "good.lab.test", store: .system, at: now)
        XCTAssertFalse(t.verified)
        XCTAssertEqual(t.errorCode, 20)
        XCTAssertEqual(t.store, "system")
        XCTAssertTrue(t.chainComplete, "the server sent the leaf's issuer: an unknown root is not a missing intermediate")

        let both = TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: "good.lab.test",
                                        store: .file(pki.root, includeSystem: true), at: now)
        XCTAssertTrue(both.verified, "\(both)")
        XCTAssertEqual(both.store, "system+\(pki.root)")

        // A store loaded once gives the same verdicts.
        let loaded = try LoadedTrustStore(.file(pki.root, includeSystem: true))
        for (names, verified) in [(["good", "inter"], true), (["good"], false), (["selfsigned"], false)] {
            let t = TrustVerifier.verify(chain: try chain(pki, names), name: "good.lab.test", loaded: loaded, at: now)
            XCTAssertEqual(t, TrustVerifier.verify(chain: try chain(pki, names), name: "good.lab.test",
                                                   store: .file(pki.root, includeSystem: true), at: now))
            XCTAssertEqual(t.verified, verified, "\(names)")
        }
    }

    func testUnloadableStoreIsAnErrorNotUntrusted() throws {
        let pki = try TestPKI.shared()
        let missing = TrustStore.file(pki.dir + "/no-such-ca.pem", includeSystem: false)
        let t = TrustVerifier.verify(chain: try chain(pki, ["good", "inter"]), name: "good.lab.test", store: missing, at: now)
        XCTAssertFalse(t.verified)
        XCTAssertNil(t.errorCode)
        XCTAssertTrue(t.error?.contains("no-such-ca.pem: No such file or directory") ?? false, t.error ?? "nil")
        XCTAssertThrowsError(try missing.check()) { error in
            guard case .system(let text) = error as? TLSProbeError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasPrefix("trust store "), text)
        }
        let empty = pki.dir + "/empty.pem"
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TrustStore.file(empty, includeSystem: false).check())
        XCTAssertNoThrow(try TrustStore.file(pki.root, includeSystem: false).check())
    }

    func testDegenerateChains() throws {
        let pki = try TestPKI.shared()
        let store = TrustStore.file(pki.root, includeSystem: false)
        let empty = TrustVerifier.verify(chain: [], name: "x", store: store, at: now)
        XCTAssertFalse(empty.verified)
        XCTAssertFalse(empty.chainComplete)
        XCTAssertEqual(empty.hostnameMatches, false)
        let garbage = TrustVerifier.verify(chain: [[1, 2, 3]], name: nil, store: store, at: now)
        XCTAssertFalse(garbage.verified)
        // Junk after the leaf is ignored; the real intermediate still builds the path.
        let junk = TrustVerifier.verify(chain: try chain(pki, ["good"]) + [[0x30, 0x00]] + (try chain(pki, ["inter"])),
                                        name: nil, store: store, at: now)
        XCTAssertTrue(junk.verified, "\(junk)")
        XCTAssertEqual(TrustStore.system.description, "system")
        XCTAssertEqual(TrustStore.file("/x.pem", includeSystem: false).description, "/x.pem")
        XCTAssertEqual(TrustStore.file("/x.pem", includeSystem: true).description, "system+/x.pem")
    }

    /// Many verifications at once (the scanner runs endpoints on many threads).
    func testConcurrentVerification() throws {
        let pki = try TestPKI.shared()
        let good = try chain(pki, ["good", "inter"])
        let store = TrustStore.file(pki.root, includeSystem: false)
        let t = now
        let verified = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 32) { _ in
            if TrustVerifier.verify(chain: good, name: "good.lab.test", store: store, at: t).verified { verified.increment() }
        }
        XCTAssertEqual(verified.value, 32)
    }

    /// Every OpenSSL object is freed: thousands of inspections and verifications (success and
    /// failure paths) leave the resident set about where it was.
    func testNoLeaksOverManyCalls() throws {
        let pki = try TestPKI.shared()
        let good = try chain(pki, ["good", "inter"]), leafOnly = try chain(pki, ["good"]), selfSigned = try chain(pki, ["selfsigned"])
        let store = TrustStore.file(pki.rootAndIntermediate, includeSystem: false)
        let missing = TrustStore.file(pki.dir + "/missing.pem", includeSystem: false)
        func rssKiB() -> Int {
            let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "0 0"
            return (Int(statm.split(separator: " ")[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
        }
        func round(_ n: Int) throws {
            for i in 0..<n {
                _ = try CertificateInspector.inspect(der: good[i % 2])
                _ = try? CertificateInspector.inspect(der: Array(good[0].dropLast()))
                _ = TrustVerifier.verify(chain: [good, leafOnly, selfSigned][i % 3], name: i % 2 == 0 ? "good.lab.test" : "127.0.0.1",
                                         store: store, at: now)
                _ = TrustVerifier.verify(chain: good, name: nil, store: missing, at: now)
            }
        }
        try round(300)   // warm-up: allocator pools, OpenSSL's lazily built tables
        let before = rssKiB()
        try round(3000)
        let grown = rssKiB() - before
        XCTAssertLessThan(grown, 6 * 1024, "resident set grew by \(grown) KiB over 3000 rounds")
    }
}
