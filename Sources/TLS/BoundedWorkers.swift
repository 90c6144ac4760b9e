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
        let results = Mutex([Result?](repeating: nil, count: items.count))
        let group = DispatchGroup()
        let threads = min(width, items.count)
        for _ in 0..<threads {
            group.enter()
            let thread = Thread {
                while true {
                    let index: Int = next.withLock { value in
                        defer { value += 1 }
                        return value
                    }
                    guard index < items.count else { break }
                    let result = body(items[index])
                    results.withLock { $0[index] = result }
                }
                group.leave()
            }
            // Jobs block in poll(2), not in deep recursion: a small stack keeps 100+ workers cheap.
            thread.stackSize = 512 * 1024
            thread.start()
        }
        group.wait()
        return results.withLock { $0.map { $0! } }
    }
}
