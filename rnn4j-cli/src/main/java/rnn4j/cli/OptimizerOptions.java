package rnn4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import rnn4j.nn.Parameter;
import rnn4j.optim.Adagrad;
import rnn4j.optim.Adam;
import rnn4j.optim.AdamW;
import rnn4j.optim.Optimizer;
import rnn4j.optim.RmsProp;
import rnn4j.optim.Sgd;

/** The optimizer flags shared by every training command. */
final class OptimizerOptions {
    /** The optimizers by flag value. */
    enum Kind { adam, adamw, sgd, rmsprop, adagrad }

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, adamw, sgd, rmsprop or adagrad "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "adam")
    Kind optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).",
            defaultValue = "2e-3")
    double lr;

    @Option(names = "--clip", paramLabel = "X", description = "Clip the global gradient norm to X; 0 = off "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "5")
    double clip;

    void validate() {
        Usage.require(lr > 0 && Double.isFinite(lr), "--lr must be > 0, got %s", lr);
        Usage.require(clip >= 0 && Double.isFinite(clip), "--clip must be >= 0 (0 = off), got %s", clip);
    }

    /** The optimizer over {@code parameters}, with PyTorch's defaults for everything but the learning rate. */
    Optimizer create(List<Parameter> parameters) {
        return switch (optimizer) {
            case adam -> new Adam(parameters, lr);
            case adamw -> new AdamW(parameters, lr);
            case sgd -> new Sgd(parameters, lr);
            case rmsprop -> new RmsProp(parameters, lr);
            case adagrad -> new Adagrad(parameters, lr);
        };
    }

    /** Adds the flags to a progress file's recipe, for {@code --resume}. */
    void save(Map<String, String> recipe) {
        recipe.put("optimizer", optimizer.name());
        recipe.put("lr", Double.toString(lr));
        recipe.put("clip", Double.toString(clip));
    }

    /** Sets the flags from a recipe {@link #save} wrote. */
    void restore(RunFolder.Recipe recipe) {
        String name = recipe.text("optimizer");
        try {
            optimizer = Kind.valueOf(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new rnn4j.io.CheckpointException("OptimizerOptions.restore: the entry 'optimizer' of "
                    + recipe.file() + " must be one of adam, adamw, sgd, rmsprop, adagrad, got '" + name + "'");
        }
        lr = recipe.decimal("lr");
        clip = recipe.decimal("clip");
    }
}
