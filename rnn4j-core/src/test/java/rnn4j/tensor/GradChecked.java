package rnn4j.tensor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method that runs a {@link GradCheck} of the named public ops, each as {@code "Class.method"} (such as
 * {@code "MathOps.add"}); {@code OpsCompletenessTest} fails for any differentiable op that no test names.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GradChecked {
    /** The ops this test checks, as {@code "Class.method"}. */
    String[] value();
}
