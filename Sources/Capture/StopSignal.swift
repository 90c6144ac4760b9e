import Dispatch
import Glibc
import Synchronization

/// Turns SIGINT/SIGTERM into a clean stop: the read loop returns `.stopped`, and
/// the caller still writes its output. A second signal restores the default
/// action, so an impatient user can always kill the process.
public final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let current = Mutex<PacketSource?>(nil)
    // Written once by install() before any signal can arrive; kept only to keep the sources alive.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Installs handlers for the given signals (SIGINT and SIGTERM by default).
    public func install(signals: [Int32] = [SIGINT, SIGTERM]) {
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                if self.isStopped { signal(sig, SIG_DFL); raise(sig); return }
                self.stop()
            }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    public var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Requests a stop and interrupts the attached source's blocking read.
    public func stop() {
        stopped.store(true, ordering: .releasing)
        current.withLock { $0?.breakLoop() }
    }

    func attach(_ source: PacketSource) { current.withLock { $0 = source } }
    func detach() { current.withLock { $0 = nil } }
}
