import Capture
import Foundation
import Inventory
import NetAddress
import Snapshot
import TLS
import Wireless

/// Reads the capture inputs into a snapshot; shared by `inventory` and `audit`.
struct PassiveRun {
    var snapshot: Snapshot
    /// Located problems with inputs (damaged or unreadable files), already formatted.
    var problems: [String]
    var inputDamaged: Bool

    /// With `wireless`, 802.11 management frames in the same captures are also folded into
    /// `snapshot.wireless` by a `WirelessObserver` (set only when the captures held any).
    /// With `tls`, TLS handshakes are followed per TCP flow into `snapshot.tls` (versions and
    /// suites negotiated, SNI, certificates), so an audit of a capture judges TLS without probing.
    static func collect(_ options: CaptureOptions, wireless: Bool = false, tls: Bool = false) throws -> PassiveRun {
        let observer = InventoryObserver()
        let radio = wireless ? WirelessObserver() : nil
        let handshakes = tls ? PassiveTLSObserver() : nil
        let observers: [any FrameObserver] = [observer] + (radio.map { [$0] } ?? []) + (handshakes.map { [$0] } ?? [])
        let stop = StopSignal()
        stop.install()
        var session = CaptureSession()
        session.filter = options.filter
        session.maxPackets = options.count
        session.duration = options.duration
        session.stop = stop
        let bar = ProgressBar()
        session.progress = { done, total in bar.update(done: done, total: total) }

        var reports: [SourceReport]
        if let interface = options.interface {
            var live = LiveCaptureOptions(interface: interface)
            live.promiscuous = options.promisc
            live.snaplen = options.snaplen
            let source: PacketSource
            do {
                source = try PacketSource.openLive(live)
                if let filter = options.filter { try source.setFilter(filter) }
                if let user = options.user { try PrivilegeDrop.drop(to: user) }
            } catch let e as CaptureError {
                throw NetauditError(e.message, code: e.kind == .input ? .usage : .runtime)
            }
            FileHandle.standardError.write(Data("netaudit: capturing on \(interface) (\(source.linkTypeName)); Ctrl-C to stop\n".utf8))
            reports = [session.readLive(source, observers: observers)]
        } else {
            // A bad filter is a usage error for every file alike: check it once, up front.
            if let filter = options.filter { try checkFilter(filter) }
            reports = session.readFiles(options.pcap, observers: observers)
        }
        bar.finish()

        let records = try SourceRecords(reports)
        var problems = records.problems
        let damaged = records.damaged
        let sources = records.sources

        let vendors: VendorRegistry
        do {
            vendors = try VendorRegistry(directory: options.ouiDir, for: observer.observedMACs)
        } catch {
            problems.append("warning: \((error as NSError).localizedDescription); vendors left blank")
            vendors = VendorRegistry()
        }
        var snapshot = observer.snapshot(sources: sources, vendors: vendors, generatedAt: Timestamp(nanoseconds: ReportClock.now()))
        if let radio, radio.managementFrames > 0 { snapshot.wireless = radio.snapshot() }
        if let handshakes {
            let endpoints = handshakes.endpoints()
            if !endpoints.isEmpty { snapshot.tls = TLSSnapshot(endpoints: endpoints) }
        }
        return PassiveRun(snapshot: snapshot, problems: problems, inputDamaged: damaged)
    }

    static func checkFilter(_ expression: String) throws {
        do { try BPFCheck.compile(expression) } catch let e as CaptureError { throw NetauditError.usage(e.message) }
    }
}
