package rnn4j.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import rnn4j.base.Check;

/**
 * The kernels' thread team: a fixed set of persistent daemon workers plus the calling thread, handed work through a
 * shared task counter.
 *
 * <p>Workers spin for a while after each job and then park, as an OpenMP team does: a recurrent layer issues one small
 * product per time step, and a fork/join hand-off (8–40 µs) costs more than the product itself, while a spinning
 * worker picks up a new job in well under a microsecond. Tasks are claimed dynamically, so a core busy with another
 * process delays nothing but its own task. Kernels split only their <em>output</em> into tasks, never a reduction, so
 * results are bit-identical for every thread count.
 *
 * <p>A call made while the team is busy (from inside a task, or from a second application thread) runs its tasks
 * inline on the calling thread.
 */
public final class Parallel {
    private Parallel() {}

    /**
     * How long an idle worker spins before parking: it covers the serial stretches of a training step (allocating
     * and zeroing a workspace, the loss), not only the gap between two steps of a recurrent layer. Waking a parked
     * worker cost the caller 120-240 µs per unpark on these virtual machines, besides the worker's own wake-up.
     * With 200 µs here a W1 training step parked and woke it about 20 times (612 unparks, 0.15 s of the caller's
     * time in 30 steps) and a W2 step about 100; with 20 ms, 27 and 34 unparks in all, and W1 ran faster in 9 of 11
     * alternating runs (median ratio 1.06). Intel's OpenMP spins 200 ms by default. Past the first 50 µs the spin
     * yields its core at every check: spinning hard, the worker kept the JIT compiler and GC threads off one of the
     * two cores, and the core test suite took 39 s instead of 30-33.
     */
    private static final long SPIN_NANOS = 20_000_000;
    /**
     * How long the caller spins for a task still running elsewhere before it starts yielding its core; an idle worker
     * yields after as long.
     */
    private static final long YIELD_AFTER_NANOS = 50_000;

    private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static Team team;

    /** Threads the kernels use (workers plus the caller); defaults to {@link Runtime#availableProcessors()}. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads the kernels use from now on (1 = everything on the calling thread). */
    public static synchronized void setThreads(int count) {
        Check.argument(count >= 1, "Parallel.setThreads: count must be >= 1, got %s", count);
        if (count != threads) {
            threads = count;
            if (team != null) {
                team.shutdown();
                team = null;
            }
        }
    }

