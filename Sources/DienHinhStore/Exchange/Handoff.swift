import Foundation

/// Work passed from one thread to another through a short queue: the producer waits when the queue is full,
/// the consumer when it is empty. A large import checks rows on one core while SQLite writes the rows already
/// checked on the other.
final class Handoff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// Queues an item; false once the consumer has given up, so the producer can stop early.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, or nil once the producer has closed the queue and it is empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The producer is done.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer is done: whatever is queued or still to come is dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `produce` on another thread, hands what it puts to `consume` on this one, and returns what `produce`
    /// returns once it has finished. If `consume` throws, the producer is told to stop and is waited for, so
    /// nothing it reads outlives the call.
    static func run<Result>(capacity: Int, produce: @escaping @Sendable (Handoff<Item>) -> Result,
                            consume: (Item) throws -> Void) throws -> Result {
        let handoff = Handoff<Item>(capacity: capacity)
        let producer = onAnotherThread {
            defer { handoff.close() }
            return produce(handoff)
        }
        do {
            while let item = handoff.take() { try consume(item) }
        } catch {
            handoff.cancel()
            _ = producer()
            throw error
        }
        return producer()
    }

    /// The other way round: `produce` runs on this thread (it may use this thread's database connection) and
    /// `consume` on another, whose result is returned once the queue is drained. If `produce` throws, the consumer
    /// is stopped and waited for before the error goes on.
    static func run<Result>(capacity: Int, consumeElsewhere consume: @escaping @Sendable (Handoff<Item>) -> Result,
                            produceHere produce: (Handoff<Item>) throws -> Void) throws -> Result {
        let handoff = Handoff<Item>(capacity: capacity)
        let consumer = onAnotherThread { consume(handoff) }
        do {
            try produce(handoff)
        } catch {
            handoff.cancel()
            handoff.close()
            _ = consumer()
            throw error
        }
        handoff.close()
        return consumer()
    }

    /// Starts `body` on a thread of its own; the function returned waits for it and gives its result.
    private static func onAnotherThread<Result>(_ body: @escaping @Sendable () -> Result) -> () -> Result {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Result>()
        Thread.detachNewThread {
            box.value = body()
            done.signal()
        }
        return {
            done.wait()
            // Signalled once: later calls find the value already there.
            done.signal()
            return box.value!
        }
    }
}

/// Carries the producer's result back; the semaphore orders the write before the read.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
