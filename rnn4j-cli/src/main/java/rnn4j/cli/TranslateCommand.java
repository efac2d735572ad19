package rnn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rnn4j translate}: sequence-to-sequence models with attention, trained on parallel text or generated tasks,
 * evaluated by BLEU, and run on a sentence with an attention heat map.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Sequence to sequence with attention: train, evaluate (BLEU) and run translation models.",
        subcommands = {TranslateTrainCommand.class, TranslateEvalCommand.class, TranslateRunCommand.class})
public final class TranslateCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // `rnn4j translate` alone: list the subcommands rather than doing nothing silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
