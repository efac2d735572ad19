package rnn4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.data.Datasets;
import rnn4j.io.Checkpoint;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.Parallel;

/** {@code rnn4j info}: what rnn4j runs on here: JDK, SIMD width, threads, memory, data folders. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the runtime: JDK, Vector API and SIMD "
        + "width, threads, memory and the dataset folders.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vendor") + ")");
        info.put("vectorApi", Kernels.vectorAvailable());
        info.put("floatLanes", Kernels.floatLanes());
        info.put("cores", Runtime.getRuntime().availableProcessors());
        info.put("threads", Parallel.threads());
        info.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        info.put("dataMirror", Datasets.mirror().map(Object::toString).orElse("(RNN4J_DATA_DIR unset)"));
        info.put("cache", Datasets.cache().toString());
        info.put("datasets", Datasets.all().keySet().stream().sorted().toList());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(Checkpoint.toJson(info));
        } else {
            info.forEach((k, v) -> out.printf("%-11s %s%n", k, v));
        }
        return 0;
    }
}
