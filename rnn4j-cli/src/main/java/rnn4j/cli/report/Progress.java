package rnn4j.cli.report;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run on stderr: a live bar (done/total, rate, ETA and a status such as the loss) when stderr is a
 * terminal, and a plain line every few seconds when it is not (logs, CI, pipes), so no escape codes reach a file.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream plain;
    private final String task;
    private final long total;
    private final long plainEveryNanos;
    private long lastPlain;
    private long done;
    private String status = "";

    private Progress(ProgressBar bar, PrintStream plain, String task, long total, Duration plainEvery) {
        this.bar = bar;
        this.plain = plain;
        this.task = task;
        this.total = total;
        this.plainEveryNanos = plainEvery.toNanos();
        this.lastPlain = System.nanoTime();
    }

    /**
     * Progress towards {@code total} units (-1 when unknown) of {@code unit}, drawn on {@code err}: a bar when
     * {@code interactive}, else a line every {@code plainEvery}.
     */
    public static Progress start(String task, long total, String unit, PrintStream err, boolean interactive,
                                 Duration plainEvery) {
        if (!interactive) {
            return new Progress(null, err, task, total, plainEvery);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(" " + unit, 1).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).build();
        return new Progress(bar, err, task, total, plainEvery);
    }

    /** True when stderr is a terminal (the JVM's console is attached). */
    public static boolean stderrIsTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    /** Moves to {@code done} units with a status text (e.g. {@code loss 1.52}). */
    public void update(long done, String status) {
        this.done = done;
        this.status = status;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(" " + status);
            return;
        }
        long now = System.nanoTime();
        if (now - lastPlain >= plainEveryNanos) {
            lastPlain = now;
            printPlain();
        }
    }

    /** Prints a message on its own line without breaking the bar. */
    public void println(String message) {
        if (bar != null) {
            plain.print("\r\033[K");
        }
        plain.println(message);
    }

    private void printPlain() {
        String of = total > 0 ? "/" + total : "";
        plain.println(task + ": " + done + of + (status.isEmpty() ? "" : "  " + status));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else {
            printPlain();
        }
    }
}
