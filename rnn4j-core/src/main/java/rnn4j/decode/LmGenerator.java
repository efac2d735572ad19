package rnn4j.decode;

import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.models.Lm;
import rnn4j.models.LmStepper;
import rnn4j.tensor.Grad;

/**
 * Generates text from a language model one token at a time: the prime is read in one pass (one fused call per layer),
 * then each new token is fed back as the next input through the model's {@link LmStepper} (no gradient, no dropout).
 */
public final class LmGenerator {
    private final Lm model;
    private final Sampler sampler;
    private final RandomGenerator rng;

    /** A generator drawing from {@code model} with {@code sampler}'s rule and {@code rng}'s draws. */
    public LmGenerator(Lm model, Sampler sampler, RandomGenerator rng) {
        this.model = model;
        this.sampler = sampler;
        this.rng = rng;
    }

    /**
     * Reads {@code prime} (at least one token) and generates up to {@code length} tokens, handing each to
     * {@code emit} as soon as it is chosen (streaming); {@code emit} returns false to stop early.
     */
    public void generate(int[] prime, int length, IntPredicate emit) {
        Check.argument(prime.length >= 1, "LmGenerator.generate: prime must hold at least one token, got none");
        Check.argument(length >= 0, "LmGenerator.generate: length must be >= 0, got %s", length);
        Grad.eval(() -> {
            int vocab = model.config().vocabSize();
            Lm.Output out = model.forward(prime, 1, prime.length, null);
            float[] logits = out.logits().data();
            int offset = out.logits().offset() + (prime.length - 1) * vocab;
            LmStepper stepper = model.stepper(out.state());
            for (int i = 0; i < length; i++) {
                int next = sampler.choose(logits, offset, vocab, rng);
                if (!emit.test(next) || i == length - 1) {
                    break;
                }
                logits = stepper.next(next);
                offset = 0;
            }
        });
    }
}
