package rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.base.SplitMix;
import rnn4j.cli.report.LossPlot;
import rnn4j.cli.report.Progress;
import rnn4j.data.Datasets;
import rnn4j.data.ParallelText;
import rnn4j.data.Seq2SeqVocab;
import rnn4j.io.Checkpoint;
import rnn4j.models.Seq2Seq;
import rnn4j.train.LmTrainer;
import rnn4j.train.Seq2SeqEvaluator;
import rnn4j.train.Seq2SeqTrainer;

/**
 * {@code rnn4j translate train}: trains a {@link Seq2Seq} model and writes {@code model.safetensors} (latest),
 * {@code best.safetensors} (best validation loss), {@code model.train.safetensors} (for {@code --resume}),
 * {@code log.csv} and {@code loss.png} into the run folder.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an encoder-decoder translation model (GRU/LSTM, optional attention).%n"
                + "Writes DIR/model.safetensors, DIR/best.safetensors, DIR/model.train.safetensors (for --resume), "
                + "DIR/log.csv and DIR/loss.png.")
public final class TranslateTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "NAME|FILE", description = "task:date, task:reverse, task:add, multi30k, "
            + "tatoeba-fra-eng, or a tab-separated file of pairs (plain, .gz or .zip; columns by --src/--tgt).")
    String data;

    @Option(names = "--src", paramLabel = "LANG|COLUMN", description = "Source language of a dataset (multi30k: de "
            + "or en; tatoeba-fra-eng: fr or en); for a tab-separated file, the source column: a name in its header "
            + "line or a number from 1 (default: 1).")
    String src;

    @Option(names = "--tgt", paramLabel = "LANG|COLUMN", description = "Target language of a dataset, or the target "
            + "column of a file (default: 2).")
    String tgt;

    @Option(names = "--attention", paramLabel = "KIND", defaultValue = "additive", description = "none, additive "
            + "(Bahdanau), dot or general (Luong) (default: ${DEFAULT-VALUE}).")
    String attention;

    @Option(names = "--cell", paramLabel = "CELL", defaultValue = "gru", description = "gru or lstm (default: "
            + "${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "1", description = "Layers of encoder and decoder "
            + "(default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "256", description = "Hidden state size (default: "
            + "${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embed", paramLabel = "N", defaultValue = "128", description = "Embedding size (default: "
            + "${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--attention-size", paramLabel = "N", description = "Hidden units of additive attention "
            + "(default: --hidden).")
    Integer attentionSize;

    @Option(names = "--bidirectional", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bidirectional encoder (default: ${DEFAULT-VALUE}; --no-bidirectional for one direction).")
    boolean bidirectional;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.0", description = "Dropout in [0, 1) "
            + "(default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--tie", description = "Tie the target embedding and the output layer.")
    boolean tie;

    @Option(names = "--teacher-forcing", paramLabel = "R", defaultValue = "1.0", description = "Probability of "
            + "feeding the true previous token while training (default: ${DEFAULT-VALUE}).")
    double teacherForcing;

    @Option(names = "--max-len", paramLabel = "N", defaultValue = "50", description = "Drop training pairs with a "
            + "side longer than N tokens; 0 = keep all (default: ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--min-freq", paramLabel = "N", defaultValue = "2", description = "Vocabulary: tokens seen at "
            + "least N times; rarer ones become <unk> (default: ${DEFAULT-VALUE}; generated tasks use 1).")
    int minFreq;

    @Option(names = "--train-size", paramLabel = "N", defaultValue = "20000", description = "Generated tasks: "
            + "training pairs to draw (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Sentence pairs per step "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    OptimizerOptions optim;

    @Mixin
    BudgetOptions budget;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "500", description = "Validate (loss, greedy "
            + "BLEU) and save every N steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--eval-sentences", paramLabel = "N", defaultValue = "1000", description = "Validation pairs "
            + "scored (loss) and translated (BLEU) at each validation (default: ${DEFAULT-VALUE}).")
    int evalSentences;

    @Mixin
    RunOptions runOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        TranslateCheckpoint from = null;
        Map<String, String> saved = Map.of();
        if (runOptions.resume != null) {
            Path dir = RunFolder.resumable(runOptions.resume, "rnn4j translate train", spec);
            runOptions.out = dir;
            from = TranslateCheckpoint.load(dir.resolve(RunFolder.MODEL));
            saved = rnn4j.io.SafeTensors.read(dir.resolve(RunFolder.PROGRESS)).metadata();
            // The data, the batching and the recipe are the run's own: a resumed run continues exactly.
            runOptions.seed = from.seed();
            trainSize = from.trainSize();
            batch = Integer.parseInt(saved.getOrDefault("batch", Integer.toString(batch)));
            maxLen = Integer.parseInt(saved.getOrDefault("maxLen", Integer.toString(maxLen)));
            teacherForcing = Double.parseDouble(saved.getOrDefault("teacherForcing", Double.toString(teacherForcing)));
            optim.optimizer = OptimizerOptions.Kind.valueOf(saved.getOrDefault("optimizer", optim.optimizer.name()));
            optim.lr = Double.parseDouble(saved.getOrDefault("lr", Double.toString(optim.lr)));
            optim.clip = Double.parseDouble(saved.getOrDefault("clip", Double.toString(optim.clip)));
        }
        TranslateData d = from != null ? from.data() : TranslateData.of(data, src, tgt);
        validate();
        common.applyThreads();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(runOptions.out);

        var tokenizer = d.tokenizer();
        List<ParallelText.Pair> trainPairs = d.pairs(Datasets.Split.TRAIN, trainSize, runOptions.seed);
        List<ParallelText.Pair> valPairs = d.pairs(Datasets.Split.VALID, trainSize, runOptions.seed);
        int freq = d.generated() ? 1 : minFreq;
        Seq2SeqVocab srcVocab = from != null ? from.srcVocab() : Seq2SeqVocab.build(trainPairs.stream()
                .map(p -> tokenizer.apply(p.source())).toList(), freq);
        Seq2SeqVocab tgtVocab = from != null ? from.tgtVocab() : Seq2SeqVocab.build(trainPairs.stream()
                .map(p -> tokenizer.apply(p.target())).toList(), freq);
        List<ParallelText.Example> train = ParallelText.encode(trainPairs, tokenizer, tokenizer, srcVocab, tgtVocab,
                maxLen);
        List<ParallelText.Example> val = ParallelText.encode(valPairs, tokenizer, tokenizer, srcVocab, tgtVocab, 0);
        Usage.require(!train.isEmpty(), "--data %s has no training pair within --max-len %s", d.data(), maxLen);

        Seq2Seq model;
        if (from != null) {
            model = from.model();
        } else {
            Seq2Seq.Config config;
            try {
                config = new Seq2Seq.Config(srcVocab.size(), tgtVocab.size(), embed, hidden, layers, cell,
                        bidirectional, attention, attentionSize == null ? hidden : attentionSize, dropout, tie);
            } catch (IllegalArgumentException e) {
                throw new ErrorReporting.UsageException(e.getMessage().replaceFirst("^Seq2Seq.Config: ", ""));
            }
            model = new Seq2Seq(config, new SplittableRandom(runOptions.seed));
        }
        Seq2Seq.Config config = model.config();
        TranslateCheckpoint ckpt = new TranslateCheckpoint(model, srcVocab, tgtVocab, d, runOptions.seed, trainSize);
        // Shuffling and teacher-forcing coins get a stream of their own, whose state the progress file keeps.
        Seq2SeqTrainer trainer = new Seq2SeqTrainer(model, optim.create(model.parameters()), null, train, batch,
                optim.clip, teacherForcing, new SplitMix(runOptions.seed ^ 0x5DEECE66DL));
        double best = Double.POSITIVE_INFINITY;
        double elapsedBefore = 0;
        if (from != null) {
            trainer.restoreProgress(runOptions.out.resolve(RunFolder.PROGRESS));
            best = Double.parseDouble(saved.getOrDefault("bestValLoss", "Infinity"));
            elapsedBefore = Double.parseDouble(saved.getOrDefault("elapsedSeconds", "0"));
        }
        Map<String, String> recipe = new LinkedHashMap<>();
        recipe.put("batch", Integer.toString(batch));
        recipe.put("maxLen", Integer.toString(maxLen));
        recipe.put("teacherForcing", Double.toString(teacherForcing));
        recipe.put("optimizer", optim.optimizer.name());
        recipe.put("lr", Double.toString(optim.lr));
        recipe.put("clip", Double.toString(optim.clip));
        long total = budget.totalSteps(trainer.batchesPerEpoch());
        if (from != null) budget.requireRemaining(runOptions.out, trainer.steps(), elapsedBefore, total);
        err.printf("rnn4j translate train: %s %s→%s, %,d training pairs, %,d validation pairs; vocabularies %d/%d; "
                        + "%s %d×%d%s, attention %s, %,d parameters%n", d.data(), d.src(), d.tgt(), train.size(),
                val.size(), srcVocab.size(), tgtVocab.size(), config.cell(), config.numLayers(), config.hiddenSize(),
                config.bidirectional() ? " bidirectional" : "", config.attention(), model.parameterCount());

        RunLog log = RunLog.open(runOptions.out.resolve("log.csv"), from != null);
        Seq2SeqEvaluator.Metrics lastMetrics = null;
        RunClock clock = new RunClock(elapsedBefore);
        double elapsed = elapsedBefore;
        long tokensDone = 0;
        int maxOutput = maxOutputLength(train);
        try (Progress progress = Progress.start("translate", total == Long.MAX_VALUE ? -1 : total, "step",
                System.err, Progress.stderrIsTerminal(), Duration.ofSeconds(10))) {
            while (trainer.steps() < total && !budget.timeUp(elapsed)) {
                Seq2SeqTrainer.StepReport r = trainer.step();
                tokensDone += r.tokens();
                elapsed = clock.seconds();
                double tokensPerSecond = clock.rate(tokensDone, elapsed);
                progress.update(r.step(), String.format("loss %.4f  %,.0f tok/s  epoch %.2f", r.loss(),
                        tokensPerSecond, r.epoch()));
                boolean last = trainer.steps() >= total || budget.timeUp(elapsed);
                Double valLoss = null;
                if (r.step() % evalEvery == 0 || last) {
                    if (!val.isEmpty()) {
                        List<ParallelText.Example> held = val.subList(0, Math.min(val.size(), evalSentences));
                        valLoss = Seq2SeqEvaluator.loss(model, held, batch);
                        lastMetrics = Seq2SeqEvaluator.evaluate(model, held, tgtVocab, d.detokenizer(), batch, 1, 0,
                                maxOutput);
                        progress.println(String.format("step %d: validation loss %.4f, greedy BLEU %.2f%s", r.step(),
                                valLoss, lastMetrics.bleu().bleu(), d.generated() ? String.format(", exact match "
                                        + "%.2f%%", 100 * lastMetrics.exactMatch()) : ""));
                        if (valLoss < best) {
                            best = valLoss;
                            ckpt.save(runOptions.out.resolve("best.safetensors"), r.step());
                        }
                    }
                    ckpt.save(runOptions.out.resolve(RunFolder.MODEL), r.step());
                    Map<String, String> progressMeta = new LinkedHashMap<>(recipe);
                    progressMeta.put("bestValLoss", Double.toString(best));
                    progressMeta.put("elapsedSeconds", Double.toString(elapsed));
                    trainer.saveProgress(runOptions.out.resolve(RunFolder.PROGRESS), progressMeta);
                }
                // RunLog's row has exactly the fields of a training step report, whatever the model.
                log.append(new LmTrainer.StepReport(r.step(), r.epoch(), r.loss(), r.gradNorm(), r.lr(), r.tokens()),
                        valLoss, tokensPerSecond, elapsed);
                if (valLoss != null) plot(log, runOptions.out.resolve("loss.png"));
            }
        }
        log.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("steps", trainer.steps());
        result.put("trainSeconds", elapsed);
        result.put("tokensPerSecond", clock.rate(tokensDone, elapsed));
        result.put("bestValLoss", Double.isInfinite(best) ? null : best);
        result.put("valBleu", lastMetrics == null ? null : lastMetrics.bleu().bleu());
        if (d.generated()) result.put("valExactMatch", lastMetrics == null ? null : lastMetrics.exactMatch());
        result.put("out", runOptions.out.toString());
        PrintWriter outw = spec.commandLine().getOut();
        if (common.json) {
            outw.println(Checkpoint.toJson(result));
        } else {
            outw.printf("trained %d steps in %.0f s; best validation loss %s; validation BLEU %s; run folder %s%n",
                    trainer.steps(), elapsed, Double.isInfinite(best) ? "n/a" : String.format("%.4f", best),
                    lastMetrics == null ? "n/a" : String.format("%.2f", lastMetrics.bleu().bleu()), runOptions.out);
        }
        return 0;
    }

    /** Outputs may run a little past the longest training target before giving up. */
    static int maxOutputLength(List<ParallelText.Example> train) {
        int longest = 1;
        for (ParallelText.Example e : train) longest = Math.max(longest, e.target().length);
        return longest + 10;
    }

    private void validate() {
        runOptions.requireFolder();
        Usage.attention(attention, "--attention");
        Usage.require(cell.equals("gru") || cell.equals("lstm"), "--cell must be gru or lstm, got '%s'", cell);
        Usage.require(layers >= 1, "--layers must be >= 1, got %s", layers);
        Usage.require(hidden >= 1, "--hidden must be >= 1, got %s", hidden);
        Usage.require(embed >= 1, "--embed must be >= 1, got %s", embed);
        Usage.require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got %s", dropout);
        Usage.require(teacherForcing >= 0 && teacherForcing <= 1, "--teacher-forcing must be in [0, 1], got %s",
                teacherForcing);
        Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
        Usage.require(maxLen >= 0, "--max-len must be >= 0 (0 = no limit), got %s", maxLen);
        Usage.require(minFreq >= 1, "--min-freq must be >= 1, got %s", minFreq);
        Usage.require(trainSize >= 1, "--train-size must be >= 1, got %s", trainSize);
        Usage.require(evalEvery >= 1, "--eval-every must be >= 1, got %s", evalEvery);
        Usage.require(evalSentences >= 1, "--eval-sentences must be >= 1, got %s", evalSentences);
        budget.validate();
        optim.validate();
    }

    private static void plot(RunLog log, Path png) {
        try {
            LossPlot.write(png, "rnn4j translate train", "loss (nats/token)", log.curves());
        } catch (IOException e) {
            System.err.println("rnn4j: warning: could not write " + png + ": " + e.getMessage());
        }
    }
}
