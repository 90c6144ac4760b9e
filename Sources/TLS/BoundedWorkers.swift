import Foundation
import Synchronization

/// Runs blocking jobs on at most `width` dedicated threads and returns their results in input order.
///
/// Probing is blocking socket I/O bounded by deadlines; running it on Swift concurrency's
/// cooperative pool (one thread per core, two here) would serialise the waits, so each job gets
/// a real thread for as long as it blocks. Width bounds both threads and open sockets.
enum BoundedWorkers {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], width: Int,
                                                      _ body: @escaping @Sendable (Item) -> Result) -> [Result] {
        if items.isEmpty { return [] }
        if items.count == 1 || width <= 1 { return items.map(body) }
        let next = Mutex(0)
        let results = Mutex((slots: [Result?](repeating: nil, count: items.count), done: 0))
        // Completion is counted per item, not per thread: a thread that never started claimed no
        // item, so nothing waits for it (Foundation on Linux does not report a failed pthread_create).
        let finished = DispatchSemaphore(value: 0)
        let work: @Sendable () -> Void = {
            while true {
                let index: Int = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < items.count else { break }
                let result = body(items[index])
                let complete = results.withLock { state -> Bool in
                    state.slots[index] = result
                    state.done += 1
                    return state.done == items.count
                }
                if complete { finished.signal() }
            }
        }
        for _ in 1..<min(width, items.count) {
            let thread = Thread { work() }
            // Jobs block in poll(2), not in deep recursion: a small stack keeps 100+ workers cheap.
            thread.stackSize = 512 * 1024
            thread.start()
        }
        work()   // the caller works too
        finished.wait()
        return results.withLock { $0.slots.map { $0! } }
    }
}