    /**
     * Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)}, spread over {@link #threads()} threads,
     * and returns when all are done. Tasks must write disjoint outputs; their order is unspecified. The first
     * exception thrown by a task is rethrown here after the others have finished.
     */
    public static void forEach(int tasks, IntConsumer body) {
        Check.argument(tasks >= 0, "Parallel.forEach: tasks must be >= 0, got %s", tasks);
        if (tasks == 0) {
            return;
        }
        Team t = tasks > 1 && threads > 1 ? team() : null;
        if (t == null || !t.busy.compareAndSet(false, true)) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            t.run(tasks, body);
        } finally {
            t.busy.set(false);
        }
    }

    /** Work on elements {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Elements per chunk of {@link #forChunks}: a chunk is worth a hand-off (~1 µs) when it takes tens of µs. */
    public static final int CHUNK = 1 << 15;

    /**
     * Runs {@code body} over {@code [0, n)} cut into chunks of {@link #CHUNK} elements (the last one shorter), spread
     * over the team. The cut depends only on {@code n}, so a per-chunk partial result (a sum) summed in chunk order is
     * the same for every thread count; below two chunks everything runs on the calling thread.
     */
    public static void forChunks(int n, Range body) {
        int chunks = (int) ((n + (long) CHUNK - 1) / CHUNK);
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run(c * CHUNK, (int) Math.min(n, (long) (c + 1) * CHUNK)));
    }

    /**
     * Runs {@code body} over rows {@code [0, rows)} of {@code rowLength} elements, in chunks of whole rows of about
     * {@link #CHUNK} elements, spread over the team: for copies and fills of large row-major buffers, which on the
     * calling thread alone leave the workers parked (tens of MB per recurrent layer call).
     */
    public static void forRows(int rows, int rowLength, Range body) {
        int perChunk = Math.max(1, CHUNK / Math.max(1, rowLength));
        int chunks = (rows + perChunk - 1) / perChunk;
        if (chunks <= 1) {
            body.run(0, rows);
            return;
        }
        forEach(chunks, c -> body.run(c * perChunk, Math.min(rows, (c + 1) * perChunk)));
    }

    /**
     * Runs {@code body} over column ranges of {@code [0, columns)} of a row-major buffer of {@code rows} rows, spread
     * over the team when it holds two chunks or more: for reductions and scatters along the rows, where a task that
     * owns its columns of every row never writes where another does, and each element still takes its rows in
     * ascending order, so the result has the same bits for every thread count.
     */
    public static void forColumns(int rows, int columns, Range body) {
        int parts = (long) rows * columns < 2L * CHUNK ? 1 : Math.max(1, Math.min(columns / 16, 4 * threads));
        if (parts == 1) {
            body.run(0, columns);
            return;
        }
        forEach(parts, t -> body.run(columns * t / parts, columns * (t + 1) / parts));
    }

    private static synchronized Team team() {
        if (team == null && threads > 1) {
            team = new Team(threads - 1);
        }
        return team;
    }

    /** One job: its body and counters. Immutable apart from the counters, so a late worker never mixes two jobs. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
        }

        /** Claims and runs tasks until none is left. */
        void work() {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(i);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static final class Team {
        final AtomicBoolean busy = new AtomicBoolean();
        final Thread[] workers;
        volatile Job job;
        volatile boolean stopped;
        /** Per worker: true while parked or about to park, so the poster knows whom to unpark. */
        final AtomicInteger[] sleeping;

        Team(int count) {
            workers = new Thread[count];
            sleeping = new AtomicInteger[count];
            for (int w = 0; w < count; w++) {
                int id = w;
                sleeping[w] = new AtomicInteger();
                workers[w] = Thread.ofPlatform().daemon().name("rnn4j-kernel-" + (w + 1)).unstarted(() -> loop(id));
                workers[w].start();
            }
        }

        void run(int tasks, IntConsumer body) {
            Job j = new Job(tasks, body);
            job = j;
            for (int w = 0; w < workers.length; w++) {
                if (sleeping[w].get() != 0) {
                    LockSupport.unpark(workers[w]);
                }
            }
            j.work();
            long start = System.nanoTime();
            for (int spins = 1; j.done.get() < tasks; spins++) {
                Thread.onSpinWait();
                // A worker preempted mid-task (more runnable threads than cores) needs a core to finish on: after
                // a short spin, offer ours.
                if ((spins & 255) == 0 && System.nanoTime() - start > YIELD_AFTER_NANOS) {
                    Thread.yield();
                }
            }
            Throwable failure = j.failure;
            if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            } else if (failure != null) {
                throw new IllegalStateException("Parallel.forEach: a task failed", failure);
            }
        }

        void loop(int id) {
            Job seen = null;
            while (!stopped) {
                Job j = job;
                if (j != seen) {
                    seen = j;
                    j.work();
                    continue;
                }
                long start = System.nanoTime();
                int spins = 0;
                while (job == seen && !stopped) {
                    Thread.onSpinWait();
                    if ((++spins & 255) != 0) {
                        continue;
                    }
                    long idle = System.nanoTime() - start;
                    if (idle > YIELD_AFTER_NANOS && idle <= SPIN_NANOS) {
                        Thread.yield();   // awake, but the JIT's and GC's threads get this core when they need it
                    } else if (idle > SPIN_NANOS) {
                        sleeping[id].set(1);
                        // Re-check after announcing the sleep: the poster either sees the flag or we see the job.
                        if (job == seen && !stopped) {
                            LockSupport.park(this);
                        }
                        sleeping[id].set(0);
                        start = System.nanoTime();
                    }
                }
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }
    }
}
