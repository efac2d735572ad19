package rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import rnn4j.cli.report.LossPlot;
import rnn4j.cli.report.Progress;
import rnn4j.data.Datasets;
import rnn4j.data.TextStream;
import rnn4j.data.Tokens;
import rnn4j.data.Vocabulary;
import rnn4j.decode.LmGenerator;
import rnn4j.decode.Sampler;
import rnn4j.io.Checkpoint;
import rnn4j.models.Lm;
import rnn4j.nn.Init;
import rnn4j.nn.Parameter;
import rnn4j.optim.Optimizer;
import rnn4j.optim.TimedCosine;
import rnn4j.train.LmEvaluator;
import rnn4j.train.LmTrainer;

/**
 * {@code rnn4j train}: trains a character- or word-level language model by truncated BPTT and writes checkpoints,
 * a CSV log and a loss plot into the run folder.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a recurrent language model (characters or words) with truncated BPTT.%n"
                + "Writes DIR/model.safetensors (latest), DIR/best.safetensors (best validation loss), "
                + "DIR/model.train.safetensors (optimizer state, for --resume), DIR/log.csv and DIR/loss.png.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE|NAME", description = "Training text (UTF-8) or a dataset name: "
            + "tinyshakespeare, ptb, ptb-char, names.")
    String data;

    @Option(names = "--val", paramLabel = "FILE", description = "Validation text (default: the dataset's validation "
            + "split, else the last --val-fraction of the training text).")
    Path val;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1", description = "Fraction of the text held "
            + "out for validation when there is no --val; 0 = none (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--tokens", paramLabel = "chars|words", description = "Tokenisation (default: the dataset's, "
            + "else chars).")
    Tokens tokens;

    @Mixin
    LmModelOptions model;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "50", description = "Steps of truncated BPTT "
            + "(default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Parallel streams "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    OptimizerOptions optim;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    BudgetOptions budget;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "400", description = "Validate and save every N "
            + "steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "0", description = "Print a sample every N "
            + "steps; 0 = at validations only (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--init-from", paramLabel = "CKPT", description = "Start from a checkpoint's weights, "
            + "architecture and vocabulary (fine-tuning, or a model trained in PyTorch).")
    Path initFrom;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR exactly where it stopped, "
            + "with its own data, model and recipe; give only a larger --steps, --epochs or --time.")
    Path resume;

    @Option(names = "--force", description = "Overwrite an existing run folder.")
    boolean force;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (resume != null) {
            // The run continues with its own data and recipe, as the other training commands do: only the budget,
            // threads and output format may be given again.
            resume = RunFolder.resumable(resume, "rnn4j train", spec);
            restore(RunFolder.Recipe.read(resume));
        }
        validate();
        common.applyThreads();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Path dir = resume != null ? resume : out;
        Files.createDirectories(dir);
        Path modelFile = dir.resolve("model.safetensors");
        Path progressFile = dir.resolve("model.train.safetensors");

        // Model, vocabulary and tokenisation: from the run being resumed, a checkpoint, or the training text.
        Checkpoint.Loaded from = resume != null ? Checkpoint.load(modelFile)
                : initFrom != null ? Checkpoint.load(initFrom) : null;
        Lm.Config config;
        Vocabulary vocab;
        LmCorpus corpus;
        if (from != null) {
            from.requireKind(Lm.KIND);
            config = from.config(Lm.Config.class);
            vocab = Vocabulary.ofOrdered(from.vocab());
            corpus = LmCorpus.load(data, val, valFraction, config.tokenization());
        } else {
            Tokens kind = tokens != null ? tokens : DataArgument.dataset(data).map(Datasets.Dataset::tokens)
                    .orElse(Tokens.CHARS);
            corpus = LmCorpus.load(data, val, valFraction, kind);
            vocab = corpus.vocabulary();
            config = new Lm.Config(vocab.size(), model.embed, model.hidden, model.layers, model.cell, model.dropout,
                    kind.optionName());
        }
        int[] trainIds = vocab.encode(corpus.train(), "the training text (--data)");
        int[] valIds = corpus.valid().isEmpty() ? null : vocab.encode(corpus.valid(), "the validation text");

        SplittableRandom rng = new SplittableRandom(seed);
        Lm lm = new Lm(config, rng);
        if (from != null) {
            from.loadInto(lm);
        } else if (model.initRange > 0) {
            for (Parameter p : lm.parameters()) Init.uniform(p.value(), model.initRange, rng);
        }
        Optimizer optimizer = optim.create(lm.parameters());
        TextStream stream = new TextStream(trainIds, batch, seq);
        long totalSteps = budget.totalSteps(stream.segmentsPerEpoch());
        schedule.validate(totalSteps, budget, optim.lr);
        LmTrainer trainer = new LmTrainer(lm, optimizer, schedule.create(optimizer, totalSteps), stream, optim.clip);
        TimedCosine timed = schedule.timed(optimizer, totalSteps, budget);
        RunLog log = RunLog.open(dir.resolve("log.csv"), resume != null);
        double best = Double.POSITIVE_INFINITY;
        double elapsedBefore = 0;
        if (resume != null) {
            Map<String, String> meta = trainer.restoreProgress(progressFile);
            best = Double.parseDouble(meta.getOrDefault("bestValLoss", "Infinity"));
            elapsedBefore = Double.parseDouble(meta.getOrDefault("elapsedSeconds", "0"));
            budget.requireRemaining(resume, trainer.steps(), elapsedBefore, totalSteps);
        }
        Map<String, String> recipe = recipe();
        err.printf("rnn4j train: %s, %,d parameters, vocabulary %d %s, %,d training tokens (%d streams × %d), "
                        + "%s validation tokens; %s%n", describe(config), lm.parameterCount(), vocab.size(),
                config.tokens(), trainIds.length, batch, trainer.stream().streamLength(),
                valIds == null ? "no" : String.format("%,d", valIds.length), budget.describe(totalSteps));

        RunClock clock = new RunClock(elapsedBefore);
        double elapsed = elapsedBefore;
        long tokensDone = 0;
        boolean interactive = Progress.stderrIsTerminal();
        try (Progress progress = Progress.start("train", totalSteps == Long.MAX_VALUE ? -1 : totalSteps, "step",
                System.err, interactive, Duration.ofSeconds(10))) {
            while (trainer.steps() < totalSteps && !budget.timeUp(elapsed)) {
                if (timed != null) timed.update(trainer.steps(), elapsed);
                LmTrainer.StepReport r = trainer.step();
                tokensDone += r.tokens();
                elapsed = clock.seconds();
                double tokensPerSecond = clock.rate(tokensDone, elapsed);
                progress.update(r.step(), String.format("loss %.4f  %,.0f tok/s  epoch %.2f", r.loss(),
                        tokensPerSecond, r.epoch()));
                Double valLoss = null;
                boolean last = trainer.steps() >= totalSteps || budget.timeUp(elapsed);
                if (r.step() % evalEvery == 0 || last) {
                    if (valIds != null) {
                        valLoss = LmEvaluator.evaluate(lm, valIds, Math.min(batch, (valIds.length - 1)), seq).loss();
                        progress.println(String.format("step %d: validation loss %.4f nats/token (%.4f bits, "
                                + "perplexity %.2f)", r.step(), valLoss, valLoss / Math.log(2), Math.exp(valLoss)));
                        trainer.validated(valLoss);
                        if (valLoss < best) {
                            best = valLoss;
                            save(lm, config, vocab, dir.resolve("best.safetensors"), r.step());
                        }
                    }
                    save(lm, config, vocab, modelFile, r.step());
                    Map<String, String> meta = new LinkedHashMap<>(recipe);
                    meta.put("bestValLoss", Double.toString(best));
                    meta.put("elapsedSeconds", Double.toString(elapsed));
                    trainer.saveProgress(progressFile, meta);
                }
                log.append(r, valLoss, tokensPerSecond, elapsed);
                if (valLoss != null || sampleEvery > 0 && r.step() % sampleEvery == 0) {
                    progress.println("--- sample at step " + r.step() + ":\n" + sample(lm, vocab, config, r.step())
                            + "\n---");
                }
                if (valLoss != null) {
                    plot(log, dir.resolve("loss.png"));
                }
            }
        }
        log.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("steps", trainer.steps());
        result.put("epochs", trainer.stream().epochs());
        result.put("trainSeconds", elapsed);
        result.put("bestValLoss", Double.isInfinite(best) ? null : best);
        result.put("out", dir.toString());
        if (common.json) {
            outw.println(Checkpoint.toJson(result));
        } else {
            outw.printf("trained %d steps (%.2f epochs) in %.0f s; best validation loss %s; run folder %s%n",
                    trainer.steps(), trainer.stream().epochs(), elapsed,
                    Double.isInfinite(best) ? "n/a" : String.format("%.4f nats/token", best), dir);
        }
        return 0;
    }

    /** What {@code --resume} needs besides the model and the optimizer state: the flags that chose data and recipe. */
    private Map<String, String> recipe() {
        Map<String, String> r = new LinkedHashMap<>();
        // files by absolute path, so the run resumes from any working folder; dataset names as they are
        r.put("data", Files.exists(Path.of(data)) ? Path.of(data).toAbsolutePath().toString() : data);
        r.put("val", val == null ? "" : val.toAbsolutePath().toString());
        r.put("valFraction", Double.toString(valFraction));
        r.put("batch", Integer.toString(batch));
        r.put("seq", Integer.toString(seq));
        r.put("evalEvery", Integer.toString(evalEvery));
        r.put("sampleEvery", Integer.toString(sampleEvery));
        r.put("seed", Long.toString(seed));
        optim.save(r);
        schedule.save(r);
        return r;
    }

    /** Sets the flags from the recipe {@link #recipe} wrote into the run being resumed. */
    private void restore(RunFolder.Recipe recipe) {
        data = recipe.text("data");
        val = recipe.optionalPath("val");
        valFraction = recipe.decimal("valFraction");
        batch = recipe.integer("batch");
        seq = recipe.integer("seq");
        evalEvery = recipe.integer("evalEvery");
        sampleEvery = recipe.integer("sampleEvery");
        seed = recipe.whole("seed");
        optim.restore(recipe);
        schedule.restore(recipe);
    }

    private void validate() {
        Usage.require(data != null, "--data is required: a UTF-8 text file or a dataset name");
        Usage.require(out != null ^ resume != null, resume == null ? "--out DIR is required (the run folder)"
                : "give either --out or --resume, not both");
        Usage.require(resume == null || initFrom == null, "--resume and --init-from exclude each other: a resumed run "
                + "continues from its own checkpoint");
        Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
        Usage.require(seq >= 1, "--seq must be >= 1, got %s", seq);
        Usage.require(model.hidden >= 1, "--hidden must be >= 1, got %s", model.hidden);
        Usage.require(model.embed >= 1, "--embed must be >= 1, got %s", model.embed);
        Usage.require(model.layers >= 1, "--layers must be >= 1, got %s", model.layers);
        Usage.require(model.dropout >= 0 && model.dropout < 1, "--dropout must be in [0, 1), got %s", model.dropout);
        Usage.require(model.initRange >= 0 && Double.isFinite(model.initRange), "--init-range must be >= 0, got %s",
                model.initRange);
        Usage.require(model.initRange == 0 || resume == null && initFrom == null, "--init-range draws new weights; "
                + "it cannot be combined with --resume or --init-from, whose weights come from a checkpoint");
        Usage.require(evalEvery >= 1, "--eval-every must be >= 1, got %s", evalEvery);
        Usage.require(sampleEvery >= 0, "--sample-every must be >= 0, got %s", sampleEvery);
        Usage.require(valFraction >= 0 && valFraction < 1, "--val-fraction must be in [0, 1), got %s", valFraction);
        budget.validate();
        int gates = Usage.cell(model.cell, "--cell").gates();
        // the architecture flags build a new model only without --resume or --init-from (else the checkpoint's does)
        if (resume == null && initFrom == null) checkSizes(gates);
        optim.validate();
        if (out != null) RunFolder.requireNew(out, force);
        if (resume != null) {
            Usage.require(Files.isRegularFile(resume.resolve("model.train.safetensors")), "--resume %s must be a run "
                    + "folder of rnn4j train (with model.train.safetensors), got none there", resume);
        }
    }

    /** Usage errors for a model or step workspace past one Java array, naming the options to change. */
    private void checkSizes(int gates) {
        Usage.arraySize((long) gates * model.hidden * Math.max(model.embed, model.hidden), "a weight matrix of the "
                + "recurrent layer (gates × --hidden × max(--embed, --hidden))", "--hidden or --embed");
        Usage.arraySize((long) seq * batch * gates * model.hidden, "the gate workspace of one training step (--seq × "
                + "--batch × gates × --hidden)", "--batch, --seq or --hidden");
    }

    private static String describe(Lm.Config c) {
        return String.format("%s %d×%d (embed %d, dropout %s)", c.cell(), c.numLayers(), c.hiddenSize(), c.embedSize(),
                c.dropout());
    }

    private static void save(Lm lm, Lm.Config config, Vocabulary vocab, Path file, long step) {
        Checkpoint.save(file, lm, Lm.KIND, config, vocab.tokens(), Map.of("step", Long.toString(step)));
    }

    /** A short sample from its own random stream, so sampling never changes the training trajectory. */
    private String sample(Lm lm, Vocabulary vocab, Lm.Config config, long step) {
        Tokens kind = config.tokenization();
        String start = kind == Tokens.WORDS ? Tokens.EOS : "\n";
        int prime = vocab.contains(start) ? vocab.encode(List.of(start), "sample")[0] : 0;
        List<String> text = new ArrayList<>();
        new LmGenerator(lm, Sampler.plain(), new SplittableRandom(seed ^ step * 0x9E3779B97F4A7C15L))
                .generate(new int[] {prime}, kind == Tokens.WORDS ? 60 : 300, id -> text.add(vocab.token(id)));
        return kind.join(text);
    }

    private static void plot(RunLog log, Path png) {
        try {
            LossPlot.write(png, "rnn4j train", "loss (nats/token)", log.curves());
        } catch (IOException e) {
            System.err.println("rnn4j: warning: could not write " + png + ": " + e.getMessage());
        }
    }
}
