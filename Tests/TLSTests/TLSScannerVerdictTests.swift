import Capture
import Foundation
import Glibc
import Snapshot
@testable import TLS
import XCTest

/// The scanner's verdicts on servers that do not give a TLS answer (127.0.0.1 only): an endpoint
/// whose every hello is met by a closed connection, or by silence, is an error, never a clean pass;
/// a closed port is unreachable.
final class TLSScannerVerdictTests: XCTestCase {
    private func scanner(timeout: Duration = .milliseconds(400)) -> TLSScanner {
        var options = TLSScanOptions(verifyTime: 1_767_603_600)
        options.connectTimeout = timeout
        options.readTimeout = timeout
        options.retries = 0
        return TLSScanner(options: options)
    }

    func testAServerThatClosesEveryConnectionIsAnErrorNotAPass() throws {
        let listener = try LoopbackListener(handler: { _ in })   // the listener closes each connection at once
        defer { listener.stop() }
        let endpoint = scanner().probe(TLSTarget(host: "127.0.0.1", address: "127.0.0.1", port: listener.port))
        XCTAssertEqual(endpoint.status, .error, "\(endpoint)")
        XCTAssertTrue(endpoint.acceptedProtocols.isEmpty)
        XCTAssertNotNil(endpoint.error)
    }

    func testAServerThatNeverAnswersIsAnErrorWithTheUnansweredHellosNamed() throws {
        // Accepts and holds every connection for 1.5 s without a byte: every hello times out (400 ms).
        let listener = try LoopbackListener(handler: { _ in usleep(1_500_000) })
        defer { listener.stop() }
        let endpoint = scanner().probe(TLSTarget(host: "127.0.0.1", address: "127.0.0.1", port: listener.port))
        XCTAssertEqual(endpoint.status, .error, "\(endpoint)")
        XCTAssertTrue(endpoint.error?.contains("no answer") ?? false, endpoint.error ?? "nil")
    }

    func testAStopEndsTheScanWithinOneTimeoutAndMarksTheRestInterrupted() throws {
        let listener = try LoopbackListener(handler: { _ in usleep(3_000_000) })   // silent for 3 s
        defer { listener.stop() }
        let stop = StopSignal()
        var options = TLSScanOptions(verifyTime: 1_767_603_600)
        options.connectTimeout = .seconds(1)
        options.readTimeout = .seconds(1)
        options.retries = 0
        options.endpointWidth = 2
        options.stop = stop
        let targets = (0..<20).map { TLSTarget(host: "t\($0)", address: "127.0.0.1", port: listener.port) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { stop.stop() }
        let started = ContinuousClock.now
        let endpoints = TLSScanner(options: options).scan(targets)
        let elapsed = ContinuousClock.now - started
        // Unstopped this takes 10 rounds of a 1 s timeout; stopped, the rounds in flight finish and nothing new starts.
        XCTAssertLessThan(elapsed, .seconds(4), "\(elapsed)")
        XCTAssertEqual(endpoints.count, 20)
        XCTAssertTrue(endpoints.allSatisfy { $0.status == .error })
        XCTAssertGreaterThanOrEqual(endpoints.filter { $0.error?.hasPrefix("interrupted") ?? false }.count, 18)
    }

    func testAClosedPortIsUnreachable() throws {
        let listener = try LoopbackListener(handler: nil)
        let port = listener.port
        listener.stop()
        let endpoint = scanner().probe(TLSTarget(host: "127.0.0.1", address: "127.0.0.1", port: port))
        XCTAssertEqual(endpoint.status, .unreachable)
    }
}
