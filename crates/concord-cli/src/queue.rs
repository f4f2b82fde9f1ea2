//! The job queue between the thread that reads a filter's input and the threads that prepare
//! its items (see `filters::in_parallel_order`).
//!
//! Why not `std::sync::mpsc::sync_channel`: with a bounded channel, a reader that runs ahead
//! (parsing a JSON line costs a few µs, analyzing the article some tens) finds the channel full,
//! and from then on every item a worker takes wakes the reader for one more item and puts it to
//! sleep again. On 2 CPUs that was 2.5 thread switches an article and about a tenth of the run's
//! CPU time in the kernel. This queue wakes a waiting reader only once the queue is down to half,
//! so the reader refills it in one go; a waiting worker is still woken by every item, so an item
//! of a slow input (a live feed) is prepared as soon as it is read.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

pub(crate) struct WorkQueue<T> {
    state: Mutex<State<T>>,
    /// Items arrived, or the queue closed or was abandoned.
    takers: Condvar,
    /// Room made, or the queue was abandoned.
    giver: Condvar,
    cap: usize,
}

struct State<T> {
    items: VecDeque<T>,
    /// The reader is done: takers end once the queue is empty.
    closed: bool,
    /// Processing stopped: pending items are dropped and pushes refused.
    abandoned: bool,
    takers_waiting: usize,
    giver_waiting: bool,
}

/// The queue was abandoned: the item was not queued.
#[derive(Debug)]
pub(crate) struct Abandoned;

impl<T> WorkQueue<T> {
    pub(crate) fn new(cap: usize) -> Self {
        WorkQueue {
            state: Mutex::new(State {
                items: VecDeque::with_capacity(cap.max(1)),
                closed: false,
                abandoned: false,
                takers_waiting: 0,
                giver_waiting: false,
            }),
            takers: Condvar::new(),
            giver: Condvar::new(),
            cap: cap.max(1),
        }
    }

    /// A panic on another thread while it held the lock leaves the state consistent (every
    /// change below is a single step), so a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues `item`. When the queue is full, first waits until it is down to half.
    pub(crate) fn push(&self, item: T) -> Result<(), Abandoned> {
        let mut s = self.lock();
        if s.items.len() >= self.cap {
            // Full: wait until the queue is down to half (see `made_room`).
            while !s.abandoned && s.items.len() > self.cap / 2 {
                s.giver_waiting = true;
                s = self.giver.wait(s).unwrap_or_else(|p| p.into_inner());
            }
            s.giver_waiting = false;
        }
        if s.abandoned {
            return Err(Abandoned);
        }
        s.items.push_back(item);
        if s.takers_waiting > 0 {
            self.takers.notify_one();
        }
        Ok(())
    }

    /// No more items will come.
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.takers.notify_all();
    }

    /// Stops processing: queued items are dropped, the reader's next push fails and takers
    /// get nothing more.
    pub(crate) fn abandon(&self) {
        let mut s = self.lock();
        s.abandoned = true;
        s.items.clear();
        drop(s);
        self.giver.notify_all();
        self.takers.notify_all();
    }

    /// Every item waiting, up to `max` (at least one), waiting for one if there is none; empty
    /// once the queue is closed and drained, or abandoned.
    pub(crate) fn take(&self, max: usize) -> Vec<T> {
        let mut s = self.lock();
        while s.items.is_empty() && !s.closed && !s.abandoned {
            s.takers_waiting += 1;
            s = self.takers.wait(s).unwrap_or_else(|p| p.into_inner());
            s.takers_waiting -= 1;
        }
        let n = s.items.len().min(max.max(1));
        let taken: Vec<T> = s.items.drain(..n).collect();
        self.made_room(&s);
        taken
    }

    /// One waiting item, if there is one, without waiting.
    pub(crate) fn try_take_one(&self) -> Option<T> {
        let mut s = self.lock();
        let item = s.items.pop_front();
        self.made_room(&s);
        item
    }

    /// Wakes the reader when it waits and the queue is down to half: it then refills the queue
    /// in one go instead of an item per wake-up.
    fn made_room(&self, s: &State<T>) {
        if s.giver_waiting && s.items.len() <= self.cap / 2 {
            self.giver.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_in_order_and_takers_end_after_close() {
        let q = WorkQueue::new(4);
        let got = std::thread::scope(|scope| {
            let taker = scope.spawn(|| {
                let mut got = Vec::new();
                loop {
                    let batch = q.take(3);
                    if batch.is_empty() {
                        return got;
                    }
                    assert!(batch.len() <= 3);
                    got.extend(batch);
                }
            });
            for i in 0..100 {
                q.push(i).expect("not abandoned");
            }
            q.close();
            taker.join().expect("taker")
        });
        assert_eq!(got, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn a_full_queue_makes_the_reader_wait_until_half_is_taken() {
        let q = WorkQueue::new(4);
        for i in 0..4 {
            q.push(i).expect("room");
        }
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| q.push(4));
            while !q.lock().giver_waiting {
                std::thread::yield_now();
            }
            // Taking one leaves 3 of 4: the reader keeps waiting.
            assert_eq!(q.try_take_one(), Some(0));
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(
                !reader.is_finished(),
                "woken before the queue was down to half"
            );
            assert_eq!(q.take(1), vec![1]);
            reader.join().expect("reader").expect("pushed");
        });
        assert_eq!(q.take(10), vec![2, 3, 4]);
    }

    #[test]
    fn abandoning_frees_a_waiting_reader_and_taker() {
        let q = WorkQueue::new(1);
        q.push(0).expect("room");
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| q.push(1));
            while !q.lock().giver_waiting {
                std::thread::yield_now();
            }
            q.abandon();
            assert!(reader.join().expect("reader").is_err());
        });
        // Nothing is handed out after abandoning, and takers do not wait.
        assert!(q.take(5).is_empty());
        assert_eq!(q.try_take_one(), None);
    }
}
