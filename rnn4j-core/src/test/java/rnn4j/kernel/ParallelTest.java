package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void forEach_runsEveryTaskExactlyOnce_manyJobsInARow() {
        Parallel.setThreads(3);
        for (int job = 0; job < 2000; job++) {
            int tasks = 1 + job % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            Parallel.forEach(tasks, runs::incrementAndGet);
            for (int t = 0; t < tasks; t++) {
                assertEquals(1, runs.get(t), "job " + job + " task " + t);
            }
        }
    }

    @Test
    void forRows_coversEveryRowOnceInWholeRowChunks() {
        Parallel.setThreads(2);
        for (int[] rowsAndLength : new int[][] {{0, 5}, {1, 100_000}, {3, 7}, {6400, 2048}, {100_001, 1}, {17, 0}}) {
            int rows = rowsAndLength[0];
            int length = rowsAndLength[1];
            AtomicIntegerArray seen = new AtomicIntegerArray(rows);
            AtomicInteger chunks = new AtomicInteger();
            Parallel.forRows(rows, length, (from, to) -> {
                assertTrue(from < to || rows == 0, "empty chunk [" + from + ", " + to + ")");
                chunks.incrementAndGet();
                for (int r = from; r < to; r++) seen.incrementAndGet(r);
            });
            for (int r = 0; r < rows; r++) {
                assertEquals(1, seen.get(r), rows + " rows of " + length + ": row " + r);
            }
            long elements = (long) rows * length;
            assertTrue(rows < 2 || elements < 2L * Parallel.CHUNK || chunks.get() > 1, "a large buffer of several "
                    + "rows must be split: " + rows + " rows of " + length);
        }
    }

    @Test
    void forColumns_coversEveryColumnOnceAndSplitsLargeBuffers() {
        Parallel.setThreads(2);
        for (int[] rowsAndColumns : new int[][] {{6400, 512}, {10, 5}, {100_000, 1}, {3, 40_000}, {0, 8}}) {
            int rows = rowsAndColumns[0];
            int columns = rowsAndColumns[1];
            AtomicIntegerArray seen = new AtomicIntegerArray(columns);
            AtomicInteger parts = new AtomicInteger();
            Parallel.forColumns(rows, columns, (from, to) -> {
                assertTrue(from < to, "empty part [" + from + ", " + to + ")");
                parts.incrementAndGet();
                for (int c = from; c < to; c++) seen.incrementAndGet(c);
            });
            for (int c = 0; c < columns; c++) {
                assertEquals(1, seen.get(c), rows + " rows of " + columns + ": column " + c);
            }
            long elements = (long) rows * columns;
            assertEquals(elements >= 2L * Parallel.CHUNK && columns >= 32, parts.get() > 1, "split of " + rows
                    + " rows of " + columns + " columns into " + parts.get() + " parts");
        }
    }

    @Test
    void forEach_usesWorkerDaemonThreads() throws InterruptedException {
        Parallel.setThreads(2);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        for (int attempt = 0; attempt < 200 && seen.size() < 2; attempt++) {
            Parallel.forEach(64, t -> {
                seen.add(Thread.currentThread());
                long end = System.nanoTime() + 20_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
        }
        assertEquals(2, seen.size(), "caller and one worker");
        for (Thread t : seen) {
            assertTrue(t == Thread.currentThread() || t.isDaemon(), t + " must be a daemon");
        }
    }

    @Test
    void forEach_rethrowsTheTaskFailure_andStaysUsable() {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(8, t -> {
            if (t == 5) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
        AtomicInteger count = new AtomicInteger();
        Parallel.forEach(8, t -> count.incrementAndGet());
        assertEquals(8, count.get());
    }

    @Test
    void forEach_runsNestedCallsInline() {
        Parallel.setThreads(2);
        AtomicInteger count = new AtomicInteger();
        Parallel.forEach(4, outer -> Parallel.forEach(5, inner -> count.incrementAndGet()));
        assertEquals(20, count.get());
    }

    @Test
    void forEach_withOneThread_runsOnTheCaller() {
        Parallel.setThreads(1);
        Thread caller = Thread.currentThread();
        Parallel.forEach(10, t -> assertSame(caller, Thread.currentThread()));
        assertEquals(1, Parallel.threads());
    }

    @Test
    void forEach_worksAfterWorkersParked() throws InterruptedException {
        Parallel.setThreads(2);
        Parallel.forEach(4, t -> { });
        Thread.sleep(5); // well past the spin window: the worker parks
        AtomicInteger count = new AtomicInteger();
        Parallel.forEach(100, t -> count.incrementAndGet());
        assertEquals(100, count.get());
    }

    @Test
    void setThreads_rejectsZero_withMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertEquals("Parallel.setThreads: count must be >= 1, got 0", e.getMessage());
    }
}
